/** The typed form of `.github/orchestrator.yml` after validation (PRODUCT.md § config). */

export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Ordered: a later status is "beyond" an earlier one. */
export const WORKER_STATUSES = ['pending', 'launched', 'active', 'pr_ready', 'approved', 'merged'] as const;
export type WorkerStatus = (typeof WORKER_STATUSES)[number];

export interface Worker {
  id: string;
  branch: string;
  role: string;
  priority: Priority;
  dependsOn: string[];
  /** Path of the worker's task file in the repository, when given. */
  task: string | null;
}

export interface Checkpoint {
  id: string;
  title: string;
  /** Worker id -> the status that worker must have reached (or gone beyond). */
  requires: Record<string, WorkerStatus>;
}

export interface OmnibusConfig {
  branch: string;
  title: string;
}

export interface OrchestratorConfig {
  version: 1;
  project: string;
  /** null: the repository's default branch, resolved at run time. */
  base: string | null;
  omnibus: OmnibusConfig;
  staleAfterHours: number;
  workers: Worker[];
  checkpoints: Checkpoint[];
}

export const DEFAULT_CONFIG_PATH = '.github/orchestrator.yml';
export const DEFAULT_STALE_AFTER_HOURS = 48;

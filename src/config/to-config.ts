import {
  DEFAULT_STALE_AFTER_HOURS,
  type Checkpoint,
  type OrchestratorConfig,
  type Priority,
  type Worker,
  type WorkerStatus,
} from './types.js';

/** Shapes of the file's data once it has passed the schema and the cross checks. */
interface RawWorker {
  id: string;
  branch: string;
  role: string;
  priority?: Priority;
  'depends-on'?: string[];
  task?: string | null;
}

interface RawCheckpoint {
  id: string;
  title: string;
  requires: Record<string, WorkerStatus>;
}

interface RawConfig {
  version: 1;
  project: string;
  base?: string | null;
  omnibus: { branch: string; title?: string };
  'stale-after-hours'?: number;
  workers: RawWorker[];
  checkpoints?: RawCheckpoint[];
}

/** The typed config, defaults filled in as the schema's `default` keywords state them. */
export function toConfig(data: unknown): OrchestratorConfig {
  const raw = data as RawConfig;
  return {
    version: 1,
    project: raw.project,
    base: raw.base ?? null,
    omnibus: { branch: raw.omnibus.branch, title: raw.omnibus.title ?? raw.project },
    staleAfterHours: raw['stale-after-hours'] ?? DEFAULT_STALE_AFTER_HOURS,
    workers: raw.workers.map(toWorker),
    checkpoints: (raw.checkpoints ?? []).map(toCheckpoint),
  };
}

function toWorker(raw: RawWorker): Worker {
  return {
    id: raw.id,
    branch: raw.branch,
    role: raw.role,
    priority: raw.priority ?? 'medium',
    dependsOn: [...(raw['depends-on'] ?? [])],
    task: raw.task ?? null,
  };
}

function toCheckpoint(raw: RawCheckpoint): Checkpoint {
  return { id: raw.id, title: raw.title, requires: { ...raw.requires } };
}

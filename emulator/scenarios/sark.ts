/**
 * The SARK example of PRODUCT.md on the emulator: `.github/orchestrator.yml` (examples/orchestrator.yml)
 * on main and six workers arranged so that every status occurs once, with a stale worker, a red CI,
 * a draft pull request and exactly one conflicting pair. Used by the status-report end-to-end tests
 * and by `npm run demo`.
 *
 *   worker     branch                  status    how
 *   engineer1  feat/gateway-client     merged    PR #1 approved, green, merged into main by the emulator
 *   engineer2  feat/gateway-api        approved  PR #2 open, approved by the czar, all checks green
 *   engineer3  feat/gateway-policies   pr_ready  PR #3 open, `test` still running; conflicts with engineer4
 *   engineer4  feat/gateway-audit      active    PR #4 a draft, `test` failed (red CI), last commit 72 h ago
 *                                                (stale); edits the same lines of src/gateway/config.ts
 *                                                as engineer3
 *   qa         feat/gateway-tests      launched  branch cut from main, nothing added
 *   docs       feat/gateway-docs       pending   no branch
 */
import { readFileSync } from 'node:fs';
import type { Emulator } from '../index.js';
import type { TestRepo } from '../repo.js';

export type SarkCi = 'success' | 'failure' | 'pending' | 'none';
export type SarkStatus = 'pending' | 'launched' | 'active' | 'pr_ready' | 'approved' | 'merged';

export interface SarkWorker {
  id: string;
  branch: string;
  status: SarkStatus;
  /** The branch head after seeding; null when the branch does not exist. */
  head: string | null;
  /** The PR the status document should show: the open one, else the merged one. */
  pr: number | null;
  ci: SarkCi;
  stale: boolean;
  draft: boolean;
  /** Workers whose branches conflict with this one (the conflict forecast). */
  conflictsWith: string[];
  /** People whose latest review approves. */
  approvals: number;
}

export interface SarkScenario {
  /** The config committed on main. */
  config: string;
  configPath: '.github/orchestrator.yml';
  base: 'main';
  omnibusBranch: string;
  /** The clock the scenario was arranged against (commit dates are relative to it). */
  now: string;
  workers: Record<'engineer1' | 'engineer2' | 'engineer3' | 'engineer4' | 'qa' | 'docs', SarkWorker>;
  /** The one conflicting pair and the file both edit. */
  conflict: { workers: [string, string]; paths: string[] };
  checkpoints: Record<'day1_models' | 'day4_integration' | 'day8_complete', boolean>;
  /** main after engineer1's PR was merged. */
  mainHead: string;
  /** Who reviews: the lead. */
  czar: string;
}

export interface SeedSarkOptions {
  /** The moment the scenario is arranged against; default: now. */
  now?: Date | string | number;
}

const CONFIG_PATH = '.github/orchestrator.yml';
const CZAR = 'czar';

/** Seeds the repository behind `gh` (whose origin `repo` pushes to) with the SARK scenario. */
export async function seedSark(
  gh: Emulator,
  repo: TestRepo,
  options: SeedSarkOptions = {},
): Promise<SarkScenario> {
  const now = new Date(options.now ?? Date.now());
  const ago = (hours: number): string => new Date(now.getTime() - hours * 3_600_000).toISOString();
  const config = readFileSync(new URL('../../examples/orchestrator.yml', import.meta.url), 'utf8');
  const { store } = gh;

  // main: the project as the workers found it.
  await repo.commit(
    'main',
    {
      [CONFIG_PATH]: config,
      'README.md': '# SARK\n\nSecure Authorization & Routing Kernel. v1.1 adds the gateway integration.\n',
      'package.json': `${JSON.stringify({ name: 'sark', version: '1.0.0', type: 'module', private: true }, null, 2)}\n`,
      'src/gateway/config.ts': GATEWAY_CONFIG,
      'src/index.ts': "export { loadGatewayConfig } from './gateway/config.js';\n",
      ...Object.fromEntries(TASKS.map(([id, text]) => [`docs/tasks/${id}.md`, text])),
    },
    { message: 'Plan v1.1: gateway integration, task files for six workers', date: ago(120), author: CZAR },
  );

  // engineer1, gateway client: three commits, then a PR that is approved, green and merged.
  const e1 = 'feat/gateway-client';
  await repo.commit(
    e1,
    { 'src/gateway/models.ts': MODELS },
    { message: 'Gateway models', date: ago(100), author: 'engineer1' },
  );
  await repo.commit(
    e1,
    { 'src/gateway/client.ts': CLIENT },
    { message: 'Gateway HTTP client', date: ago(96), author: 'engineer1' },
  );
  const e1Head = await repo.commit(
    e1,
    {
      'src/gateway/retry.ts': RETRY,
      'src/gateway/client.ts': CLIENT_WITH_RETRY,
    },
    { message: 'Retry idempotent gateway calls', date: ago(90), author: 'engineer1' },
  );

  // engineer2, authorization API: builds on engineer1's branch.
  const e2 = 'feat/gateway-api';
  await repo.commit(
    e2,
    { 'src/api/authz.ts': AUTHZ },
    { message: 'Authorization endpoint', date: ago(80), author: 'engineer2', from: e1 },
  );
  const e2Head = await repo.commit(
    e2,
    { 'src/api/routes.ts': ROUTES },
    { message: 'Mount the authorization routes', date: ago(20), author: 'engineer2' },
  );

  // engineer3 and engineer4 both retune the same lines of the gateway config: the conflicting pair.
  const e3 = 'feat/gateway-policies';
  await repo.commit(
    e3,
    { 'src/policy/engine.ts': POLICY },
    { message: 'Policy engine adapter', date: ago(30), author: 'engineer3' },
  );
  const e3Head = await repo.commit(
    e3,
    {
      'src/gateway/config.ts': GATEWAY_CONFIG.replace(
        TUNABLES,
        'timeoutMs: 2_000, // policy decisions must be fast\n  retries: 1,',
      ),
    },
    { message: 'Tighten gateway timeouts for policy checks', date: ago(6), author: 'engineer3' },
  );
  const e4 = 'feat/gateway-audit';
  await repo.commit(
    e4,
    { 'src/audit/log.ts': AUDIT },
    { message: 'Audit log writer', date: ago(80), author: 'engineer4' },
  );
  const e4Head = await repo.commit(
    e4,
    {
      'src/gateway/config.ts': GATEWAY_CONFIG.replace(
        TUNABLES,
        'timeoutMs: 15_000, // audit sink can be slow\n  retries: 5,',
      ),
    },
    { message: 'Longer gateway timeouts for the audit sink', date: ago(72), author: 'engineer4' },
  );

  // Pull requests, reviews and checks.
  const pr1 = store.createPullRequest({
    head: e1,
    base: 'main',
    title: 'Gateway client and infrastructure',
    user: 'engineer1',
    body: 'Task: docs/tasks/engineer1.md',
  });
  green(gh, e1Head, 1);
  store.addReview({
    pullNumber: pr1.number,
    user: CZAR,
    state: 'APPROVED',
    commitId: e1Head,
    submittedAt: ago(89),
  });
  await store.mergePullRequest(pr1.number, { by: CZAR });

  const pr2 = store.createPullRequest({
    head: e2,
    base: 'main',
    title: 'Authorization API endpoints',
    user: 'engineer2',
    body: 'Task: docs/tasks/engineer2.md',
  });
  green(gh, e2Head, 2);
  store.addStatus({ sha: e2Head, context: 'ci/lint', state: 'success', description: 'No lint errors' });
  store.addReview({
    pullNumber: pr2.number,
    user: CZAR,
    state: 'APPROVED',
    commitId: e2Head,
    submittedAt: ago(2),
  });

  const pr3 = store.createPullRequest({
    head: e3,
    base: 'main',
    title: 'Policy engine integration',
    user: 'engineer3',
    body: 'Task: docs/tasks/engineer3.md',
  });
  store.addCheckRun({
    headSha: e3Head,
    name: 'build',
    status: 'completed',
    conclusion: 'success',
    workflowRunId: 9003,
    startedAt: ago(5.9),
    completedAt: ago(5.8),
  });
  store.addCheckRun({
    headSha: e3Head,
    name: 'test',
    status: 'in_progress',
    workflowRunId: 9003,
    startedAt: ago(5.8),
  });

  const pr4 = store.createPullRequest({
    head: e4,
    base: 'main',
    title: 'WIP: audit logging',
    user: 'engineer4',
    draft: true,
    body: 'Task: docs/tasks/engineer4.md',
  });
  store.addCheckRun({
    headSha: e4Head,
    name: 'build',
    status: 'completed',
    conclusion: 'success',
    workflowRunId: 9004,
    startedAt: ago(71.9),
    completedAt: ago(71.8),
  });
  store.addCheckRun({
    headSha: e4Head,
    name: 'test',
    status: 'completed',
    conclusion: 'failure',
    workflowRunId: 9004,
    startedAt: ago(71.8),
    completedAt: ago(71.7),
    output: { title: '2 failed, 31 passed', summary: 'audit/log.test.ts: sink timeout' },
  });

  // qa: cut from main once engineer1 was in, nothing of its own yet. docs: not started.
  const mainHead = (await repo.head('main')) ?? '';
  await repo.git.fetch('origin', ['main']);
  await repo.git.run(['push', '-q', 'origin', `${mainHead}:refs/heads/feat/gateway-tests`]);

  const worker = (
    id: string,
    branch: string,
    status: SarkStatus,
    rest: Partial<SarkWorker> = {},
  ): SarkWorker => ({
    id,
    branch,
    status,
    head: null,
    pr: null,
    ci: 'none',
    stale: false,
    draft: false,
    conflictsWith: [],
    approvals: 0,
    ...rest,
  });

  return {
    config,
    configPath: CONFIG_PATH,
    base: 'main',
    omnibusBranch: 'feat/gateway-integration-omnibus',
    now: now.toISOString(),
    workers: {
      engineer1: worker('engineer1', e1, 'merged', {
        head: e1Head,
        pr: pr1.number,
        ci: 'success',
        approvals: 1,
      }),
      engineer2: worker('engineer2', e2, 'approved', {
        head: e2Head,
        pr: pr2.number,
        ci: 'success',
        approvals: 1,
      }),
      engineer3: worker('engineer3', e3, 'pr_ready', {
        head: e3Head,
        pr: pr3.number,
        ci: 'pending',
        conflictsWith: ['engineer4'],
      }),
      engineer4: worker('engineer4', e4, 'active', {
        head: e4Head,
        pr: pr4.number,
        ci: 'failure',
        stale: true,
        draft: true,
        conflictsWith: ['engineer3'],
      }),
      qa: worker('qa', 'feat/gateway-tests', 'launched', { head: mainHead }),
      docs: worker('docs', 'feat/gateway-docs', 'pending'),
    },
    conflict: { workers: ['engineer3', 'engineer4'], paths: ['src/gateway/config.ts'] },
    checkpoints: { day1_models: true, day4_integration: true, day8_complete: false },
    mainHead,
    czar: CZAR,
  };
}

/** A green CI run on `sha`: `build` and `test` passed. */
function green(gh: Emulator, sha: string, run: number): void {
  for (const name of ['build', 'test']) {
    gh.store.addCheckRun({
      headSha: sha,
      name,
      status: 'completed',
      conclusion: 'success',
      workflowRunId: 9000 + run,
    });
  }
}

const TUNABLES = 'timeoutMs: 5_000,\n  retries: 3,';

const GATEWAY_CONFIG = `export interface GatewayConfig {
  baseUrl: string;
  timeoutMs: number;
  retries: number;
}

export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  return {
    baseUrl: env.SARK_GATEWAY_URL ?? 'http://localhost:8080',
  };
}

export const defaults = {
  ${TUNABLES}
};
`;

const MODELS = `export interface AuthorizationRequest {
  subject: string;
  action: string;
  resource: string;
}

export interface AuthorizationDecision {
  allow: boolean;
  reason: string;
}
`;

const CLIENT = `import type { AuthorizationDecision, AuthorizationRequest } from './models.js';

export async function authorize(url: string, request: AuthorizationRequest): Promise<AuthorizationDecision> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(request) });
  return (await response.json()) as AuthorizationDecision;
}
`;

const CLIENT_WITH_RETRY = `import type { AuthorizationDecision, AuthorizationRequest } from './models.js';
import { withRetry } from './retry.js';

export async function authorize(url: string, request: AuthorizationRequest): Promise<AuthorizationDecision> {
  const response = await withRetry(() => fetch(url, { method: 'POST', body: JSON.stringify(request) }));
  return (await response.json()) as AuthorizationDecision;
}
`;

const RETRY = `export async function withRetry<T>(call: () => Promise<T>, retries = 3): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= retries) throw error;
    }
  }
}
`;

const AUTHZ = `import { authorize } from '../gateway/client.js';
import type { AuthorizationRequest } from '../gateway/models.js';

export async function handleAuthorize(body: AuthorizationRequest): Promise<{ status: number; body: unknown }> {
  const decision = await authorize(process.env.SARK_PDP_URL ?? 'http://localhost:8181', body);
  return { status: decision.allow ? 200 : 403, body: decision };
}
`;

const ROUTES = `import { handleAuthorize } from './authz.js';

export const routes = { 'POST /v1/authorize': handleAuthorize };
`;

const POLICY = `export interface Policy {
  id: string;
  rego: string;
}

export function evaluate(policy: Policy, input: unknown): boolean {
  return policy.rego.length > 0 && input !== null;
}
`;

const AUDIT = `export interface AuditEvent {
  at: string;
  subject: string;
  decision: 'allow' | 'deny';
}

export function auditLine(event: AuditEvent): string {
  return JSON.stringify(event);
}
`;

const TASKS: [string, string][] = [
  ['engineer1', '# engineer1: Gateway Client & Infrastructure\n\nModels, HTTP client, retries.\n'],
  [
    'engineer2',
    '# engineer2: Authorization API Endpoints\n\nPOST /v1/authorize on top of the gateway client.\n',
  ],
  ['engineer3', '# engineer3: Policy Engine Integration\n\nEvaluate policies before forwarding.\n'],
  ['engineer4', '# engineer4: Audit Logging & Monitoring\n\nOne audit line per decision.\n'],
  ['qa', '# qa: Testing & Validation\n\nEnd-to-end tests of the gateway.\n'],
  ['docs', '# docs: Documentation & Deployment\n\nOperator guide and deployment notes.\n'],
];

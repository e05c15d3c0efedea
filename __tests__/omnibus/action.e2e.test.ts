import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { runAction, type ActionRun } from '../helpers/harness.js';
import { createRepo, type TestRepo } from '../helpers/repo.js';
import { Git } from '../../src/git/git.js';

/**
 * The committed bundle, run as the runner runs it, against the emulator and its bare repository.
 * The scenarios build on each other in order (one repository for the whole file).
 */
const OMNIBUS = 'feat/omnibus';
const CONFIG = `version: 1
project: Widgets
base: main
omnibus:
  branch: ${OMNIBUS}
  title: Widgets integration
workers:
  - id: engineer1
    branch: feat/client
    role: Gateway Client
    priority: critical
  - id: engineer2
    branch: feat/api
    role: API Endpoints
    priority: high
    depends-on: [engineer1]
  - id: engineer3
    branch: feat/policy
    role: Policy Engine
    priority: medium
  - id: qa
    branch: feat/tests
    role: Testing
    priority: low
    depends-on: [engineer3]
  - id: docs
    branch: feat/docs
    role: Documentation
    priority: low
`;

let gh: Emulator;
let repo: TestRepo;

beforeAll(async () => {
  gh = await startEmulator();
  repo = await createRepo({
    bare: gh.bareRepo,
    initialFiles: {
      '.github/orchestrator.yml': CONFIG,
      'src/shared.ts': 'a\nb\nc\n',
      'README.md': '# widgets\n',
    },
  });
  await repo.commit('feat/client', { 'src/client.ts': 'client\n', 'src/shared.ts': 'a\nclient\nc\n' });
  await repo.commit('feat/api', { 'src/api.ts': 'api\n' }, { from: 'feat/client' });
  await repo.commit('feat/policy', { 'src/shared.ts': 'a\npolicy\nc\n' }, { message: 'Policy edits shared' });
  await repo.commit('feat/tests', { 'test/policy.test.ts': 'test\n' }, { from: 'feat/policy' });
  gh.store.createPullRequest({ head: 'feat/client', base: 'main', title: 'Gateway client' });
});
afterAll(async () => {
  await gh.close();
  await repo.cleanup();
});

/** Every ref of the remote, by name. */
async function remoteRefs(): Promise<Map<string, string>> {
  const out = await new Git(gh.bareRepo).run(['for-each-ref', '--format=%(refname) %(objectname)']);
  return new Map(out.split('\n').map((line) => line.split(' ') as [string, string]));
}

function changedRefs(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

async function omnibus(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction('omnibus', { emulator: gh, inputs, timeoutMs: 120_000 });
}

describe('omnibus action (bundle against the emulator)', () => {
  let built: ActionRun;

  it('dry-run prints the plan and changes no ref', async () => {
    const before = await remoteRefs();
    const run = await omnibus({ 'dry-run': 'true' });
    expect(run.exitCode).toBe(0);
    expect(changedRefs(before, await remoteRefs())).toEqual([]);
    expect(run.summary).toContain('**Dry run**');
    expect(run.summary).toContain('### Merge order');
    expect(run.summary).toContain('conflict with engineer1');
    expect(run.summary).toContain('🟢 merges clean (would be ');
    expect(run.summary).toContain('Would merge clean: engineer1, engineer2.');
    expect(run.outputs.sha).toMatch(/^[0-9a-f]{40}$/);
    built = run;
  });

  it('build merges in order, reports the conflict and the skipped dependent, and changes only the omnibus branch', async () => {
    const before = await remoteRefs();
    const run = await omnibus();
    expect(run.exitCode).toBe(0);
    expect(changedRefs(before, await remoteRefs())).toEqual([`refs/heads/${OMNIBUS}`]);
    expect(run.outputs.branch).toBe(OMNIBUS);
    expect(run.outputs.sha).toBe(built.outputs.sha);
    expect((await remoteRefs()).get(`refs/heads/${OMNIBUS}`)).toBe(run.outputs.sha);
    expect(JSON.parse(run.outputs.merged!)).toEqual(['engineer1', 'engineer2']);
    expect(JSON.parse(run.outputs.skipped!)).toEqual([
      { worker: 'engineer3', reason: 'conflict', paths: ['src/shared.ts'], conflictsWith: ['engineer1'] },
      { worker: 'qa', reason: 'depends on a skipped worker', paths: [], conflictsWith: [] },
    ]);
    expect(run.outputs['pr-number']).toBe('');
    expect(run.summary).toContain('Policy edits shared');
    expect(run.summary).toContain('```mermaid');
    expect(run.summary).toMatch(/Not included \(no branch or no commits of their own\): docs/);
    built = run;
  });

  it('a second build with nothing new is a no-op: same sha, no ref changed', async () => {
    const before = await remoteRefs();
    const run = await omnibus();
    expect(run.exitCode).toBe(0);
    expect(run.outputs.sha).toBe(built.outputs.sha);
    expect(changedRefs(before, await remoteRefs())).toEqual([]);
    expect(run.summary).toContain('Nothing new');
  });

  it('on-conflict fail refuses and pushes nothing', async () => {
    await repo.commit('feat/docs', { 'docs/guide.md': 'guide\n' });
    const before = await remoteRefs();
    const run = await omnibus({ 'on-conflict': 'fail' });
    expect(run.exitCode).not.toBe(0);
    expect(changedRefs(before, await remoteRefs())).toEqual([]);
    expect(run.annotations.map((a) => a.message).join('\n')).toContain(
      'engineer3 (src/shared.ts with engineer1)',
    );
  });

  it('pr mode with dry-run opens nothing and says what it would do', async () => {
    const before = await remoteRefs();
    const run = await omnibus({ mode: 'pr', 'dry-run': 'true' });
    expect(run.exitCode).toBe(0);
    expect(changedRefs(before, await remoteRefs())).toEqual([]);
    expect(gh.store.pullRequests.filter((p) => p.head === OMNIBUS)).toHaveLength(0);
    expect(run.summary).toContain('would be opened');
    expect(run.outputs['pr-number']).toBe('');
  });

  let prNumber = 0;
  it('pr mode builds, opens the omnibus PR naming every merged and skipped worker', async () => {
    const before = await remoteRefs();
    // Creating the PR first answers 502: it looks for the PR before trying again, and opens one only.
    gh.failNext(1, { status: 502, route: 'POST /repos/{owner}/{repo}/pulls' });
    const run = await omnibus({ mode: 'pr' });
    expect(run.exitCode).toBe(0);
    expect(gh.store.pullRequests.filter((p) => p.head === OMNIBUS)).toHaveLength(1);
    expect(run.annotations.map((a) => a.message)).toContain(
      'Opening the omnibus pull request answered 502; looking for it before trying again.',
    );
    expect(changedRefs(before, await remoteRefs())).toEqual([`refs/heads/${OMNIBUS}`]);
    expect(JSON.parse(run.outputs.merged!)).toEqual(['engineer1', 'engineer2', 'docs']);
    prNumber = Number(run.outputs['pr-number']);
    expect(prNumber).toBeGreaterThan(0);
    expect(run.outputs['pr-url']).toContain(`/pull/${prNumber}`);
    const pr = gh.store.pullRequests.find((p) => p.number === prNumber)!;
    expect(pr.head).toBe(OMNIBUS);
    expect(pr.base).toBe('main');
    expect(pr.title).toBe('Widgets integration');
    for (const id of ['engineer1', 'engineer2', 'docs', 'engineer3', 'qa'])
      expect(pr.body).toContain(`| ${id} |`);
    expect(pr.body).toContain('`src/shared.ts`');
    expect(pr.body).toContain('```mermaid');
    expect(pr.body).toMatch(/\[#1\]\([^)]+\/pull\/1\)/);
    expect(pr.body!.length).toBeLessThan(65_536);
  });

  it('a second pr run opens no second PR and writes nothing', async () => {
    const before = await remoteRefs();
    gh.requests.reset();
    const run = await omnibus({ mode: 'pr' });
    expect(run.exitCode).toBe(0);
    expect(changedRefs(before, await remoteRefs())).toEqual([]);
    expect(Number(run.outputs['pr-number'])).toBe(prNumber);
    expect(gh.store.pullRequests.filter((p) => p.head === OMNIBUS)).toHaveLength(1);
    const writes = gh.requests.log.filter((r) => r.method !== 'GET');
    expect(writes).toEqual([]);
    expect(run.summary).toContain('is up to date');
  });

  it('merge mode refuses a PR nobody approved', async () => {
    const head = (await remoteRefs()).get(`refs/heads/${OMNIBUS}`)!;
    gh.store.addCheckRun({ headSha: head, name: 'ci', status: 'completed', conclusion: 'success' });
    const before = await remoteRefs();
    const run = await omnibus({ mode: 'merge' });
    expect(run.exitCode).not.toBe(0);
    expect(run.summary).toContain('nobody has approved it');
    expect(changedRefs(before, await remoteRefs())).toEqual([]);
  });

  it('merge mode refuses an approved PR whose checks are red', async () => {
    const head = (await remoteRefs()).get(`refs/heads/${OMNIBUS}`)!;
    gh.store.addReview({ pullNumber: prNumber, user: 'lead', state: 'APPROVED', commitId: head });
    gh.store.addCheckRun({ headSha: head, name: 'lint', status: 'completed', conclusion: 'failure' });
    const before = await remoteRefs();
    const run = await omnibus({ mode: 'merge' });
    expect(run.exitCode).not.toBe(0);
    expect(run.summary).toMatch(/checks are not all green: .*lint/);
    expect(changedRefs(before, await remoteRefs())).toEqual([]);
  });

  it('merge mode merges the approved, green PR with a merge commit pinned to its head', async () => {
    const head = (await remoteRefs()).get(`refs/heads/${OMNIBUS}`)!;
    gh.store.addCheckRun({ headSha: head, name: 'lint', status: 'completed', conclusion: 'success' });
    const dry = await omnibus({ mode: 'merge', 'dry-run': 'true' });
    expect(dry.exitCode).toBe(0);
    expect(dry.summary).toContain('would be merged');

    const before = await remoteRefs();
    gh.requests.reset();
    // The first merge call fails with a 502: the PR is read again before the merge is repeated.
    gh.failNext(1, { status: 502, route: 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge' });
    const run = await omnibus({ mode: 'merge' });
    expect(run.exitCode).toBe(0);
    const calls = gh.requests.log.map((r) => `${r.route} ${r.status}`);
    const firstMerge = calls.indexOf('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge 502');
    expect(firstMerge).toBeGreaterThanOrEqual(0);
    expect(calls.slice(firstMerge + 1)).toEqual([
      'GET /repos/{owner}/{repo}/pulls/{pull_number} 200',
      'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge 200',
    ]);
    expect(changedRefs(before, await remoteRefs())).toEqual(['refs/heads/main']);
    const merged = gh.store.pullRequests.find((p) => p.number === prNumber)!;
    expect(merged.merged).toBe(true);
    const mergeCall = gh.requests.log.find((r) => r.method === 'PUT' && r.status === 200);
    expect(mergeCall?.url).toContain(`/pulls/${prNumber}/merge`);
    const main = (await remoteRefs()).get('refs/heads/main')!;
    const parents = await new Git(gh.bareRepo).run(['log', '-1', '--format=%P', main]);
    expect(parents.split(' ')).toEqual([before.get('refs/heads/main'), head]);
    expect(run.outputs.sha).toBe(head);
    expect(JSON.parse(run.outputs.merged!)).toEqual(['engineer1', 'engineer2', 'docs']);
    expect(run.summary).toContain('**Merged**');
  });

  it('merge mode with no open omnibus PR fails with the reason', async () => {
    const run = await omnibus({ mode: 'merge' });
    expect(run.exitCode).not.toBe(0);
    expect(run.annotations.map((a) => a.message).join('\n')).toContain('no open omnibus pull request');
  });
});

describe('omnibus action: rebuild', () => {
  let gh2: Emulator;
  let repo2: TestRepo;
  beforeAll(async () => {
    gh2 = await startEmulator();
    repo2 = await createRepo({ bare: gh2.bareRepo, initialFiles: { '.github/orchestrator.yml': CONFIG } });
    await repo2.commit('feat/client', { 'src/client.ts': 'client\n' });
  });
  afterAll(async () => {
    await gh2.close();
    await repo2.cleanup();
  });
  const refs = async (): Promise<string> =>
    new Git(gh2.bareRepo).run(['for-each-ref', '--format=%(refname) %(objectname)']);

  it('refuses a rebuild that would drop a hand commit, naming it, and forced, drops and lists it', async () => {
    const first = await runAction('omnibus', { emulator: gh2 });
    expect(first.exitCode).toBe(0);
    const hand = await repo2.commit(OMNIBUS, { 'src/fix.ts': 'fix\n' }, { message: 'Fix by hand' });
    const before = await refs();

    const refused = await runAction('omnibus', { emulator: gh2, inputs: { rebuild: 'true' } });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.annotations.map((a) => a.message).join('\n')).toContain(
      `${hand.slice(0, 12)} Fix by hand`,
    );
    expect(refused.summary).toContain('**Refused:** A rebuild of');
    expect(await refs()).toBe(before);

    const kept = await runAction('omnibus', { emulator: gh2 });
    expect(kept.exitCode).toBe(0);
    expect(kept.summary).toContain('Hand commits kept');

    const forced = await runAction('omnibus', { emulator: gh2, inputs: { rebuild: 'true', force: 'true' } });
    expect(forced.exitCode).toBe(0);
    expect(forced.summary).toContain('Hand commits dropped');
    expect(forced.summary).toContain('Fix by hand');
    expect(forced.outputs.sha).toBe(first.outputs.sha);
  });

  it('rejects force without rebuild and an unknown mode, naming the input', async () => {
    const force = await runAction('omnibus', { emulator: gh2, inputs: { force: 'true' } });
    expect(force.exitCode).not.toBe(0);
    expect(force.annotations.map((a) => a.message).join('\n')).toContain(
      '`force` only applies with `rebuild: true`',
    );
    const mode = await runAction('omnibus', { emulator: gh2, inputs: { mode: 'deploy' } });
    expect(mode.exitCode).not.toBe(0);
    expect(mode.annotations.map((a) => a.message).join('\n')).toContain('Input `mode` must be one of');
  });
});

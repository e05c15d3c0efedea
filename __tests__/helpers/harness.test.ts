import { describe, expect, it } from '@jest/globals';
import { createRepo } from './repo.js';
import { parseAnnotations, parseFileCommand, runAction } from './harness.js';

const echo = { actionYml: '__tests__/fixtures/echo-action/action.yml' };

describe('runAction (runner harness)', () => {
  it('runs the action on Node 24 with inputs, defaults, outputs, summary and annotations', async () => {
    const run = await runAction(echo, { inputs: { 'dry-run': true }, token: 'ghs_secret' });
    expect(run.stderr).toBe('to stderr\n');
    expect(run.exitCode).toBe(0);
    expect(run.outputs['node-version']).toMatch(/^v24\./);
    expect(run.outputs['dry-run']).toBe('true');
    expect(run.outputs.greeting).toBe('hello');
    expect(run.outputs.token).toBe('ghs_secret');
    expect(run.outputs['no-default']).toBe('undefined');
    expect(run.outputs.letter).toBe('Dear hello,\nline two = with equals\n\nlast line');
    expect(run.summary).toBe('# Echo\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    expect(run.annotations).toEqual([
      { level: 'warning', file: 'src/a,b.ts', line: 3, col: 5, message: '100% careful\nsecond line' },
      { level: 'notice', title: 'Note: one', message: 'noted' },
      {
        level: 'error',
        file: '.github/orchestrator.yml',
        line: 12,
        endLine: 13,
        col: 7,
        endColumn: 9,
        message: 'bad key: x',
      },
    ]);
    expect(run.stdout).toContain('plain log line\n');
  });

  it("keeps the parent's INPUT_* and GITHUB_* variables out", async () => {
    process.env.INPUT_LEAKED = 'x';
    process.env.GITHUB_LEAKED = 'x';
    try {
      const run = await runAction(echo, { inputs: { greeting: 'hi' } });
      const env = JSON.parse(run.outputs.env ?? '[]') as string[];
      expect(env).not.toContain('INPUT_LEAKED');
      expect(env).not.toContain('GITHUB_LEAKED');
      expect(env).not.toContain('NODE_OPTIONS');
      expect(env).toEqual(
        expect.arrayContaining([
          'CI',
          'INPUT_DRY-RUN',
          'INPUT_GREETING',
          'INPUT_TOKEN',
          'GITHUB_API_URL',
          'GITHUB_GRAPHQL_URL',
          'GITHUB_EVENT_PATH',
          'GITHUB_OUTPUT',
          'GITHUB_STEP_SUMMARY',
          'GITHUB_STATE',
          'GITHUB_ENV',
          'GITHUB_WORKSPACE',
          'GITHUB_RUN_ID',
          'GITHUB_JOB',
          'RUNNER_TEMP',
        ]),
      );
      expect(env).not.toContain('INPUT_NO-DEFAULT');
      expect(run.outputs.greeting).toBe('hi');
    } finally {
      delete process.env.INPUT_LEAKED;
      delete process.env.GITHUB_LEAKED;
    }
  });

  it('reports the exit code', async () => {
    const run = await runAction(echo, { inputs: { 'exit-code': 3 } });
    expect(run.exitCode).toBe(3);
  });

  it('rejects inputs action.yml does not declare', async () => {
    await expect(runAction(echo, { inputs: { dry_run: 'true' } })).rejects.toThrow(
      'declares no input dry_run',
    );
  });

  it('sets the runner variables from an emulator and clones its repository as the workspace', async () => {
    const repo = await createRepo();
    try {
      const gh = {
        url: 'http://127.0.0.1:1234',
        graphqlUrl: 'http://127.0.0.1:1234/graphql',
        owner: 'acme',
        repo: 'widgets',
        bareRepo: repo.bare,
      };
      const run = await runAction(echo, {
        emulator: gh,
        runId: 77,
        job: 'status',
        eventName: 'schedule',
        event: { schedule: '0 2 * * *' },
      });
      expect(run.env).toMatchObject({
        GITHUB_API_URL: 'http://127.0.0.1:1234',
        GITHUB_GRAPHQL_URL: 'http://127.0.0.1:1234/graphql',
        GITHUB_SERVER_URL: 'http://127.0.0.1:1234',
        GITHUB_REPOSITORY: 'acme/widgets',
        GITHUB_REPOSITORY_OWNER: 'acme',
        GITHUB_RUN_ID: '77',
        GITHUB_JOB: 'status',
        GITHUB_EVENT_NAME: 'schedule',
        GITHUB_SHA: await repo.head('main'),
        GITHUB_REF: 'refs/heads/main',
      });
      expect(run.outputs.cwd).toBe(run.env.GITHUB_WORKSPACE);
      expect(await repo.git.run(['-C', run.env.GITHUB_WORKSPACE ?? '', 'remote', 'get-url', 'origin'])).toBe(
        repo.bare,
      );
    } finally {
      await repo.cleanup();
    }
  });
});

describe('parseFileCommand', () => {
  it('reads name=value lines and heredocs', () => {
    expect(
      parseFileCommand(
        'a=1\nb=x=y\nc<<EOF\nline 1\n\nline 3\nEOF\nd<<ghadelimiter_1\n\nghadelimiter_1\ne=\n',
      ),
    ).toEqual({ a: '1', b: 'x=y', c: 'line 1\n\nline 3', d: '', e: '' });
  });

  it('fails on an unterminated heredoc', () => {
    expect(() => parseFileCommand('a<<EOF\nno end\n')).toThrow('no closing EOF');
  });
});

describe('parseAnnotations', () => {
  it('reads annotations without properties and undoes the escaping', () => {
    expect(parseAnnotations('x\n::error::50%25 done%0D%0Anext\n::debug::not an annotation\n')).toEqual([
      { level: 'error', message: '50% done\r\nnext' },
    ]);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/errors.js';
import { repoContext } from '../../src/action/context.js';
import { annotationProperties } from '../../src/action/logger.js';
import { runAction, type FailureSink } from '../../src/action/run.js';

function recorder(): FailureSink & { failed: string[]; logged: string[] } {
  const failed: string[] = [];
  const logged: string[] = [];
  return { failed, logged, setFailed: (m) => failed.push(m), info: (m) => logged.push(m) };
}

describe('runAction', () => {
  it('does nothing when main succeeds', async () => {
    const sink = recorder();
    await runAction(async () => {}, sink);
    expect(sink.failed).toEqual([]);
  });

  it('shows a ConfigurationError plainly, without a stack', async () => {
    const sink = recorder();
    await runAction(async () => {
      throw new ConfigurationError('Input `mode` must be one of `build`, `pr`, `merge`, but was "x".');
    }, sink);
    expect(sink.failed).toEqual(['Input `mode` must be one of `build`, `pr`, `merge`, but was "x".']);
    expect(sink.logged).toEqual([]);
  });

  it('reports anything else as a bug, with the stack in the log', async () => {
    const sink = recorder();
    await runAction(async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'sha')");
    }, sink);
    expect(sink.failed).toHaveLength(1);
    expect(sink.failed[0]).toContain("Cannot read properties of undefined (reading 'sha')");
    expect(sink.failed[0]).toContain('This is a bug in Orchestrator');
    expect(sink.logged[0]).toMatch(/^TypeError: Cannot read properties[\s\S]*at /);
  });

  it('explains an unhandled GitHub API error', async () => {
    const sink = recorder();
    const error = Object.assign(new Error('Resource not accessible by integration'), {
      status: 403,
      request: { method: 'POST', url: 'https://api.github.com/repos/acme/widgets/issues' },
      response: { headers: {}, data: { message: 'Resource not accessible by integration' } },
    });
    await runAction(async () => {
      throw error;
    }, sink);
    expect(sink.failed[0]).toContain(
      'Could not call the GitHub API (POST https://api.github.com/repos/acme/widgets/issues): the token lacks a permission',
    );
  });

  it('survives a thrown non-Error', async () => {
    const sink = recorder();
    await runAction(async () => {
      throw 'plain string';
    }, sink);
    expect(sink.failed[0]).toContain('plain string');
  });
});

describe('annotationProperties', () => {
  it('keeps only the given position fields', () => {
    expect(annotationProperties(undefined)).toEqual({});
    expect(annotationProperties({ file: '.github/orchestrator.yml', startLine: 3, startColumn: 5 })).toEqual({
      file: '.github/orchestrator.yml',
      startLine: 3,
      startColumn: 5,
    });
  });
});

describe('repoContext', () => {
  it('reads the run from the environment and the payload from GITHUB_EVENT_PATH', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctx-'));
    const eventPath = join(dir, 'event.json');
    writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 7 } }));
    const context = repoContext({
      GITHUB_REPOSITORY: 'acme/widgets',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_JOB: 'status',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_WORKSPACE: dir,
      GITHUB_SERVER_URL: 'https://ghe.example.com/',
      GITHUB_SHA: 'abc',
      GITHUB_REF: 'refs/heads/main',
    });
    expect(context).toEqual({
      owner: 'acme',
      repo: 'widgets',
      runId: 4242,
      runAttempt: 2,
      job: 'status',
      eventName: 'pull_request',
      payload: { pull_request: { number: 7 } },
      workspace: dir,
      serverUrl: 'https://ghe.example.com',
      sha: 'abc',
      ref: 'refs/heads/main',
    });
  });

  it('refuses to run without GITHUB_REPOSITORY', () => {
    expect(() => repoContext({})).toThrow(ConfigurationError);
  });
});

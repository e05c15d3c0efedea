import * as core from '@actions/core';
import { ConfigurationError } from '../errors.js';
import { apiErrorMessage } from '../github/client.js';

/** Where runAction reports to; @actions/core in an action, a recorder in tests. */
export interface FailureSink {
  setFailed(message: string): void;
  info(message: string): void;
}

const coreSink: FailureSink = {
  setFailed: (message) => core.setFailed(message),
  info: (message) => core.info(message),
};

/**
 * The one catch of every action. A ConfigurationError is the user's to fix: its message alone.
 * A GitHub API error left unhandled is explained in plain words. Anything else is a bug: the
 * message, a request to report it, and the stack in the log.
 */
export async function runAction(main: () => Promise<void>, sink: FailureSink = coreSink): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      sink.setFailed(error.message);
      return;
    }
    if (isRequestError(error)) {
      const { method, url } = error.request;
      sink.setFailed(apiErrorMessage(error, { action: `call the GitHub API (${method} ${url})` }));
      if (error.stack) sink.info(error.stack);
      return;
    }
    const err = error instanceof Error ? error : new Error(String(error));
    sink.setFailed(
      `${err.message}\nThis is a bug in Orchestrator, not in your configuration: please report it with the log of this run.`,
    );
    if (err.stack) sink.info(err.stack);
  }
}

interface RequestErrorLike extends Error {
  status: number;
  request: { method: string; url: string };
}

function isRequestError(error: unknown): error is RequestErrorLike {
  if (!(error instanceof Error)) return false;
  const { status, request } = error as Partial<RequestErrorLike>;
  return (
    typeof status === 'number' &&
    typeof request === 'object' &&
    request !== null &&
    typeof request.url === 'string'
  );
}

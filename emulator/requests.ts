/** Request counting and fault injection: what benchmarks and resilience tests observe and provoke. */

export interface RequestLogEntry {
  method: string;
  /** GitHub's route template (`GET /repos/{owner}/{repo}/pulls`), or the raw path for unknown routes. */
  route: string;
  url: string;
  status: number;
  /** True when the answer was an injected fault. */
  fault?: boolean;
  /** The JSON the client sent (writes and GraphQL), as parsed. */
  body?: unknown;
}

export interface RequestCounter {
  total(): number;
  /** Counts per `METHOD template`, e.g. `{ 'GET /repos/{owner}/{repo}/pulls': 2, 'POST /graphql': 1 }`. */
  byRoute(): Record<string, number>;
  reset(): void;
  readonly log: RequestLogEntry[];
}

export function createRequestCounter(): RequestCounter {
  const log: RequestLogEntry[] = [];
  return {
    log,
    total: () => log.length,
    byRoute: () => {
      const counts: Record<string, number> = {};
      for (const entry of log) counts[entry.route] = (counts[entry.route] ?? 0) + 1;
      return counts;
    },
    reset: () => {
      log.length = 0;
    },
  };
}

export interface Fault {
  status: 500 | 502 | 403 | 429 | number;
  /** Seconds, sent as `retry-after` (403/429 secondary rate limits). */
  retryAfter?: number;
  /** Only requests whose `METHOD template` matches fail (all requests when absent). */
  route?: string | RegExp;
}

export class FaultQueue {
  private readonly pending: Fault[] = [];

  add(n: number, fault: Fault): void {
    for (let i = 0; i < n; i++) this.pending.push(fault);
  }

  /** The fault for this request, if one is due (consumed). */
  take(route: string): Fault | undefined {
    const index = this.pending.findIndex((f) => matches(f.route, route));
    return index < 0 ? undefined : this.pending.splice(index, 1)[0];
  }

  clear(): void {
    this.pending.length = 0;
  }

  get size(): number {
    return this.pending.length;
  }
}

function matches(pattern: string | RegExp | undefined, route: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? pattern === route : pattern.test(route);
}

/** The body and headers GitHub answers for each kind of fault. */
export function faultResponse(fault: Fault): {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
} {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (fault.status === 403 || fault.status === 429) {
    headers['x-ratelimit-remaining'] = '4000';
    return {
      status: fault.status,
      headers,
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
        documentation_url:
          'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        status: String(fault.status),
      },
    };
  }
  const message =
    fault.status === 502
      ? 'Server Error'
      : fault.status === 503
        ? 'Service Unavailable'
        : 'Internal Server Error';
  return {
    status: fault.status,
    headers,
    body: { message, documentation_url: 'https://docs.github.com/rest', status: String(fault.status) },
  };
}

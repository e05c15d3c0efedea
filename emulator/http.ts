import type { AccessLevel, Permission } from './model.js';

/** What a route handler sees of a request. */
export interface ApiRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: unknown;
  token: string | null;
  /** The login the token acts as. */
  login: string;
  /** Absolute URL of the request on the emulator (for Link headers). */
  url: URL;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: ApiRequest) => Promise<ApiResponse> | ApiResponse;

export interface Route {
  method: string;
  /** GitHub's route template, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}`; `{ref+}` matches across slashes. */
  template: string;
  handler: Handler;
  /** The permission a GitHub App token needs for this route. */
  permission?: [Permission, AccessLevel];
}

export const DOCS = 'https://docs.github.com/rest';

/** An error answered with GitHub's status code and JSON body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return {
      message: this.message,
      ...this.extra,
      documentation_url: this.extra.documentation_url ?? DOCS,
      status: String(this.status),
    };
  }
}

export function notFound(): HttpError {
  return new HttpError(404, 'Not Found');
}

/** 422 "Validation Failed" with GitHub's `errors` array. */
export function validationFailed(errors: unknown[], message = 'Validation Failed'): HttpError {
  return new HttpError(422, message, { errors });
}

export function ok(body: unknown, status = 200, headers?: Record<string, string>): ApiResponse {
  return { status, body, headers };
}

export function noContent(): ApiResponse {
  return { status: 204 };
}

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

/**
 * GitHub's page-number pagination: `per_page` (default 30, max 100), `page` (from 1), and a `Link`
 * header with first/prev/next/last relative to the request URL.
 */
export function paginate<T>(req: ApiRequest, items: T[]): { items: T[]; headers: Record<string, string> } {
  const { offset, limit, headers } = pageWindow(req, items.length);
  return { items: items.slice(offset, offset + limit), headers };
}

/** The slice a request asks for out of `total` items, with the Link header for it. */
export function pageWindow(
  req: ApiRequest,
  total: number,
): { offset: number; limit: number; headers: Record<string, string> } {
  const perPage = Math.min(Math.max(Number(req.query.get('per_page')) || DEFAULT_PER_PAGE, 1), MAX_PER_PAGE);
  const page = Math.max(Math.floor(Number(req.query.get('page')) || 1), 1);
  const last = Math.max(Math.ceil(total / perPage), 1);
  const pageUrl = (n: number): string => {
    const url = new URL(req.url.toString());
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${pageUrl(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`);
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`);
  const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {};
  return { offset: (page - 1) * perPage, limit: perPage, headers };
}

/** A paginated plain list response. */
export function list<T>(req: ApiRequest, items: T[], render: (item: T) => unknown): ApiResponse {
  const { items: pageItems, headers } = paginate(req, items);
  return { status: 200, body: pageItems.map(render), headers };
}

export function bodyOf(req: ApiRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' && !Array.isArray(req.body)
    ? (req.body as Record<string, unknown>)
    : {};
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function intParam(req: ApiRequest, name: string): number {
  const value = Number(req.params[name]);
  if (!Number.isInteger(value) || value < 1) throw notFound();
  return value;
}

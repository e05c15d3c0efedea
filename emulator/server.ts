import http from 'node:http';
import type { EmulatorContext } from './context.js';
import { HttpError, notFound, type ApiRequest, type ApiResponse, type Route } from './http.js';
import { faultResponse, type FaultQueue, type RequestCounter } from './requests.js';

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
  /** The template as GitHub documents it (`{ref}`, not `{ref+}`); the counting key. */
  key: string;
}

/** `METHOD template` as GitHub documents the route (`{ref}`, not `{ref+}`); the key requests are counted by. */
export function routeKey(route: Route): string {
  return `${route.method} ${route.template.replace(/\+\}/g, '}')}`;
}

/** Routes with more literal segments win (`commits/{ref+}/check-runs` before `commits/{ref+}`). */
export function compileRoutes(routes: Route[]): CompiledRoute[] {
  const literals = (t: string): number => t.split('/').filter((s) => s !== '' && !s.startsWith('{')).length;
  const ordered = [...routes].sort((a, b) => literals(b.template) - literals(a.template));
  return ordered.map((route) => {
    const names: string[] = [];
    const pattern = route.template
      .replace(/[.*?()[\]\\^$|]/g, '\\$&')
      .replace(/\{(\w+)(\+?)\}/g, (_m, name: string, greedy: string) => {
        names.push(name);
        return greedy ? '(.+?)' : '([^/]+)';
      });
    return {
      ...route,
      regex: new RegExp(`^${pattern}/?$`),
      names,
      key: routeKey(route),
    };
  });
}

function match(
  routes: CompiledRoute[],
  method: string,
  path: string,
): { route: CompiledRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.regex.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = safeDecode(m[i + 1] ?? '');
    });
    return { route, params };
  }
  return null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function tokenOf(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^(?:token|bearer)\s+(.+)$/i.exec(header.trim());
  return m?.[1] ?? null;
}

export interface ServerParts {
  ctx: EmulatorContext;
  routes: Route[];
  requests: RequestCounter;
  faults: FaultQueue;
  unknownRoutes: string[];
}

const RATE_LIMIT = 5000;

/** The HTTP front: routing, auth, permissions, repository scoping, faults, counting, JSON in and out. */
export function createServer(parts: ServerParts): http.Server {
  const compiled = compileRoutes(parts.routes);
  const { ctx, requests, faults } = parts;
  const resetAt = Math.floor(Date.now() / 1000) + 3600;

  return http.createServer((req, res) => {
    void (async () => {
      const method = (req.method ?? 'GET').toUpperCase();
      const url = new URL(req.url ?? '/', ctx.apiUrl);
      const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
      const found = match(compiled, method, path);
      const routeKey = found ? found.route.key : `${method} ${path}`;
      let requestBody: unknown = undefined;
      const send = (
        status: number,
        body: unknown,
        headers: Record<string, string> = {},
        fault = false,
      ): void => {
        requests.log.push({
          method,
          route: routeKey,
          url: `${url.pathname}${url.search}`,
          status,
          ...(fault ? { fault: true } : {}),
          ...(requestBody !== undefined ? { body: requestBody } : {}),
        });
        const used = requests.log.length;
        const common: Record<string, string> = {
          'x-github-media-type': 'github.v3; format=json',
          'x-ratelimit-limit': String(RATE_LIMIT),
          // Never near 0: clients with throttling would wait for the reset, an hour away.
          'x-ratelimit-remaining': String(Math.max(RATE_LIMIT - used, 1000)),
          'x-ratelimit-reset': String(resetAt),
          'x-ratelimit-used': String(used),
          'x-ratelimit-resource': path === '/graphql' ? 'graphql' : 'core',
          'x-github-request-id': `EMU:${used}`,
        };
        if (body === undefined) {
          res.writeHead(status, { ...common, ...headers });
          res.end();
          return;
        }
        const text = JSON.stringify(body);
        res.writeHead(status, { ...common, 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(text);
      };

      try {
        const raw = await readBody(req);
        if (raw.trim() !== '') {
          try {
            requestBody = JSON.parse(raw);
          } catch {
            requestBody = raw;
          }
        }
        const fault = faults.take(routeKey);
        if (fault) {
          const { status, body, headers } = faultResponse(fault);
          send(status, body, headers, true);
          return;
        }
        if (!found) {
          parts.unknownRoutes.push(`${method} ${path}`);
          if (process.env.EMULATOR_DEBUG)
            process.stderr.write(`[emulator] unknown route ${method} ${url.pathname}${url.search}\n`);
          throw notFound();
        }
        const { route, params } = found;
        if (
          params.owner !== undefined &&
          (params.owner.toLowerCase() !== ctx.owner.toLowerCase() ||
            (params.repo ?? '').toLowerCase() !== ctx.repo.toLowerCase())
        )
          throw notFound();
        const token = tokenOf(req);
        if (route.permission && ctx.store.isDenied(route.permission[0], route.permission[1]))
          throw new HttpError(403, 'Resource not accessible by integration', {
            documentation_url: 'https://docs.github.com/rest',
          });
        let body: unknown = undefined;
        if (raw.trim() !== '') {
          try {
            body = JSON.parse(raw);
          } catch {
            throw new HttpError(400, 'Problems parsing JSON');
          }
        }
        const apiReq: ApiRequest = {
          method,
          path,
          query: url.searchParams,
          params,
          body,
          token,
          login: ctx.store.loginFor(token),
          url,
        };
        const response: ApiResponse = await route.handler(apiReq);
        send(response.status, response.body, response.headers);
      } catch (err) {
        if (err instanceof HttpError) {
          send(err.status, err.body(), err.headers);
        } else {
          if (process.env.EMULATOR_DEBUG)
            process.stderr.write(`[emulator] ${method} ${path}: ${(err as Error).stack}\n`);
          send(500, {
            message: `Emulator error: ${(err as Error).message}`,
            documentation_url: 'https://docs.github.com/rest',
            status: '500',
          });
        }
      }
    })();
  });
}

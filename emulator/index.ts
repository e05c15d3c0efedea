import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git } from '../src/git/git.js';
import type { EmulatorContext } from './context.js';
import { GitRepo } from './git-repo.js';
import { graphqlRoute } from './graphql/index.js';
import { restRoutes } from './rest/index.js';
import { createRequestCounter, FaultQueue, type Fault, type RequestCounter } from './requests.js';
import { createServer, routeKey } from './server.js';
import { Store } from './store.js';

export type { Fault, RequestCounter, RequestLogEntry } from './requests.js';
export type { Store } from './store.js';
export type * from './model.js';

export interface EmulatorOptions {
  /** Path of a bare repository; created (`git init --bare -b <defaultBranch>`) in a temp dir when absent. */
  bareRepo?: string;
  owner?: string;
  repo?: string;
  defaultBranch?: string;
}

export interface Emulator {
  /** REST root, http://127.0.0.1:PORT (GITHUB_API_URL). */
  url: string;
  /** http://127.0.0.1:PORT/graphql (GITHUB_GRAPHQL_URL). */
  graphqlUrl: string;
  /** Web root used in html_url fields (GITHUB_SERVER_URL); the same server. */
  serverUrl: string;
  owner: string;
  repo: string;
  defaultBranch: string;
  /** The git remote for clones: a path to the bare repository. */
  bareRepo: string;
  store: Store;
  requests: RequestCounter;
  /** The next `n` requests (optionally only those of `fault.route`) fail with `fault.status`. */
  failNext(n: number, fault: Fault): void;
  /** `METHOD /path` of requests no route served. */
  unknownRoutes: string[];
  /** `Type.field` of GraphQL fields asked for that the emulator has no data for. */
  unimplementedFields: string[];
  /** `METHOD template` of every route served (REST and `POST /graphql`). */
  routes: string[];
  close(): Promise<void>;
}

/** Starts a local GitHub on 127.0.0.1 (a free port) over a real bare repository. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const owner = opts.owner ?? 'acme';
  const repo = opts.repo ?? 'widgets';
  const defaultBranch = opts.defaultBranch ?? 'main';
  let createdDir: string | null = null;
  let bareRepo = opts.bareRepo;
  if (!bareRepo) {
    createdDir = mkdtempSync(join(tmpdir(), 'emulator-'));
    bareRepo = join(createdDir, `${repo}.git`);
    await new Git(createdDir).run(['init', '-q', '--bare', '-b', defaultBranch, bareRepo]);
  }
  const git = new GitRepo(bareRepo);
  const store = new Store(git, `${owner}/${repo}`);
  const unknownRoutes: string[] = [];
  const unimplementedFields: string[] = [];
  const requests = createRequestCounter();
  const faults = new FaultQueue();
  const ctx: EmulatorContext = {
    store,
    git,
    owner,
    repo,
    defaultBranch,
    apiUrl: 'http://127.0.0.1',
    htmlUrl: 'http://127.0.0.1',
    unimplementedFields,
  };

  const routes = [...restRoutes(ctx), graphqlRoute(ctx)];
  const server = createServer({
    ctx,
    routes,
    requests,
    faults,
    unknownRoutes,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  ctx.apiUrl = url;
  ctx.htmlUrl = url;
  store.htmlUrl = url;

  return {
    url,
    graphqlUrl: `${url}/graphql`,
    serverUrl: url,
    owner,
    repo,
    defaultBranch,
    bareRepo,
    store,
    requests,
    failNext: (n, fault) => faults.add(n, fault),
    unknownRoutes,
    unimplementedFields,
    routes: routes.map(routeKey),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (createdDir) rmSync(createdDir, { recursive: true, force: true });
    },
  };
}

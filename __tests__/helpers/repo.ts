// The repository fixture lives in emulator/repo.ts so that `npm run demo` can seed with it.
export * from '../../emulator/repo.js';

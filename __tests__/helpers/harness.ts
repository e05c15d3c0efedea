// The runner lives in emulator/runner.ts so that `npm run demo` runs the bundles the same way.
export * from '../../emulator/runner.js';

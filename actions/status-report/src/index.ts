import { run } from './main.js';

// run() never rejects: runAction is the one catch.
void run();

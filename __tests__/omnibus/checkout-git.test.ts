import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git } from '../../src/git/git.js';
import { CheckoutGit } from '../../actions/omnibus/src/checkout-git.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'checkout-git-'));
  const git = new Git(dir);
  await git.init();
  // What actions/checkout persists for its own token.
  await git.run(['config', 'http.https://github.com/.extraheader', 'AUTHORIZATION: basic Y2hlY2tvdXQ=']);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("authenticates git with the action's token for the GitHub server, replacing the checkout's header", async () => {
  const git = new CheckoutGit(dir, 'ghs_secret', 'https://github.com');
  const values = (await git.run(['config', '--get-all', 'http.https://github.com/.extraheader'])).split('\n');
  const basic = Buffer.from('x-access-token:ghs_secret').toString('base64');
  // The empty value resets the list git sends (http.extraHeader), so only the last header goes out.
  expect(values).toEqual(['AUTHORIZATION: basic Y2hlY2tvdXQ=', '', `AUTHORIZATION: basic ${basic}`]);
});

it('leaves git alone when the server is not an http(s) URL', async () => {
  const git = new CheckoutGit(dir, 'ghs_secret', 'file:///srv/git');
  const values = (await git.run(['config', '--get-all', 'http.https://github.com/.extraheader'])).split('\n');
  expect(values).toEqual(['AUTHORIZATION: basic Y2hlY2tvdXQ=']);
});

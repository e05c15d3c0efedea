import { Git, type GitResult } from '../../../src/git/git.js';

/**
 * Git in the checkout, authenticated with the action's `token` for an HTTPS origin on the GitHub
 * server: the header actions/checkout persisted (possibly for another token) is reset and replaced
 * for each command, through environment config so the token never appears in a process list.
 */
export class CheckoutGit extends Git {
  private readonly authEnv: Record<string, string>;

  constructor(cwd: string, token: string, serverUrl: string) {
    super(cwd);
    const key = `http.${serverUrl.replace(/\/+$/, '')}/.extraheader`;
    const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
    this.authEnv = /^https?:\/\//.test(serverUrl)
      ? {
          GIT_CONFIG_COUNT: '2',
          GIT_CONFIG_KEY_0: key,
          GIT_CONFIG_VALUE_0: '',
          GIT_CONFIG_KEY_1: key,
          GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${basic}`,
        }
      : {};
  }

  override exec(
    args: string[],
    options: { input?: string; env?: Record<string, string> } = {},
  ): Promise<GitResult> {
    return super.exec(args, { ...options, env: { ...this.authEnv, ...options.env } });
  }
}

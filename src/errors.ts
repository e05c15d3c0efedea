/**
 * A mistake of the user's (bad config, bad input, a refusal we explain): shown plainly,
 * without a stack. Anything else that escapes is a bug and is reported with its stack.
 */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

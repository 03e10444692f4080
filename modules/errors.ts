/**
 * An error the user caused (bad config, bad props, unknown stack name). `main.ts` prints only its
 * message and exits 1; a stack trace would point into cdktf, not at the mistake.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

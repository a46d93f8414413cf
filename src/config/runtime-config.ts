/** The only reader of the environment. Validated once, frozen. */
export interface RuntimeConfig {
  /** Database: a SQLite file path or a postgres:// URL. */
  readonly db: string;
  readonly color: boolean;
  readonly debug: boolean;
}

export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  return Object.freeze({
    db: env.TANDEM_DB || env.DATABASE_URL || './tandem.db',
    color: !env.NO_COLOR,
    debug: !!env.TANDEM_DEBUG,
  });
}

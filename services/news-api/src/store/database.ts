/**
 * The one interface the store needs from PostgreSQL, implemented by node-postgres (a pool against a
 * real server) and by PGlite (embedded). The same SQL and migrations run on both.
 */
export interface QueryResult<R> {
  readonly rows: R[];
  readonly rowCount: number;
}

export interface Queryable {
  /** One statement with $n parameters. */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

export interface Connection extends Queryable {
  /** Several statements, no parameters (migration files). */
  execScript(sql: string): Promise<void>;
}

/** A connection pool's figures at one moment. */
export interface PoolUsage {
  readonly max: number;
  readonly total: number;
  readonly idle: number;
  /** Queries queued for a connection. */
  readonly waiting: number;
}

/** Every connection is taken (or queries queue): requests wait, though the database may be fine. */
export const poolSaturated = (usage: PoolUsage) => usage.waiting > 0 || (usage.idle === 0 && usage.total >= usage.max);

export interface Database extends Queryable {
  /**
   * Resolves when the database answers and accepts the credentials new connections would use; with
   * the pool saturated it asks on a connection of its own rather than queue behind the requests.
   */
  ping(): Promise<void>;
  /** The pool's figures; undefined for a database without one (PGlite). */
  poolUsage?(): PoolUsage;
  /** Runs `work` on one dedicated connection: session-level advisory locks and transactions need it. */
  withConnection<T>(work: (connection: Connection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

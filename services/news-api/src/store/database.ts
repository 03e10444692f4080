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

export interface Database extends Queryable {
  /** Resolves when the database answers and accepts the credentials new connections would use. */
  ping(): Promise<void>;
  /** Runs `work` on one dedicated connection: session-level advisory locks and transactions need it. */
  withConnection<T>(work: (connection: Connection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

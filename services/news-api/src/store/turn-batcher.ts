import { ProblemError } from "../problem";

/** The statement that answers several calls of `query`: one `b` row of parameters per call, in order. */
export function batchSql(query: string, paramCount: number): string {
  const arrays = Array.from({ length: paramCount }, (_, i) => `$${i + 1}::text[]`);
  const columns = Array.from({ length: paramCount }, (_, i) => `p${i + 1}`);
  return `SELECT q.* FROM unnest(${arrays.join(", ")}) WITH ORDINALITY AS b(${columns.join(", ")}, i)
    CROSS JOIN LATERAL (${query}) q ORDER BY b.i`;
}

interface Call<R> {
  readonly params: readonly string[];
  resolve(row: R): void;
  reject(error: unknown): void;
}

/**
 * Reads of one shape that start in the same event-loop turn share one statement (batchSql): each
 * call's parameters, as text, become a row `b` of `unnest(...) WITH ORDINALITY`, and the call's query,
 * written against `b.p1` … `b.pn` (cast where a type matters), runs once per row as a LATERAL subquery.
 * Under load one turn starts several cache misses; the round trip (pool checkout, socket write and
 * read, protocol messages, a wake-up of the server process) was most of a miss's cost, so one per
 * turn instead of one per miss is most of the saving.
 */
export class TurnBatcher<R> {
  private readonly waiting = new Map<string, Call<R>[]>();

  /** `run`: executes a statement with parameters and returns its rows (errors already classified). */
  constructor(private readonly run: (text: string, params: readonly unknown[]) => Promise<R[]>) {}

  /** The one row `query` yields for `params` (`b.p1` is `params[0]`). */
  read(query: string, params: readonly string[]): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let calls = this.waiting.get(query);
      if (calls === undefined) {
        const batch: Call<R>[] = (calls = []);
        this.waiting.set(query, batch);
        // After the turn's I/O callbacks: every request this turn received has made its call by then.
        setImmediate(() => {
          this.waiting.delete(query);
          void this.answer(query, params.length, batch);
        });
      }
      calls.push({ params, resolve, reject });
    });
  }

  private async execute(query: string, paramCount: number, calls: readonly Call<R>[]): Promise<R[]> {
    const columns = Array.from({ length: paramCount }, (_, p) => calls.map((call) => call.params[p]));
    const rows = await this.run(batchSql(query, paramCount), columns);
    if (rows.length !== calls.length) throw new Error(`a batched read returned ${rows.length} rows for ${calls.length} calls`);
    return rows;
  }

  private async answer(query: string, paramCount: number, calls: readonly Call<R>[]): Promise<void> {
    try {
      const rows = await this.execute(query, paramCount, calls);
      calls.forEach((call, i) => call.resolve(rows[i]));
    } catch (error) {
      // The database is away or too slow: every call of the batch would have met the same.
      if (calls.length === 1 || ProblemError.isDependencyUnavailable(error)) {
        for (const call of calls) call.reject(error);
        return;
      }
      // Anything else may be one call's input (a value PostgreSQL refuses): each call on its own.
      for (const call of calls) this.execute(query, paramCount, [call]).then(([row]) => call.resolve(row), call.reject);
    }
  }
}

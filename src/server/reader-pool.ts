// Read connections to the served case, lent to one request at a time, sized to libuv's pool.
import type { Store } from '../store/index.js';

/**
 * Threads of libuv's pool (UV_THREADPOOL_SIZE, default 4). DuckDB's Node binding runs every
 * query there, whatever its connection: with more connections busy than threads, an account page
 * waited behind evidence queries (0.1–2 s each at 1M posts on a loaded machine) and decisions.
 */
const POOL_THREADS = Number(process.env.UV_THREADPOOL_SIZE ?? 4) || 4;
/**
 * Connections for the pages, one thread each, leaving one to the evidence connection and one to
 * the writer (and at least two for the pages).
 */
export const READERS = Math.max(2, POOL_THREADS - 2);

/** A few read connections to the case, lent to one request at a time. */
export class ReaderPool {
  private readonly waiting: Array<(s: Store) => void> = [];
  private constructor(private readonly idle: Store[]) {}
  static async open(store: Store, n: number): Promise<ReaderPool> {
    const readers: Store[] = [];
    for (let i = 0; i < n; i++) {
      const reader = await store.fork();
      // DuckDB re-reads a whole table by row id to fetch the columns of a small top-n ("late
      // materialization"); for one account's page the sorted index is cheaper (10 ms → 3 ms).
      await reader.connection.run('SET late_materialization_max_rows = 0');
      readers.push(reader);
    }
    return new ReaderPool(readers);
  }
  async with<T>(f: (s: Store) => Promise<T>): Promise<T> {
    const reader =
      this.idle.pop() ?? (await new Promise<Store>((resolve) => this.waiting.push(resolve)));
    try {
      return await f(reader);
    } finally {
      const next = this.waiting.shift();
      if (next) next(reader);
      else this.idle.push(reader);
    }
  }
  close(): void {
    for (const s of this.idle.splice(0)) s.close();
  }
}

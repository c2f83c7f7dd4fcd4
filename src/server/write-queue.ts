// One writer for the served case: every write runs in turn, on a connection of its own.
import type { Store } from '../store/index.js';

/**
 * A queue of writes to a case: each runs after the one before it has finished (a promise-chain
 * mutex), on a connection no read shares. DuckDB keeps one transaction per connection, so two
 * writes interleaved on one connection failed with "cannot start a transaction within a
 * transaction", and a read on the writer's connection would run inside its transaction.
 */
export class WriteQueue {
  /** Settles when the last queued write has; never rejects (a failed write does not stop the queue). */
  private tail: Promise<unknown> = Promise.resolve();
  private constructor(private readonly writer: Store) {}

  /** A queue over a new connection to `store`'s database. */
  static async open(store: Store): Promise<WriteQueue> {
    return new WriteQueue(await store.fork());
  }

  /** Runs `write` on the writer connection once every write queued before it has finished. */
  run<T>(write: (writer: Store) => Promise<T>): Promise<T> {
    const result = this.tail.then(() => write(this.writer));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Closes the writer connection after the queued writes. */
  async close(): Promise<void> {
    await this.tail;
    this.writer.close();
  }
}

// Pages that do not change while a case is served, kept by key: the least recently used go first
// past a bound in bytes, and requests for one key while it is being read share that one read.
import { LRUCache } from 'lru-cache';

/** Options of {@link PageCache}. */
export interface PageCacheOptions {
  /** Most bytes kept (as each value's `bytes` says); default 64 MiB. */
  readonly maxBytes?: number;
}

/** Defaults of {@link PageCacheOptions}. */
export const PAGE_CACHE_DEFAULTS = { maxBytes: 64 * 1024 * 1024 } as const;

/**
 * A cache of read-only pages (lru-cache). Valid only while what they were read from does not
 * change: the server holds the case file and writes only decisions to it, which are added to a
 * page after the cache (so one cache lives as long as one server).
 *
 * @example
 * const cache = new PageCache<Parts>();
 * const parts = await cache.get(`42:0:50`, () => readParts(42)); // read once, then kept
 */
export class PageCache<V extends { readonly bytes: number }> {
  private readonly lru: LRUCache<string, V, () => Promise<V | null>>;
  private hits = 0;
  private misses = 0;

  constructor(options: PageCacheOptions = {}) {
    const maxBytes = options.maxBytes ?? PAGE_CACHE_DEFAULTS.maxBytes;
    this.lru = new LRUCache<string, V, () => Promise<V | null>>({
      maxSize: maxBytes,
      sizeCalculation: (v) => Math.max(1, Math.min(v.bytes, maxBytes)),
      // lru-cache's fetch shares one read between the requests that want a key meanwhile.
      fetchMethod: async (_key, _stale, { context }) => (await context()) ?? undefined,
    });
  }

  /** The value under `key`, read by `read` when not kept (null: none; not kept, asked again). */
  async get(key: string, read: () => Promise<V | null>): Promise<V | null> {
    if (this.lru.has(key)) this.hits++;
    else this.misses++;
    return (await this.lru.fetch(key, { context: read })) ?? null;
  }

  /** Counts of gets answered from the cache and read. */
  stats(): { hits: number; misses: number; entries: number; bytes: number } {
    return {
      hits: this.hits,
      misses: this.misses,
      entries: this.lru.size,
      bytes: this.lru.calculatedSize,
    };
  }
}

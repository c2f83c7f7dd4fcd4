// PageCache: read once and kept, shared while being read, bounded in bytes, nothing kept for null.
import { describe, expect, it } from 'vitest';

import { PageCache } from './page-cache.js';

const page = (n: number, bytes = 10) => ({ n, bytes });

describe('PageCache({maxBytes})', () => {
  it('reads a key once and answers it from the cache after', async () => {
    const cache = new PageCache<{ n: number; bytes: number }>();
    let reads = 0;
    const read = async () => page(++reads);
    expect(await cache.get('a', read)).toEqual(page(1));
    expect(await cache.get('a', read)).toEqual(page(1));
    expect(reads).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1, bytes: 10 });
  });

  it('shares one read between requests for a key while it is being read', async () => {
    const cache = new PageCache<{ n: number; bytes: number }>();
    let reads = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const read = async () => {
      reads++;
      await gate;
      return page(reads);
    };
    const both = Promise.all([cache.get('a', read), cache.get('a', read)]);
    release();
    expect(await both).toEqual([page(1), page(1)]);
    expect(reads).toBe(1);
  });

  it('keeps nothing for a read that found nothing, and asks again', async () => {
    const cache = new PageCache<{ n: number; bytes: number }>();
    let reads = 0;
    const read = async () => (++reads, null);
    expect(await cache.get('missing', read)).toBeNull();
    expect(await cache.get('missing', read)).toBeNull();
    expect(reads).toBe(2);
  });

  it('drops the least recently used pages past its bound in bytes', async () => {
    const cache = new PageCache<{ n: number; bytes: number }>({ maxBytes: 25 });
    let reads = 0;
    const read = (n: number) => async () => (reads++, page(n));
    await cache.get('a', read(1));
    await cache.get('b', read(2));
    await cache.get('a', read(1)); // a is now the more recent
    await cache.get('c', read(3)); // 30 bytes > 25: b goes
    expect(reads).toBe(3);
    await cache.get('a', read(1));
    expect(reads).toBe(3);
    await cache.get('b', read(2));
    expect(reads).toBe(4);
    expect(cache.stats().bytes).toBeLessThanOrEqual(25);
  });

  it('passes a failed read on and keeps nothing of it', async () => {
    const cache = new PageCache<{ n: number; bytes: number }>();
    await expect(
      cache.get('a', async () => {
        throw new Error('disk gone');
      }),
    ).rejects.toThrow('disk gone');
    expect(await cache.get('a', async () => page(7))).toEqual(page(7));
  });
});

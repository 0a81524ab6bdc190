import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import { BlockCache, blockCacheKey } from '../src/cache/block-cache.js';
import { Inflight } from '../src/cache/inflight.js';
import { LruCache } from '../src/cache/lru-cache.js';
import type { DecodedBlock } from '../src/types.js';

const bytesCache = (budgetBytes: number) => new LruCache<string, Uint8Array>({ budgetBytes, sizeOf: (v) => v.byteLength });

describe('LruCache', () => {
  it('counts hits and misses', () => {
    const cache = bytesCache(100);
    cache.set('a', new Uint8Array(10));
    assert.equal(cache.get('a')?.length, 10);
    assert.equal(cache.get('b'), undefined);
    assert.deepEqual(cache.stats, { hits: 1, misses: 1, evictions: 0, bytes: 10, entries: 1 });
  });

  it('evicts the least recently used values when over budget', () => {
    const cache = bytesCache(100);
    cache.set('a', new Uint8Array(40));
    cache.set('b', new Uint8Array(40));
    cache.get('a');
    cache.set('c', new Uint8Array(40));
    assert.equal(cache.has('a'), true);
    assert.equal(cache.has('b'), false);
    assert.equal(cache.has('c'), true);
    assert.equal(cache.stats.evictions, 1);
    assert.equal(cache.stats.bytes, 80);
  });

  it('keeps no value larger than the whole budget', () => {
    const cache = bytesCache(100);
    cache.set('a', new Uint8Array(50));
    cache.set('big', new Uint8Array(101));
    assert.equal(cache.has('big'), false);
    assert.equal(cache.has('a'), true);
  });

  it('replaces a value and recounts its bytes', () => {
    const cache = bytesCache(100);
    cache.set('a', new Uint8Array(50));
    cache.set('a', new Uint8Array(20));
    assert.equal(cache.stats.bytes, 20);
    assert.equal(cache.delete('a'), true);
    assert.equal(cache.delete('a'), false);
    assert.equal(cache.stats.bytes, 0);
  });
});

describe('Inflight', () => {
  it('runs one load for callers asking the same key together, and a new one afterwards', async () => {
    const inflight = new Inflight<string, number>();
    let loads = 0;
    const load = async () => {
      loads += 1;
      return loads;
    };
    const [a, b] = await Promise.all([inflight.run('k', load), inflight.run('k', load)]);
    assert.deepEqual([a, b, loads], [1, 1, 1]);
    assert.equal(await inflight.run('k', load), 2);
  });

  it('aborts the load when every caller has aborted', async () => {
    const inflight = new Inflight<string, number>();
    let loadSignal: AbortSignal | undefined;
    const load = (signal: AbortSignal) =>
      new Promise<number>((_resolve, reject) => {
        loadSignal = signal;
        signal.addEventListener('abort', () => reject(new Error('stopped')));
      });
    const one = new AbortController();
    const two = new AbortController();
    const first = inflight.run('k', load, one.signal);
    const second = inflight.run('k', load, two.signal);
    await Promise.resolve();
    await Promise.resolve();
    one.abort();
    await assert.rejects(first, (e: unknown) => e instanceof AppError && e.code === 'ClientClosedRequest');
    assert.equal(loadSignal?.aborted, false);
    two.abort();
    await assert.rejects(second, (e: unknown) => e instanceof AppError && e.code === 'ClientClosedRequest');
    assert.equal(loadSignal?.aborted, true);
    assert.equal(inflight.size, 0);
  });
});

describe('BlockCache', () => {
  const block = (n: number): DecodedBlock => ({ data: new Uint16Array(n), width: n, height: 1, samplesPerPixel: 1 });
  const key = { url: 'https://example.com/a.tif', version: '"e1"', level: 0, index: 3 };

  it('loads a block once for concurrent callers and serves it from memory afterwards', async () => {
    const cache = new BlockCache(1 << 20);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return block(256);
    };
    const [a, b] = await Promise.all([cache.getOrLoad(key, load), cache.getOrLoad(key, load)]);
    assert.equal(a, b);
    assert.equal(await cache.getOrLoad(key, load), a);
    assert.equal(loads, 1);
    assert.equal(cache.stats.hits, 1);
    assert.equal(cache.stats.bytes, 512 + 128);
  });

  it('does not cache a failed load', async () => {
    const cache = new BlockCache(1 << 20);
    await assert.rejects(
      cache.getOrLoad(key, async () => {
        throw new Error('decode failed');
      }),
    );
    assert.equal((await cache.getOrLoad(key, async () => block(4))).width, 4);
  });

  it('keys blocks by URL, version, level and index', () => {
    const keys = new Set([
      blockCacheKey(key),
      blockCacheKey({ ...key, version: '"e2"' }),
      blockCacheKey({ ...key, level: 1 }),
      blockCacheKey({ ...key, index: 4 }),
      blockCacheKey({ ...key, url: 'https://example.com/b.tif' }),
    ]);
    assert.equal(keys.size, 5);
  });
});

import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import { HttpClient, type HttpClientOptions } from '../src/source/http-client.js';
import { openSource } from '../src/source/open-source.js';
import { patternBytes, TestFileServer } from './source-test-server.js';

const fastRetries: HttpClientOptions = { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 3 } };

async function withServer(
  data: Uint8Array,
  run: (server: TestFileServer, base: string, client: HttpClient) => Promise<void>,
  options: HttpClientOptions = fastRetries,
) {
  const server = new TestFileServer(data);
  const base = await server.listen();
  const client = new HttpClient(options);
  try {
    await run(server, base, client);
  } finally {
    client.close();
    await server.close();
  }
}

function open(url: string, client: HttpClient) {
  return openSource(url, { allowedHosts: ['127.0.0.1'], httpClient: client });
}

function isAppError(code: string, pattern?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    return true;
  };
}

describe('http source', () => {
  it('reads a range and learns the size from Content-Range and the version from the ETag', async () => {
    const data = patternBytes(5000);
    await withServer(data, async (server, base, client) => {
      const source = await open(`${base}/file.bin`, client);
      assert.equal(source.size(), undefined);
      const bytes = await source.read(1000, 300);
      assert.deepEqual(bytes, data.subarray(1000, 1300));
      assert.equal(source.size(), 5000);
      assert.equal(source.version(), '"v1"');
      assert.deepEqual(server.ranges, ['bytes=1000-1299']);
    });
  });

  it('returns the bytes that exist when a read runs past the end, and none past it', async () => {
    const data = patternBytes(100);
    await withServer(data, async (_server, base, client) => {
      const source = await open(`${base}/file.bin`, client);
      assert.deepEqual(await source.read(90, 50), data.subarray(90));
      assert.equal((await source.read(100, 10)).length, 0);
    });
  });

  it('retries after a 500 and succeeds', async () => {
    const data = patternBytes(1000);
    await withServer(data, async (server, base, client) => {
      server.failures = [500];
      const source = await open(`${base}/file.bin`, client);
      assert.deepEqual(await source.read(0, 10), data.subarray(0, 10));
      assert.equal(server.requests, 2);
    });
  });

  it('retries after a 429', async () => {
    await withServer(patternBytes(100), async (server, base, client) => {
      server.failures = [429, 429];
      server.failureHeaders = { 'Retry-After': '0' };
      const source = await open(`${base}/file.bin`, client);
      assert.equal((await source.read(0, 10)).length, 10);
      assert.equal(server.requests, 3);
    });
  });

  it('gives up with a 502 after its retries when the server keeps failing', async () => {
    await withServer(patternBytes(100), async (server, base, client) => {
      server.failures = [503, 503, 503, 503, 503, 503];
      const source = await open(`${base}/file.bin`, client);
      await assert.rejects(source.read(0, 10), isAppError('BadGateway', /answered 503/));
      assert.equal(server.requests, 4);
    });
  });

  it('does not retry a 404, which becomes a 404 for our user', async () => {
    await withServer(patternBytes(100), async (server, base, client) => {
      const source = await open(`${base}/missing.tif`, client);
      await assert.rejects(source.read(0, 10), isAppError('NotFound', /missing\.tif was not found/));
      assert.equal(server.requests, 1);
    });
  });

  it('times out a request that gets no answer, retries it, then reports a timeout', async () => {
    await withServer(
      patternBytes(100),
      async (server, base, client) => {
        server.hang = true;
        const source = await open(`${base}/file.bin`, client);
        await assert.rejects(source.read(0, 10), isAppError('Timeout'));
        assert.equal(server.requests, 2);
      },
      { requestTimeoutMs: 100, retry: { baseDelayMs: 1, maxDelayMs: 1, maxRetries: 1 } },
    );
  });

  it('shares one request between two callers asking for the same range at the same time', async () => {
    const data = patternBytes(4000);
    await withServer(data, async (server, base, client) => {
      const [a, b] = await Promise.all([open(`${base}/file.bin`, client), open(`${base}/file.bin`, client)]);
      const [x, y] = await Promise.all([a.read(100, 200), b.read(100, 200)]);
      assert.equal(server.requests, 1);
      assert.deepEqual(x, data.subarray(100, 300));
      assert.deepEqual(y, data.subarray(100, 300));
      assert.equal(client.pending, 0);
    });
  });

  it('stops an aborted read at once, closes its connection and does not retry', async () => {
    await withServer(
      patternBytes(100),
      async (server, base, client) => {
        server.hang = true;
        const source = await open(`${base}/file.bin`, client);
        const controller = new AbortController();
        const reading = source.read(0, 10, controller.signal);
        await server.hangingArrived;
        controller.abort();
        // The request timeout is a minute: a rejection now can only come from the abort.
        await assert.rejects(reading, isAppError('ClientClosedRequest'));
        await server.closedHanging;
        assert.equal(server.requests, 1);
      },
      { requestTimeoutMs: 60_000, ...fastRetries },
    );
  });

  it('keeps a shared request going for the callers that did not abort', async () => {
    const data = patternBytes(100);
    await withServer(data, async (server, base, client) => {
      const source = await open(`${base}/file.bin`, client);
      const controller = new AbortController();
      const first = source.read(0, 10, controller.signal);
      const second = source.read(0, 10);
      controller.abort();
      await assert.rejects(first, isAppError('ClientClosedRequest'));
      assert.deepEqual(await second, data.subarray(0, 10));
      assert.equal(server.requests, 1);
    });
  });

  it('rejects a read whose signal is already aborted without a request', async () => {
    await withServer(patternBytes(100), async (server, base, client) => {
      const source = await open(`${base}/file.bin`, client);
      await assert.rejects(source.read(0, 10, AbortSignal.abort()), isAppError('ClientClosedRequest'));
      assert.equal(server.requests, 0);
    });
  });

  it('keeps only the part asked for when the server ignores Range', async () => {
    const data = patternBytes(3000);
    await withServer(data, async (server, base, client) => {
      server.ignoreRange = true;
      const source = await open(`${base}/file.bin`, client);
      assert.deepEqual(await source.read(2000, 100), data.subarray(2000, 2100));
      assert.equal(source.size(), 3000);
    });
  });

  it('reports a file replaced while it was being read', async () => {
    await withServer(patternBytes(100), async (server, base, client) => {
      const source = await open(`${base}/file.bin`, client);
      await source.read(0, 10);
      assert.equal(source.version(), '"v1"');
      server.etag = '"v2"';
      await assert.rejects(source.read(10, 10), isAppError('Conflict', /changed while it was being read/));
    });
  });

  it('knows the version of a URL read before, so caches can be keyed before the first read', async () => {
    await withServer(patternBytes(100), async (_server, base, client) => {
      await (await open(`${base}/file.bin`, client)).read(0, 10);
      const again = await open(`${base}/file.bin`, client);
      assert.equal(again.version(), '"v1"');
    });
  });

  it('reports a refused connection as a 502 naming the reason', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    const client = new HttpClient(fastRetries);
    try {
      const source = await open(`http://127.0.0.1:${port}/file.bin`, client);
      await assert.rejects(source.read(0, 10), isAppError('BadGateway', /ECONNREFUSED/));
    } finally {
      client.close();
    }
  });
});

describe('openSource for URLs', () => {
  it('refuses a host that is not in the allow-list, naming the setting', async () => {
    await assert.rejects(openSource('https://example.org/a.tif', { allowedHosts: ['*.example.com'] }), isAppError('Forbidden', /PQE_ALLOWED_HOSTS/));
  });

  it('refuses every remote host when no list is given', async () => {
    await assert.rejects(openSource('https://example.com/a.tif'), isAppError('Forbidden'));
  });

  it('refuses a scheme that is not allowed', async () => {
    await assert.rejects(openSource('http://example.com/a.tif', { allowedHosts: ['*'], allowedSchemes: ['https'] }), isAppError('Forbidden'));
    await assert.rejects(openSource('ftp://example.com/a.tif', { allowedHosts: ['*'] }), isAppError('BadRequest', /ftp/));
  });

  it('refuses something that is neither a URL nor an absolute path', async () => {
    await assert.rejects(openSource('data/a.tif'), isAppError('BadRequest'));
  });

  it('refuses URLs with credentials in them', async () => {
    await assert.rejects(openSource('https://user:pw@example.com/a.tif', { allowedHosts: ['*'] }), isAppError('BadRequest'));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import { AZURE_STORAGE_SCOPE, AzureTokenProvider, hasSasToken, isAzureBlobUrl, type TokenCredential } from '../src/source/azure-blob.js';
import { azureHeaders } from '../src/source/open-source.js';

/** A credential that hands out numbered tokens and remembers the scopes it was asked for. */
class CountingCredential implements TokenCredential {
  calls: (string | string[])[] = [];
  lifetimeMs = 3_600_000;
  async getToken(scopes: string | string[]) {
    this.calls.push(scopes);
    return { token: `token-${this.calls.length}`, expiresOnTimestamp: Date.now() + this.lifetimeMs };
  }
}

describe('Azure Blob URLs', () => {
  const cases: [string, boolean][] = [
    ['https://naipeuwest.blob.core.windows.net/naip/v002/al/2019/a.tif', true],
    ['https://acct.blob.core.usgovcloudapi.net/c/b.tif', true],
    ['https://naipeuwest.blob.core.windows.net/naip', false],
    ['https://naipeuwest.blob.core.windows.net/', false],
    ['http://naipeuwest.blob.core.windows.net/naip/a.tif', false],
    ['https://blob.core.windows.net/naip/a.tif', false],
    ['https://naipeuwest.dfs.core.windows.net/naip/a.tif', false],
    ['https://example.com/naip/a.tif', false],
  ];
  for (const [url, expected] of cases) {
    it(`${expected ? 'recognises' : 'does not take'} ${url}`, () => {
      assert.equal(isAzureBlobUrl(new URL(url)), expected);
    });
  }

  it('sees a SAS token by its signature parameter', () => {
    assert.equal(hasSasToken(new URL('https://a.blob.core.windows.net/c/b.tif?sv=2021-06-08&se=2030-01-01&sr=c&sp=rl&sig=abc%3D')), true);
    assert.equal(hasSasToken(new URL('https://a.blob.core.windows.net/c/b.tif?sv=2021-06-08')), false);
  });
});

describe('Azure bearer-token headers', () => {
  it('sends a bearer token for the storage scope and the x-ms-version header', async () => {
    const credential = new CountingCredential();
    const headers = await new AzureTokenProvider(credential).headers();
    assert.deepEqual(headers, { Authorization: 'Bearer token-1', 'x-ms-version': '2023-11-03' });
    assert.deepEqual(credential.calls, [AZURE_STORAGE_SCOPE]);
  });

  it('reuses a token until it nears its expiry', async () => {
    const credential = new CountingCredential();
    const provider = new AzureTokenProvider(credential);
    await Promise.all([provider.headers(), provider.headers()]);
    await provider.headers();
    assert.equal(credential.calls.length, 1);
    credential.lifetimeMs = 60_000;
    const short = new AzureTokenProvider(credential);
    await short.headers();
    await short.headers();
    assert.equal(credential.calls.length, 3);
  });

  it('reports a credential that gives no token as a 502', async () => {
    const provider = new AzureTokenProvider({ getToken: async () => null });
    await assert.rejects(provider.headers(), (error: unknown) => error instanceof AppError && error.code === 'BadGateway');
  });

  it('authenticates blob URLs without a SAS token, and only those', async () => {
    const credential = new CountingCredential();
    const blob = azureHeaders(new URL('https://acct.blob.core.windows.net/c/b.tif'), { azureCredential: credential });
    assert.ok(blob);
    assert.equal((await blob()).Authorization, 'Bearer token-1');
    assert.equal(azureHeaders(new URL('https://acct.blob.core.windows.net/c/b.tif?sig=x'), { azureCredential: credential }), undefined);
    assert.equal(azureHeaders(new URL('https://example.com/c/b.tif'), { azureCredential: credential }), undefined);
    assert.equal(azureHeaders(new URL('https://acct.blob.core.windows.net/c/b.tif'), {}), undefined);
  });
});

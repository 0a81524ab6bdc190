import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CogHeaderCache, openCog } from '../src/cog/cog.js';
import { HttpClient } from '../src/source/http-client.js';
import { openSource } from '../src/source/open-source.js';
import { gdal, gdalinfo, gdalMissing, writeEnvi } from './cog-gdal-fixtures.js';
import { TestFileServer } from './source-test-server.js';

describe('COGs over http', { skip: gdalMissing() }, () => {
  let dir = '';
  let server: TestFileServer;
  let base = '';
  let client: HttpClient;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pqe-cog-http-'));
    const raw = await writeEnvi(dir, 'rgb', 1000, 700, 3);
    const path = join(dir, 'rgb.tif');
    gdal('gdal_translate', ['-q', '-of', 'COG', '-co', 'BLOCKSIZE=256', '-mask', '1', '-a_srs', 'EPSG:4326', '-a_ullr', '10', '50', '11', '49.3', raw, path]);
    server = new TestFileServer(new Uint8Array(await readFile(path)));
    base = await server.listen();
    client = new HttpClient();
  });
  after(async () => {
    client.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens a COG with one request for its header and IFDs, and reads a block with one more', async () => {
    server.requests = 0;
    const source = await openSource(`${base}/file.bin`, { allowedHosts: ['127.0.0.1'], httpClient: client });
    const cog = await openCog(source);
    assert.equal(server.requests, 1);
    const info = gdalinfo(join(dir, 'rgb.tif'));
    assert.deepEqual([cog.width, cog.height], info.size);
    // gdalinfo prints 15 significant digits: compare to that precision.
    for (const [i, value] of (cog.geotransform ?? []).entries()) {
      assert.ok(Math.abs(value - (info.geoTransform?.[i] ?? Number.NaN)) <= 1e-14 * Math.max(1, Math.abs(value)), `geotransform[${i}]`);
    }
    assert.equal(cog.levels.length, 1 + (info.bands[0]?.overviews?.length ?? 0));
    assert.ok(await cog.readBlockBytes(0, 1, 1, 0));
    assert.equal(server.requests, 2);
  });

  it('opens it again from the header cache without a request', async () => {
    const cache = new CogHeaderCache(1 << 20);
    const options = { allowedHosts: ['127.0.0.1'], httpClient: client };
    await openCog(await openSource(`${base}/file.bin`, options), { cache });
    server.requests = 0;
    const again = await openCog(await openSource(`${base}/file.bin`, options), { cache });
    assert.equal(server.requests, 0);
    assert.equal(cache.stats.hits, 1);
    assert.equal(again.width, 1000);
  });
});

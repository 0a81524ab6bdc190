// The warper against rio-tiler 6.8 itself, tile by tile: runs only where the reference venv (.venv at the
// repository root, with rio-tiler 6.8.0 and rasterio 1.3.10) and GDAL's tools are installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compareTile, loadManifest, type ReferenceDataset } from './helpers/reference.js';
import { referencePython, referenceSkip, repositoryRoot } from './helpers/rio-tiler.js';

const script = join(repositoryRoot, 'bench', 'tiles', 'reference_tiles.py');
const skip = referenceSkip('the reference COGs');

describe('warpToTile agrees with rio-tiler 6.8 (nearest)', { skip }, () => {
  let dir = '';
  let datasets: ReferenceDataset[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pqe-warp-ref-'));
    const run = spawnSync(referencePython, [script, dir, '--tiny'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    datasets = loadManifest(dir).datasets;
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders every reference tile with at least 99 % of values and mask equal, and most bit for bit', async () => {
    let tiles = 0;
    let exact = 0;
    for (const ds of datasets) {
      for (const tile of ds.tiles) {
        if (tile.error) continue;
        const r = await compareTile(dir, ds, tile);
        assert.equal(r.error, undefined, `${ds.name} ${tile.name}: ${r.error}`);
        assert.ok(r.valuesEqual >= 0.99, `${ds.name} ${tile.name}: ${(100 * r.valuesEqual).toFixed(2)} % of values equal`);
        assert.ok(r.maskEqual >= 0.99, `${ds.name} ${tile.name}: ${(100 * r.maskEqual).toFixed(2)} % of mask equal`);
        tiles++;
        if (r.valuesEqual === 1 && r.maskEqual === 1) exact++;
      }
    }
    assert.ok(tiles >= 30, `only ${tiles} reference tiles`);
    assert.ok(exact >= tiles * 0.9, `${exact} of ${tiles} tiles bit for bit`);
  });
});

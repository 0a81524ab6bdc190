import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateDemoCatalog, type JsonObject } from '@pqe/catalog';
import { footprintMask } from '../src/commands/demo-assets-footprint.js';
import type { AssetGrid } from '../src/commands/demo-assets-grid.js';
import { planDemoAssets } from '../src/commands/demo-assets-plan.js';

/** A 4 x 3 grid of unit pixels whose top-left corner is (0, 3). */
function grid(rings: number[][]): AssetGrid {
  return {
    epsg: 32631,
    geographic: false,
    width: 4,
    height: 3,
    geotransform: [0, 1, 0, 3, 0, -1],
    column: 0,
    row: -3,
    rings: rings.map((r) => Float64Array.from(r)),
  };
}

describe('footprintMask', () => {
  it('marks the pixels whose centres are inside the footprint', () => {
    // Centres are at x = 0.5 .. 3.5 and y = 2.5, 1.5, 0.5: only x = 1.5 and 2.5 fall in 0.6 <= x < 2.6.
    const mask = footprintMask(grid([[0.6, 0.4, 2.6, 0.4, 2.6, 2.9, 0.6, 2.9]]));
    assert.deepEqual([...mask], [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0]);
  });

  it('leaves no gap between the two halves of a footprint split along a pixel edge, as at the antimeridian', () => {
    const west = [0, 0, 2, 0, 2, 3, 0, 3];
    const east = [2, 0, 4, 0, 4, 3, 2, 3];
    assert.deepEqual([...footprintMask(grid([west, east]))], new Array(12).fill(1));
  });
});

describe('planDemoAssets', () => {
  const catalog = generateDemoCatalog();
  const plans = planDemoAssets(catalog);
  const epsgOf = (item: Record<string, unknown>) => (item.properties as JsonObject)['proj:epsg'];

  it('gives every month its own global grid in EPSG:4326', () => {
    const months = plans.filter((p) => p.collection === 'demo-climate-monthly');
    assert.equal(months.length, 24);
    for (const plan of months) assert.deepEqual([plan.grid.epsg, plan.grid.width, plan.grid.height, plan.items.length], [4326, 360, 180, 1]);
  });

  it('shares one COG per UTM zone between all the Pacific scenes of that zone', () => {
    const pacific = plans.filter((p) => p.collection === 'demo-pacific');
    assert.deepEqual(pacific.map((p) => p.name).sort(), ['utm-32701', 'utm-32760']);
    assert.equal(
      pacific.reduce((n, p) => n + p.items.length, 0),
      30,
    );
    for (const plan of pacific) for (const item of plan.items) assert.equal(epsgOf(item), plan.grid.epsg);
  });

  it('gives a few optical and radar items, the one at the preview point first, COGs of their own in their zone', () => {
    for (const collection of ['demo-optical', 'demo-sar']) {
      const own = plans.filter((p) => p.collection === collection);
      assert.ok(own.length >= 1 && own.length <= 4, collection);
      for (const plan of own) assert.deepEqual([plan.items.length, plan.name, plan.grid.epsg], [1, plan.items[0]?.id, epsgOf(plan.items[0] ?? {})]);
      const [lat, lon] = (catalog.renderConfigs[collection] as { render_config: { mosaic_preview_coords: [number, number] } }).render_config
        .mosaic_preview_coords;
      const [west, south, east, north] = (own[0]?.items[0]?.bbox ?? []) as number[];
      assert.ok(lon >= (west as number) && lon <= (east as number) && lat >= (south as number) && lat <= (north as number), collection);
    }
  });
});

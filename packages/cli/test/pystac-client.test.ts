import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exited, startPqe } from './run-pqe.js';

const venv = fileURLToPath(new URL('../../../../.pqe-test/venv', import.meta.url));
const python = join(venv, 'bin', 'python');

/** A venv with pystac-client, made once; undefined (with the reason) when Python or the package index is not there. */
function pystacClient(): { python: string } | { skip: string } {
  if (existsSync(python) && spawnSync(python, ['-c', 'import pystac_client'], { stdio: 'ignore' }).status === 0) return { python };
  if (spawnSync('python3', ['--version'], { stdio: 'ignore' }).status !== 0) return { skip: 'python3 is not installed' };
  const made = spawnSync('python3', ['-m', 'venv', venv], { encoding: 'utf8' });
  if (made.status !== 0) return { skip: `cannot make a venv: ${made.stderr.trim().split('\n').pop()}` };
  const pip = spawnSync(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', 'pystac-client'], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (pip.status !== 0) return { skip: `pip could not install pystac-client: ${(pip.stderr || pip.stdout).trim().split('\n').pop()}` };
  return { python };
}

const script = `
import json, sys
from pystac_client import Client
client = Client.open(sys.argv[1])
collections = sorted(c.id for c in client.get_collections())
out = {"collections": collections}
for method in ("GET", "POST"):
    search = client.search(collections=["demo-optical"], limit=40, method=method, datetime="2023-01-01/2024-12-31")
    pages = list(search.pages_as_dicts())
    ids = [f["id"] for page in pages for f in page["features"]]
    out[method] = {"pages": len(pages), "ids": len(ids), "unique": len(set(ids)), "matched": search.matched()}
item = next(client.search(collections=["demo-sar"], max_items=1).items())
out["item_self"] = item.get_self_href()
print(json.dumps(out))
`;

describe('pystac-client against pqe serve', () => {
  const env = pystacClient();
  it('walks the catalog and runs paged GET and POST searches', { skip: 'skip' in env ? env.skip : false }, async () => {
    if (!('python' in env)) return;
    const dir = mkdtempSync(join(tmpdir(), 'pqe-pystac-'));
    const server = await startPqe(['serve', '--port', '0', '--data-dir', dir, '--demo'], /pqe serving http:\/\/[^:]+:(\d+)/);
    try {
      const url = `http://127.0.0.1:${server.match[1]}/api/stac/v1/`;
      const run = spawnSync(env.python, ['-c', script, url], { encoding: 'utf8', timeout: 120_000 });
      assert.equal(run.status, 0, run.stderr);
      const out = JSON.parse(run.stdout) as Record<string, { pages: number; ids: number; unique: number; matched: number }> & {
        collections: string[];
        item_validates: boolean;
      };
      assert.ok(out.collections.includes('demo-optical') && out.collections.includes('demo-pacific'));
      for (const method of ['GET', 'POST']) {
        const r = out[method] as { pages: number; ids: number; unique: number; matched: number };
        assert.equal(r.ids, r.matched, `${method}: every matched item is reached`);
        assert.equal(r.unique, r.ids, `${method}: no item twice`);
        assert.ok(r.pages >= 3, `${method}: several pages`);
      }
      assert.match(String(out.item_self), /\/api\/stac\/v1\/collections\/demo-sar\/items\//);
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  });
});

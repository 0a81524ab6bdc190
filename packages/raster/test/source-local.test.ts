import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { AppError } from '@pqe/common';
import { openSource } from '../src/source/open-source.js';
import { patternBytes } from './source-test-server.js';

function isAppError(code: string, pattern?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    return true;
  };
}

describe('local file sources', () => {
  let dir = '';
  let root = '';
  const data = patternBytes(2000);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pqe-source-local-'));
    root = join(dir, 'root');
    await mkdir(join(root, 'sub'), { recursive: true });
    await writeFile(join(root, 'sub', 'a.bin'), data);
    await writeFile(join(dir, 'outside.bin'), data);
    await symlink(join(dir, 'outside.bin'), join(root, 'escape.bin'));
    await symlink(join(dir), join(root, 'escape-dir'));
    await symlink(join(root, 'sub', 'a.bin'), join(root, 'inside-link.bin'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file under a root, with its size and a version', async () => {
    const source = await openSource(join(root, 'sub', 'a.bin'), { localRoots: [root] });
    assert.deepEqual(await source.read(10, 20), data.subarray(10, 30));
    assert.deepEqual(await source.read(1990, 100), data.subarray(1990));
    assert.equal((await source.read(5000, 10)).length, 0);
    assert.equal(source.size(), 2000);
    assert.match(source.version() ?? '', /^\d+-2000$/);
  });

  it('reads a file:// URL under a root', async () => {
    const source = await openSource(pathToFileURL(join(root, 'sub', 'a.bin')).href, { localRoots: [root] });
    assert.deepEqual(await source.read(0, 4), data.subarray(0, 4));
  });

  it('refuses a file outside the roots, naming the setting', async () => {
    await assert.rejects(openSource(join(dir, 'outside.bin'), { localRoots: [root] }), isAppError('Forbidden', /--local-root.*PQE_LOCAL_ROOTS/));
  });

  it('refuses a path that climbs out of a root with ..', async () => {
    await assert.rejects(openSource(`${root}/sub/../../outside.bin`, { localRoots: [root] }), isAppError('Forbidden'));
  });

  it('refuses a symlink in a root that points outside it', async () => {
    await assert.rejects(openSource(join(root, 'escape.bin'), { localRoots: [root] }), isAppError('Forbidden'));
    await assert.rejects(openSource(join(root, 'escape-dir', 'outside.bin'), { localRoots: [root] }), isAppError('Forbidden'));
  });

  it('follows a symlink that stays inside the root', async () => {
    const source = await openSource(join(root, 'inside-link.bin'), { localRoots: [root] });
    assert.deepEqual(await source.read(0, 3), data.subarray(0, 3));
  });

  it('refuses every local file when no root is configured', async () => {
    await assert.rejects(openSource(join(root, 'sub', 'a.bin')), isAppError('Forbidden', /PQE_LOCAL_ROOTS/));
  });

  it('reports a missing file under a root as not found', async () => {
    await assert.rejects(openSource(join(root, 'sub', 'nope.tif'), { localRoots: [root] }), isAppError('NotFound'));
  });

  it('does not say whether a file outside the roots exists', async () => {
    await assert.rejects(openSource(join(dir, 'nope.tif'), { localRoots: [root] }), isAppError('Forbidden'));
  });

  it('refuses a folder', async () => {
    await assert.rejects(openSource(join(root, 'sub'), { localRoots: [root] }), isAppError('BadRequest', /not a file/));
  });

  it('refuses local files when the file scheme is not allowed', async () => {
    await assert.rejects(openSource(join(root, 'sub', 'a.bin'), { localRoots: [root], allowedSchemes: ['https'] }), isAppError('Forbidden'));
  });

  it('refuses a damaged byte range before reading', async () => {
    const source = await openSource(join(root, 'sub', 'a.bin'), { localRoots: [root] });
    await assert.rejects(source.read(-1, 10), isAppError('BadRequest'));
    await assert.rejects(source.read(0, 2 ** 40), isAppError('BadRequest', /limit/));
  });

  it('rejects a read whose signal is aborted', async () => {
    const source = await openSource(join(root, 'sub', 'a.bin'), { localRoots: [root] });
    await assert.rejects(source.read(0, 10, AbortSignal.abort()), isAppError('ClientClosedRequest'));
  });
});

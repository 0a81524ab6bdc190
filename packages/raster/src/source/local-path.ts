import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '@pqe/common';

// Local files are readable only inside the configured roots. The check is made twice: on the path as written
// (so that nothing outside the roots is even looked at) and on its real path (so that a symlink inside a root
// cannot lead out of it).

const ROOTS_SETTING = 'the --local-root option or the PQE_LOCAL_ROOTS setting';

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The absolute path a local location names: a plain absolute path or a file:// URL. */
export function localPathOf(location: string): string {
  let path = location;
  if (location.startsWith('file:')) {
    try {
      path = fileURLToPath(location);
    } catch (error) {
      throw new AppError('BadRequest', `${location} is not a usable file URL: only file:///absolute/path is.`, { cause: error });
    }
  }
  if (!isAbsolute(path)) throw new AppError('BadRequest', `The local path ${location} is not absolute.`);
  if (path.includes('\0')) throw new AppError('BadRequest', 'A local path cannot contain a NUL character.');
  return resolve(path);
}

async function realRoots(roots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const root of roots) {
    if (!isAbsolute(root)) continue;
    try {
      out.push(await realpath(root));
    } catch {
      // A root that does not exist grants nothing.
    }
  }
  return out;
}

export interface LocalFile {
  /** The real path (symlinks resolved). */
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Resolves a local location to a regular file inside one of `roots`.
 * @throws AppError Forbidden outside the roots (or with none), NotFound when missing, BadRequest when not a file.
 */
export async function resolveLocalFile(location: string, roots: readonly string[]): Promise<LocalFile> {
  const path = localPathOf(location);
  const forbidden = () =>
    new AppError('Forbidden', `Reading ${location} is not allowed: local files are readable only under the folders given by ${ROOTS_SETTING}.`);
  if (roots.length === 0) throw forbidden();
  const real = await realRoots(roots);
  const lexicalRoots = roots.filter((root) => isAbsolute(root)).map((root) => resolve(root));
  if (![...lexicalRoots, ...real].some((root) => isInside(path, root))) throw forbidden();
  let resolved: string;
  try {
    resolved = await realpath(path);
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) throw new AppError('NotFound', `The file ${location} does not exist.`, { cause: error });
    if (isErrno(error, 'EACCES')) throw new AppError('Forbidden', `The server may not read ${location}.`, { cause: error });
    throw new AppError('BadRequest', `The file ${location} cannot be opened.`, { cause: error });
  }
  if (!real.some((root) => isInside(resolved, root))) throw forbidden();
  const info = await stat(resolved);
  if (!info.isFile()) throw new AppError('BadRequest', `${location} is not a file.`);
  return { path: resolved, size: info.size, mtimeMs: info.mtimeMs };
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { AppError } from '@pqe/common';

interface LockHolder {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
  /** The kernel's start time of the process, so that a reused pid is not mistaken for the holder. */
  processStart?: string;
}

export const LOCK_FILE = 'pqe.lock';

function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime) follows the command name, which is in parentheses and may contain spaces.
    const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return afterName[19];
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // cannot tell: treat as held
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (holder.processStart === undefined) return true;
  const current = processStartOf(holder.pid);
  return current === undefined || current === holder.processStart;
}

function readHolder(path: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/**
 * Takes the embedded data dir for this process alone. A second process fails at once, saying which process holds
 * the dir and what to do; a lock left by a process that died is taken over.
 */
export function acquireDataDirLock(dataDir: string, command = process.argv.slice(1).join(' ')): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: command.slice(0, 300),
    startedAt: new Date().toISOString(),
    ...(processStartOf(process.pid) === undefined ? {} : { processStart: processStartOf(process.pid) as string }),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    // Written whole to a private file, then linked into place: a reader never sees a half-written lock.
    const draft = `${path}.${process.pid}`;
    writeFileSync(draft, `${JSON.stringify(me)}\n`);
    try {
      linkSync(draft, path);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
      };
      process.once('exit', release);
      return { path, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(draft, { force: true });
    }
    const holder = readHolder(path);
    if (holder !== undefined && isAlive(holder)) {
      throw new AppError(
        'Conflict',
        `The data dir ${dir} is in use by process ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.startedAt}). ` +
          'The embedded database serves one process at a time: stop that process, use another --data-dir (PQE_DATA_DIR), ' +
          'or share a PostgreSQL database with --database-url (PQE_DATABASE_URL).',
      );
    }
    // Stale (its process is gone) or unreadable: move it aside atomically, so that only one taker wins.
    try {
      renameSync(path, `${path}.stale-${process.pid}`);
      rmSync(`${path}.stale-${process.pid}`, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new AppError('Conflict', `Could not take the lock ${path}; another process keeps taking it.`);
}

import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import { acquireDataDirLock, LOCK_FILE } from '../src/database/data-dir-lock.js';

const freshDir = (): string => mkdtempSync(join(tmpdir(), 'pqe-lock-'));

const readLock = (dir: string): { pid: number; host: string; command: string; startedAt: string; processStart?: string } =>
  JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));

function writeLock(dir: string, holder: Record<string, unknown>): void {
  writeFileSync(join(dir, LOCK_FILE), `${JSON.stringify({ host: hostname(), command: 'pqe serve', startedAt: '2024-01-01T00:00:00.000Z', ...holder })}\n`);
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', '']);
  assert.equal(result.status, 0);
  return result.pid;
}

function conflict(error: unknown): AppError {
  assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
  assert.equal(error.code, 'Conflict');
  return error;
}

describe('acquireDataDirLock', () => {
  it('takes a fresh dir and writes this process into the lock file', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir, 'pqe serve --port 1');
    try {
      assert.equal(lock.path, join(dir, LOCK_FILE));
      const holder = readLock(dir);
      assert.equal(holder.pid, process.pid);
      assert.equal(holder.host, hostname());
      assert.equal(holder.command, 'pqe serve --port 1');
      assert.ok(!Number.isNaN(Date.parse(holder.startedAt)));
    } finally {
      lock.release();
    }
  });

  it('creates the data dir when it does not exist', () => {
    const dir = join(freshDir(), 'a', 'b');
    const lock = acquireDataDirLock(dir);
    try {
      assert.ok(existsSync(join(dir, LOCK_FILE)));
    } finally {
      lock.release();
    }
  });

  it('leaves no draft files beside the lock', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    try {
      assert.equal(existsSync(`${join(dir, LOCK_FILE)}.${process.pid}`), false);
    } finally {
      lock.release();
    }
  });

  it('refuses a second acquire in the same process while the lock is held, naming the pid and what to do', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir, 'pqe serve');
    try {
      assert.throws(
        () => acquireDataDirLock(dir),
        (error: unknown) => {
          const { message } = conflict(error);
          assert.ok(message.includes(`in use by process ${process.pid} on ${hostname()} (pqe serve`), message);
          assert.match(message, /stop that process, use another --data-dir \(PQE_DATA_DIR\), or share a PostgreSQL database with --database-url/);
          return true;
        },
      );
    } finally {
      lock.release();
    }
  });

  it('removes the lock file on release', () => {
    const dir = freshDir();
    acquireDataDirLock(dir).release();
    assert.equal(existsSync(join(dir, LOCK_FILE)), false);
  });

  it('can be taken again after release', () => {
    const dir = freshDir();
    acquireDataDirLock(dir).release();
    const again = acquireDataDirLock(dir);
    assert.equal(readLock(dir).pid, process.pid);
    again.release();
  });

  it('ignores a second release', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    lock.release();
    const other = acquireDataDirLock(dir);
    lock.release();
    assert.ok(existsSync(join(dir, LOCK_FILE)), 'the old handle must not remove the new lock');
    other.release();
  });

  it('stops listening for process exit once released', () => {
    const before = process.listenerCount('exit');
    const lock = acquireDataDirLock(freshDir());
    assert.equal(process.listenerCount('exit'), before + 1);
    lock.release();
    assert.equal(process.listenerCount('exit'), before);
  });

  it('does not remove a lock on release that another process has since taken', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    writeLock(dir, { pid: 1 });
    lock.release();
    assert.equal(readLock(dir).pid, 1);
  });

  it('takes over a stale lock left by a process that has died', () => {
    const dir = freshDir();
    const pid = deadPid();
    writeLock(dir, { pid });
    const lock = acquireDataDirLock(dir);
    try {
      assert.equal(readLock(dir).pid, process.pid);
    } finally {
      lock.release();
    }
  });

  it('takes over a lock whose pid now belongs to another process (its start time differs)', () => {
    const dir = freshDir();
    writeLock(dir, { pid: process.pid, processStart: '1' });
    const lock = acquireDataDirLock(dir);
    try {
      assert.notEqual(readLock(dir).processStart, '1');
    } finally {
      lock.release();
    }
  });

  it('takes over a lock file that holds no JSON', () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
    const lock = acquireDataDirLock(dir);
    try {
      assert.equal(readLock(dir).pid, process.pid);
    } finally {
      lock.release();
    }
  });

  it('treats a lock from another host as held, even when its pid is not running here', () => {
    const dir = freshDir();
    const pid = deadPid();
    writeLock(dir, { pid, host: 'elsewhere.example' });
    assert.throws(
      () => acquireDataDirLock(dir),
      (error: unknown) => {
        assert.ok(conflict(error).message.includes(`in use by process ${pid} on elsewhere.example`));
        return true;
      },
    );
    assert.equal(readLock(dir).host, 'elsewhere.example', 'the lock is left in place');
  });

  describe('held by another live process', () => {
    const dir = freshDir();
    const moduleUrl = new URL('../src/database/data-dir-lock.js', import.meta.url).href;
    let child: ChildProcess | undefined;

    after(() => {
      if (child?.exitCode === null) child.kill();
    });

    it('fails in this process with the child pid in the message', async () => {
      const script = `import { acquireDataDirLock } from ${JSON.stringify(moduleUrl)};
acquireDataDirLock(${JSON.stringify(dir)}, 'pqe child');
process.stdout.write('locked\\n');
setInterval(() => {}, 1000);`;
      child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      const [data] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
      assert.equal(data.toString(), 'locked\n');
      const pid = child.pid;
      assert.ok(pid !== undefined);
      assert.throws(
        () => acquireDataDirLock(dir),
        (error: unknown) => {
          const { message } = conflict(error);
          assert.ok(message.includes(`in use by process ${pid} on ${hostname()} (pqe child`), message);
          return true;
        },
      );
    });

    it('takes the lock over once that process has been killed', async () => {
      assert.ok(child !== undefined);
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
      const lock = acquireDataDirLock(dir);
      try {
        assert.equal(readLock(dir).pid, process.pid);
      } finally {
        lock.release();
      }
    });
  });
});

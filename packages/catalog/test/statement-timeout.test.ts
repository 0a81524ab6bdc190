import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import { PgDatabase } from '../src/database/pg-database.js';
import { postgresTestUrl } from '../src/testing/test-databases.js';

describe('a statement that runs too long on PostgreSQL', {
  skip: postgresTestUrl() === undefined ? 'PostgreSQL not configured: set PQE_TEST_DATABASE_URL (scripts/test does)' : false,
}, () => {
  it('is stopped at the statement timeout and reported as a Timeout that says how to narrow the request', async () => {
    const db = new PgDatabase({ url: postgresTestUrl() as string, poolMax: 1, statementTimeoutMs: 50 });
    try {
      await assert.rejects(db.query('SELECT pg_sleep(2)'), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'Timeout');
        assert.equal(error.status, 504);
        assert.match(error.message, /Narrow the request/);
        return true;
      });
    } finally {
      await db.close();
    }
  });

  it('is cancelled on the server when its caller aborts', async () => {
    const db = new PgDatabase({ url: postgresTestUrl() as string, poolMax: 2, statementTimeoutMs: 0 });
    try {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(db.query('SELECT pg_sleep(5)', [], { signal: controller.signal }), (error: unknown) => error instanceof AppError);
      assert.ok(Date.now() - started < 3000, 'the query stopped well before it would have ended');
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(5)' AND state = 'active'");
      assert.equal(rows[0]?.n, 0, 'nothing is left running on the server');
    } finally {
      await db.close();
    }
  });

  it('never lets the cancel of an aborted query reach the next query on the same connection', async () => {
    // The cancel travels over a second connection and lands some ms after the abort: if the first query ends in
    // between and the connection goes back to the pool, the cancel must not stop whatever runs there next.
    const db = new PgDatabase({ url: postgresTestUrl() as string, poolMax: 1, statementTimeoutMs: 0 });
    try {
      for (let delay = 16; delay <= 40; delay += 2) {
        const controller = new AbortController();
        setTimeout(() => controller.abort(), delay);
        await db.query('SELECT pg_sleep(0.03)', [], { signal: controller.signal }).catch((error: unknown) => {
          assert.ok(error instanceof AppError, String(error));
        });
        const { rows } = await db.query<{ done: boolean }>('SELECT true AS done FROM pg_sleep(0.06)');
        assert.equal(rows[0]?.done, true, `the query after an abort at ${delay} ms ran to its end`);
      }
    } finally {
      await db.close();
    }
  });
});

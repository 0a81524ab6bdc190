import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { settings } from '@pqe/common';

const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it('documents every setting with the meaning the code gives it', () => {
    const rows = readme
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    for (const setting of Object.values(settings)) {
      const row = rows.find((cells) => cells[1] === `\`${setting.env}\``);
      assert.ok(row, `${setting.env} has a row in the configuration table`);
      assert.equal(row[3], setting.doc, `${setting.env}'s row says what the code says`);
    }
  });

  it('gives the two commands of the quick start', () => {
    assert.match(readme, /^scripts\/server\b/m);
    assert.match(readme, /^scripts\/test\b/m);
  });
});

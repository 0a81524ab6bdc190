import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHostAllowed } from '../src/source/host-allow-list.js';

const cases: [string, string[], boolean][] = [
  ['example.com', ['example.com'], true],
  ['EXAMPLE.com', ['example.COM'], true],
  ['a.example.com', ['example.com'], false],
  ['a.example.com', ['*.example.com'], true],
  ['a.b.example.com', ['*.example.com'], true],
  ['example.com', ['*.example.com'], false],
  ['badexample.com', ['*.example.com'], false],
  ['example.com.evil.net', ['*.example.com'], false],
  ['anything.net', ['*'], true],
  ['naipeuwest.blob.core.windows.net', ['*.blob.core.windows.net'], true],
  ['127.0.0.1', ['127.0.0.1'], true],
  ['127.0.0.2', ['127.0.0.1'], false],
  ['example.com', [], false],
  ['example.com.', ['example.com'], true],
];

describe('isHostAllowed', () => {
  for (const [host, patterns, expected] of cases) {
    it(`${expected ? 'allows' : 'refuses'} ${host} with [${patterns.join(', ')}]`, () => {
      assert.equal(isHostAllowed(host, patterns), expected);
    });
  }
});

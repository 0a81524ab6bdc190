import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openApiHtml, stacOpenApi } from '../src/openapi.js';

describe('the API docs page', () => {
  it('escapes every text it shows', () => {
    const html = openApiHtml(stacOpenApi({ title: '<script>alert(1)</script>', description: 'a & "b"', rootPath: '/x' }), '/x/api?a="b"');
    assert.ok(!html.includes('<script>'));
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    assert.match(html, /a &#38; &#34;b&#34;/);
    assert.match(html, /href="\/x\/api\?a=&#34;b&#34;"/);
  });
});

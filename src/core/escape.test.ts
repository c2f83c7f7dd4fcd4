import { describe, expect, it } from 'vitest';

import { escapeHtml, escapeXml } from './index.js';

describe('escapeHtml(text)', () => {
  it('escapes the five characters that end text or an attribute in HTML', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('escapeXml(text)', () => {
  it('escapes markup and drops characters XML 1.0 does not allow', () => {
    expect(escapeXml(`<n a="1">'&'</n>`)).toBe(
      '&lt;n a=&quot;1&quot;&gt;&apos;&amp;&apos;&lt;/n&gt;',
    );
    expect(escapeXml('a\u0000b\u0008c\td\ne\u000bf\u000eg\u001f\uffff')).toBe('abc\td\nefg');
  });
});

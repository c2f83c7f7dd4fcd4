import { describe, expect, it } from 'vitest';

import { canonicalUrl, normalizeHashtag, normalizeText, parseInstant, refang } from './index.js';

describe('canonicalUrl(raw)', () => {
  it('returns null for text that is not an absolute http(s) URL', () => {
    expect(canonicalUrl('')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
    expect(canonicalUrl('ftp://example.com/x')).toBeNull();
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
  });

  it('lower-cases scheme and host, drops www, default port, tracking parameters, fragment and trailing slash', () => {
    expect(
      canonicalUrl('HTTPS://WWW.Example.COM:443/Path/?utm_source=x&b=2&a=1&fbclid=z#top'),
    ).toEqual({
      url: 'https://example.com/Path?a=1&b=2',
      domain: 'example.com',
      shortener: false,
    });
    expect(canonicalUrl('http://example.com:8080/')?.url).toBe('http://example.com:8080');
    expect(canonicalUrl('www.example.org/a')?.url).toBe('http://example.org/a');
  });

  it('keeps shortener links as they are and marks them', () => {
    expect(canonicalUrl('https://bit.ly/3AbC')).toEqual({
      url: 'https://bit.ly/3AbC',
      domain: 'bit.ly',
      shortener: true,
    });
  });
});

describe('normalizeText(text)', () => {
  it('composes (NFC), lower-cases, drops invisible characters and collapses white space', () => {
    expect(normalizeText(null)).toBeNull();
    expect(normalizeText(' \u200b ')).toBeNull();
    expect(normalizeText('  Hello\u200b \u3000 World\n')).toBe('hello world');
    expect(normalizeText('Cafe\u0301')).toBe('café');
    expect(normalizeText('台湾 是')).toBe('台湾 是');
  });

  it('folds hashtags without their #', () => {
    expect(normalizeHashtag('#Election2020')).toBe('election2020');
    expect(normalizeHashtag('＃台湾')).toBe('台湾');
    expect(normalizeHashtag('#')).toBeNull();
  });
});

describe('parseInstant(raw, {timezone})', () => {
  it('refuses naive timestamps unless a zone is named, and bad dates', () => {
    expect(parseInstant('2023-03-01 01:17:00', { timezone: null })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/--timezone/),
    });
    expect(parseInstant('2023-02-30T00:00:00Z', { timezone: null })).toMatchObject({ ok: false });
    expect(parseInstant('yesterday', { timezone: null })).toMatchObject({ ok: false });
    expect(parseInstant('2023-03-01T00:00:00 XYZ', { timezone: null })).toMatchObject({
      ok: false,
    });
  });

  it('reads offsets, Z, zone abbreviations, epoch seconds and milliseconds', () => {
    const t = Date.UTC(2023, 2, 1, 1, 15);
    expect(parseInstant('2023-03-01T09:15:00+08:00', { timezone: null })).toEqual({
      ok: true,
      ms: t,
    });
    expect(parseInstant('2023-03-01T01:15:00Z', { timezone: null })).toEqual({ ok: true, ms: t });
    expect(parseInstant('2023-02-28 20:15:00 EST', { timezone: null })).toEqual({
      ok: true,
      ms: t,
    });
    expect(parseInstant(String(t / 1000), { timezone: null })).toEqual({ ok: true, ms: t });
    expect(parseInstant(String(t), { timezone: null })).toEqual({ ok: true, ms: t });
  });

  it('reads naive timestamps in the named zone, daylight saving included', () => {
    expect(parseInstant('2023-03-01 09:15', { timezone: 'Asia/Shanghai' })).toEqual({
      ok: true,
      ms: Date.UTC(2023, 2, 1, 1, 15),
    });
    expect(parseInstant('2023-07-01 12:00', { timezone: 'America/New_York' })).toEqual({
      ok: true,
      ms: Date.UTC(2023, 6, 1, 16, 0),
    });
  });
});

describe('refang(value)', () => {
  it('undoes hxxp, [.], (.) and [at]', () => {
    expect(refang('hxxps://twitter[.]com/x')).toBe('https://twitter.com/x');
    expect(refang('evil(.)example[.]org')).toBe('evil.example.org');
    expect(refang('ops[at]mail[.]com')).toBe('ops@mail.com');
  });
});

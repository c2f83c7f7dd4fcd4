/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The report in a real browser (Debian Chromium through playwright-core): its charts are drawn and
// non-empty; the PDF has pages poppler can turn into images, with CJK and Thai text in it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Effects } from '../../src/core/index.js';
import { silentProgress } from '../../src/core/index.js';
import { analyze } from '../../src/pipeline/index.js';
import { CHROMIUM_ARGS, chromiumPath, htmlToPdf } from '../../src/report/index.js';
import { simulate } from '../../src/simulate/index.js';

/** Share of a PDF page's pixels that are not white, from poppler's greyscale rendering (PGM). */
function inkShare(pdf: string, page: number): number {
  const pgm = execFileSync('pdftoppm', [
    '-gray',
    '-r',
    '20',
    '-f',
    String(page),
    '-l',
    String(page),
    pdf,
  ]);
  // P5 header: magic, width, height, maxval, each followed by whitespace.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  const [w, h] = [Number(header?.[1]), Number(header?.[2])];
  const pixels = pgm.subarray(pgm.length - w * h);
  let ink = 0;
  for (const v of pixels) if (v < 200) ink++;
  return ink / (w * h);
}

const OUTPUT = join(import.meta.dirname, '..', '..', 'output', 'browser');
const effects: Effects = { progress: silentProgress, now: () => 0 };

describe('report in Chromium', () => {
  let dir: string;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const root = mkdtempSync(join(tmpdir(), 'unmask-browser-'));
    simulate({ scenario: 'spamouflage+ira', seed: 2, accounts: 300 }, join(root, 'data'));
    dir = join(root, 'run');
    await analyze([join(root, 'data')], { out: dir, pdf: true }, effects);
  }, 300_000);

  it('draws the heatmap, timeline, network and asset chart, none of them empty', async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      await page.goto(`file://${join(dir, 'report.html')}`);
      const counts = await page.evaluate(() => {
        const visible = (sel: string) =>
          [...document.querySelectorAll(sel)].filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.height > 0;
          }).length;
        return {
          sections: document.querySelectorAll('section.operation').length,
          heatmapCells: [...document.querySelectorAll('svg.heatmap rect.cell')].filter(
            (e) => Number(e.getAttribute('fill-opacity')) > 0,
          ).length,
          breaks: visible('svg.heatmap rect.break'),
          timelineBars: [...document.querySelectorAll('svg.timeline rect.bar')].filter(
            (e) => Number(e.getAttribute('height')) > 0,
          ).length,
          nodes: visible('svg.network circle.node'),
          links: document.querySelectorAll('svg.network line.link').length,
          assetBars: visible('svg.assets rect.bar'),
        };
      });
      expect(counts.sections).toBe(2);
      expect(counts.heatmapCells).toBeGreaterThan(20);
      expect(counts.breaks).toBeGreaterThanOrEqual(2);
      expect(counts.timelineBars).toBeGreaterThan(20);
      expect(counts.nodes).toBeGreaterThanOrEqual(90);
      expect(counts.links).toBeGreaterThan(90);
      expect(counts.assetBars).toBeGreaterThan(1);
      await page.screenshot({ path: join(OUTPUT, 'report.png'), fullPage: true });
      expect(statSync(join(OUTPUT, 'report.png')).size).toBeGreaterThan(50_000);
    } finally {
      await browser.close();
    }
  });

  it('prints a PDF whose pages convert to images, with Chinese and Thai text in it', () => {
    const pdf = join(dir, 'report.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    execFileSync('pdftoppm', ['-png', '-r', '40', pdf, join(OUTPUT, 'page')]);
    const pages = readdirSync(OUTPUT).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(statSync(join(OUTPUT, p)).size).toBeGreaterThan(2_000);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/UTC\+8/);
    expect(text).toMatch(/[\p{Script=Han}\p{Script=Hangul}]/u);
    expect(text).toMatch(/\p{Script=Thai}/u);
  });

  it('lays the PDF out for print: the summary on page 1, TLP on every page, no near-empty page, no table header alone', () => {
    const pdf = join(dir, 'report.pdf');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    // A cover, then each of the two operations' sections (charts, tables), method, limitations.
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(pages).toBeLessThanOrEqual(30);
    const text = (page: number) =>
      execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], {
        encoding: 'utf8',
      });
    const first = text(1);
    for (const s of [
      'TLP:GREEN',
      'Summary',
      'operation-1.',
      'operation-2.',
      'Provenance',
      'Case SHA-256',
    ])
      expect(first, s).toContain(s);
    for (let p = 1; p <= pages; p++) {
      const t = text(p);
      expect(t.match(/TLP:GREEN/g)?.length ?? 0, `page ${p}`).toBeGreaterThanOrEqual(2);
      // The page's own text and ink, without the marking and page number of header and footer.
      const body = t
        .replace(/TLP:GREEN/g, '')
        .replace(/\d+ \/ \d+/g, '')
        .replace(/\s+/g, '');
      const ink = inkShare(pdf, p);
      expect(
        body.length > 300 || ink > 0.04,
        `page ${p}: ${body.length} characters, ink ${ink}`,
      ).toBe(true);
      // A table's header never ends a page: some row follows it on the same page.
      const lines = t
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^TLP:GREEN/.test(l) && !/^\d+ \/ \d+$/.test(l));
      const last = lines.at(-1) ?? '';
      expect(
        /^technique\s+evidence$|^platform\s+type\s+handle/.test(last),
        `page ${p} ends with "${last}"`,
      ).toBe(false);
    }
    // The method and limitations close the report.
    expect(text(pages)).toContain('Limitations');
  });

  it('prints Chinese, Korean, Thai and Welsh text as text, with fonts embedded for them', async () => {
    const probe = '美国炸毁了北溪管道 노르트스트림 ท่อส่งก๊าซนอร์ดสตรีม Mae’r llywodraeth yn gŵyl ŷd';
    const pdf = join(OUTPUT, 'scripts.pdf');
    await htmlToPdf(
      `<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family:'Noto Sans','Noto Sans CJK SC',sans-serif"><p>${probe}</p></body></html>`,
      pdf,
    );
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const word of probe.split(' ')) expect(text).toContain(word);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts.split('\n').length).toBeGreaterThan(3);
  });

  it('prints with JavaScript off: a script in the document does not run', async () => {
    const pdf = join(OUTPUT, 'script.pdf');
    await htmlToPdf(
      `<!doctype html><html><head><meta charset="utf-8"></head><body><p id="p">static text</p><svg width="40" height="20"><rect width="40" height="20" fill="#c62828"/></svg><script>document.getElementById('p').textContent = 'script ran';</script></body></html>`,
      pdf,
    );
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('static text');
    expect(text).not.toContain('script ran');
  });
});

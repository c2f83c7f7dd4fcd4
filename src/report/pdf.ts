// PDF through Debian's Chromium, driven by playwright-core (no browser download).
import { existsSync } from 'node:fs';

import { ConfigError, escapeHtml } from '../core/index.js';

/** Where Chromium is looked for: UNMASK_CHROMIUM, then Debian's and other common paths. */
export function chromiumPath(): string {
  const candidates = [
    process.env.UNMASK_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].filter((p): p is string => typeof p === 'string' && p !== '');
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new ConfigError(
      `PDF output needs Chromium: none found at ${candidates.join(', ')} (Debian: apt-get install chromium fonts-noto-cjk fonts-thai-tlwg; or set UNMASK_CHROMIUM)`,
    );
  return found;
}

/** The flags Chromium runs with headless here (DESIGN.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Prints an HTML document to a PDF file (A4, backgrounds, the marking in the header and footer of
 * every page, page numbers in the footer), with
 * JavaScript off: the report is static HTML and SVG, and its text comes from the case (handles,
 * posts), so nothing in it may run.
 */
export async function htmlToPdf(
  html: string,
  path: string,
  mark: { marking: string; colour: string } = { marking: 'TLP:GREEN', colour: '#33ff00' },
): Promise<void> {
  // Loaded here, not at start-up: importing playwright-core took 0.4 s of every command's 0.58 s
  // start (measured with `node -e "await import('playwright-core')"`).
  const { chromium } = await import('playwright-core');
  // Chromium prints header and footer templates with their own styles; backgrounds need the
  // -webkit-print-color-adjust hint.
  const badge = `<span style="background:#000;color:${escapeHtml(mark.colour)};font-weight:bold;padding:1px 4px;-webkit-print-color-adjust:exact">${escapeHtml(mark.marking)}</span>`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({
      path,
      format: 'A4',
      printBackground: true,
      margin: { top: '15mm', bottom: '18mm', left: '12mm', right: '12mm' },
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-size:9px;width:100%;text-align:right;margin-right:12mm">${badge}</div>`,
      footerTemplate: `<div style="font-size:8px;width:100%;display:flex;justify-content:space-between;margin:0 12mm;color:#777"><span>${badge}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    });
  } finally {
    await browser.close();
  }
}

/// <reference lib="dom" />
// End to end in Debian Chromium: `unmask serve` on a seeded scenario. From the cluster list, an
// account's "why" (the other account's handle, observed against expected, both posts side by
// side) in two clicks; decisions shown where they were made and on the lists; the takedown
// download and the audit log; axe-core finds no violation on any page; every page screenshot at
// 1440 and 390 px (into output/browser/), none wider than a 390 px screen. No fixed sleeps: each
// step waits for what it needs.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { AxeResults } from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { silentProgress } from '../../src/core/index.js';
import { analyze } from '../../src/pipeline/index.js';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/report/index.js';
import { simulate } from '../../src/simulate/index.js';
import { openStore, queryRows } from '../../src/store/index.js';

const OUTPUT = join(import.meta.dirname, '..', '..', 'output', 'browser');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [1440, 390] as const;

/** What the case holds, read before the server takes it: the test's expectations. */
interface Expected {
  /** The top cluster by score, and its strongest member. */
  cluster: number;
  member: { platform: string; account_id: string; handle: string };
  /** That member's strongest significant link: the other account's handle. */
  otherHandle: string;
  /** An operation with several clusters. */
  operation: string;
  operationClusters: number;
  /** Rows of the takedown list once the top cluster is confirmed and its top member excluded. */
  takedownRows: number;
}

/** Runs axe-core on the page; returns its violations as "rule: target" lines. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: { run: () => Promise<unknown> } }).axe.run(),
  )) as AxeResults;
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary}`),
  );
}

/** Whether the page is wider than its viewport (horizontal scrolling). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const s = document.scrollingElement as Element;
    return { scrollWidth: s.scrollWidth, clientWidth: s.clientWidth };
  });

describe('workspace in Chromium', () => {
  let server: ChildProcess;
  let url: string;
  let link: string;
  let browser: Browser;
  let expected: Expected;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const root = mkdtempSync(join(tmpdir(), 'unmask-workspace-'));
    simulate({ scenario: 'spamouflage+ira+ring', seed: 1, accounts: 200 }, join(root, 'data'));
    await analyze(
      [join(root, 'data')],
      { out: join(root, 'run') },
      { progress: silentProgress, now: () => 0 },
    );
    const casePath = join(root, 'run', 'case.duckdb');
    const store = await openStore(casePath);
    try {
      const [top] = await queryRows(
        store,
        'SELECT cluster_id FROM clusters ORDER BY flagged DESC, score DESC, cluster_id LIMIT 1',
      );
      const [member] = await queryRows(
        store,
        `SELECT m.platform, m.account_id, coalesce(a.handle, m.account_id) AS handle FROM cluster_members m
         LEFT JOIN accounts a USING (platform, account_id)
         WHERE cluster_id = ${top!.cluster_id} ORDER BY m.score DESC, m.platform, m.account_id LIMIT 1`,
      );
      const [other] = await queryRows(
        store,
        `SELECT coalesce(a.handle, o.account_id) AS handle FROM (
           SELECT CASE WHEN account_a = '${member!.account_id}' THEN platform_b ELSE platform_a END AS platform,
             CASE WHEN account_a = '${member!.account_id}' THEN account_b ELSE account_a END AS account_id, log10_p
           FROM detect_pairs WHERE (platform_a = '${member!.platform}' AND account_a = '${member!.account_id}')
             OR (platform_b = '${member!.platform}' AND account_b = '${member!.account_id}')) o
         LEFT JOIN accounts a USING (platform, account_id) ORDER BY log10_p, o.platform, o.account_id LIMIT 1`,
      );
      const [op] = await queryRows(
        store,
        `SELECT operation, count(*)::INTEGER AS n FROM profiles GROUP BY ALL HAVING n > 1 ORDER BY n DESC, operation LIMIT 1`,
      );
      const [listed] = await queryRows(
        store,
        `SELECT count(*)::INTEGER - 1 AS n FROM cluster_members WHERE flagged OR cluster_id = ${top!.cluster_id}`,
      );
      expected = {
        cluster: Number(top!.cluster_id),
        takedownRows: Number(listed!.n),
        member: member as Expected['member'],
        otherHandle: String(other!.handle),
        operation: String(op!.operation),
        operationClusters: Number(op!.n),
      };
    } finally {
      store.close();
    }
    server = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/run.ts',
        'serve',
        '--case',
        casePath,
        '--port',
        '0',
        '--reviewer',
        'Ana Lima',
      ],
      { env: { ...process.env, TZ: 'UTC', UNMASK_TOKEN: '' } },
    );
    link = await new Promise<string>((resolve, reject) => {
      server.stdout?.on('data', (d) => {
        const m = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(String(d));
        if (m) resolve(m[1] as string);
      });
      server.on('close', () => reject(new Error('serve exited')));
    });
    url = new URL(link).origin;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  /** A tab that holds the token (opened through the printed link), at a width. */
  async function tab(width: number): Promise<Page> {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width, height: 1000 },
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${link}#/`);
    await page
      .getByTestId('cluster-list')
      .waitFor({ timeout: 20_000 })
      .catch(async (e: Error) => {
        throw new Error(
          `${e.message}\npage errors: ${problems.join('; ')}\n${(await page.content()).slice(0, 1500)}`,
        );
      });
    return page;
  }

  it("reaches an account's why from the cluster list in two clicks: the other account, observed vs expected, both posts side by side", async () => {
    const page = await tab(1440);
    expect(page.url()).not.toContain('token=');
    await expect(page.getByTestId('me').textContent()).resolves.toBe('signed in as Ana Lima');
    await page.getByRole('searchbox', { name: 'search' }).fill('amplify');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('search-results').waitFor();
    const results = await page.locator('[data-testid="search-results"] li').count();
    expect(results).toBeGreaterThan(5);
    // Each result shows its review status, as the lists and pages do.
    expect(await page.locator('[data-testid="search-results"] li .badge').count()).toBe(results);
    // Click 1: the top cluster. Click 2: its strongest member.
    await page.locator('[data-testid="cluster-list"] tbody tr a').first().click();
    await page.getByTestId('member-link').first().waitFor();
    await expect(page.getByTestId('member-link').first().textContent()).resolves.toBe(
      expected.member.handle,
    );
    await page.getByTestId('member-link').first().click();
    const why = page.getByTestId('why');
    const first = why.getByTestId('link-card').first();
    await first.getByTestId('evidence-pair').first().waitFor();
    // The answer: the other account by handle, with its platform and cluster …
    await expect(first.getByTestId('link-other').textContent()).resolves.toBe(expected.otherHandle);
    await expect(first.locator('h3').textContent()).resolves.toMatch(/cluster #\d+|in no cluster/);
    // … the pair's p, and each signal's observed count against the expected one …
    await expect(first.getByTestId('link-p').textContent()).resolves.toMatch(/^p \d\.\de-\d+/);
    const observed = await first.getByTestId('observed').allTextContents();
    const expectedCells = await first.getByTestId('expected').allTextContents();
    expect(observed.length).toBeGreaterThan(0);
    expect(Number(observed[0])).toBeGreaterThan(Number(expectedCells[0]));
    // … and both posts side by side, with their gap in human units.
    const pair = first.getByTestId('evidence-pair').first();
    const posts = pair.locator('.post');
    expect(await posts.count()).toBe(2);
    await expect(posts.nth(0).textContent()).resolves.toContain(expected.member.handle);
    await expect(posts.nth(1).textContent()).resolves.toContain(expected.otherHandle);
    await expect(pair.getByTestId('gap').textContent()).resolves.toMatch(
      /^(\d+(\.\d)? s|\d+ (min|h|d)( \d+ (s|min|h))?) apart$/,
    );
    const boxes = await Promise.all([posts.nth(0).boundingBox(), posts.nth(1).boundingBox()]);
    expect(boxes[1]!.x).toBeGreaterThan(boxes[0]!.x + boxes[0]!.width - 1);
    // Weaker links are folded.
    const weaker = why.getByTestId('weaker-links');
    if ((await weaker.count()) > 0)
      expect(await weaker.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.context().close();
  }, 120_000);

  it('draws networks with a legend, reachable by keyboard, with the links as a table', async () => {
    const page = await tab(1440);
    await page.goto(`${url}/#/operations/${encodeURIComponent(expected.operation)}`);
    const network = page.locator('[data-testid="network"][data-state="drawn"]');
    await network.waitFor();
    expect(await network.locator('canvas').count()).toBeGreaterThan(0);
    await expect(page.getByTestId('legend').textContent()).resolves.toMatch(/cluster #\d+/);
    expect(await page.getByTestId('legend').locator('li').count()).toBeGreaterThanOrEqual(
      expected.operationClusters,
    );
    expect(await page.locator('[data-testid="operation-clusters"] tbody tr').count()).toBe(
      expected.operationClusters,
    );
    await page.getByTestId('colour-by').selectOption('signal');
    await expect(page.getByTestId('legend').textContent()).resolves.toMatch(/co-share|near-dup/);
    // The drawing takes focus (keys zoom and pan it); the table opens from the keyboard.
    await page.getByTestId('network').focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'network',
    );
    await page.keyboard.press('+');
    const table = page.getByTestId('network-table');
    await table.locator('summary').focus();
    await page.keyboard.press('Enter');
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    await expect(table.locator('thead').textContent()).resolves.toContain('linked account');
    await page.context().close();
  }, 120_000);

  it('shows a decision where it was made and on the lists, and in the takedown list and audit log', async () => {
    const page = await tab(1440);
    await page.goto(`${url}/#/clusters/${expected.cluster}`);
    await page.getByTestId('rationale').first().waitFor();
    await page
      .getByTestId('review')
      .getByTestId('rationale')
      .fill('the accounts retweet the same posts within seconds, hundreds of times');
    await page.getByTestId('confirm').click();
    await expect(page.getByTestId('review-result').textContent()).resolves.toMatch(
      /recorded as audit entry 1, by Ana Lima/,
    );
    await expect(page.locator('h1').getByTestId('review-status').textContent()).resolves.toMatch(
      /^confirmed by Ana Lima, \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    );
    // On the list, once it loads again.
    await page.goto(`${url}/#/`);
    await page.getByTestId(`cluster-${expected.cluster}`).waitFor();
    await expect(
      page
        .locator('[data-testid="cluster-list"] tbody tr', {
          has: page.getByTestId(`cluster-${expected.cluster}`),
        })
        .getByTestId('review-status')
        .textContent(),
    ).resolves.toMatch(/^confirmed by Ana Lima/);
    // On a member's page, as its cluster's; then its own decision wins.
    await page.goto(
      `${url}/#/accounts/${expected.member.platform}/${encodeURIComponent(expected.member.account_id)}`,
    );
    await expect(page.locator('h1').getByTestId('review-status').textContent()).resolves.toMatch(
      /^cluster confirmed by Ana Lima/,
    );
    await page
      .getByTestId('account-review')
      .getByTestId('rationale')
      .fill('a journalist who quotes the network');
    await page.getByTestId('exclude').click();
    await page.getByTestId('account-review').getByTestId('review-result').waitFor();
    await expect(page.locator('h1').getByTestId('review-status').textContent()).resolves.toMatch(
      /^excluded by Ana Lima/,
    );
    // On the cluster's members table: the member's own decision, the others' their cluster's.
    await page.goto(`${url}/#/clusters/${expected.cluster}`);
    const rows = page.getByTestId('member-row');
    await rows.first().waitFor();
    const row = rows.filter({
      has: page.getByTestId('member-link').getByText(expected.member.handle, { exact: true }),
    });
    await expect(row.getByTestId('review-status').textContent()).resolves.toMatch(
      /^excluded by Ana Lima/,
    );
    await expect(
      rows
        .filter({
          hasNot: page.getByTestId('member-link').getByText(expected.member.handle, {
            exact: true,
          }),
        })
        .first()
        .getByTestId('review-status')
        .textContent(),
    ).resolves.toMatch(/^cluster confirmed by Ana Lima/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-takedown').click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.trim().split('\n')).toHaveLength(1 + expected.takedownRows);
    expect(csv).toContain('confirm-cluster by Ana Lima,"the accounts retweet the same posts');
    expect(csv).not.toContain(expected.member.account_id);
    await page.goto(`${url}/#/audit`);
    await page.getByTestId('audit').waitFor();
    await expect(page.getByTestId('audit-verified').textContent()).resolves.toBe('chain verified');
    await expect(page.getByTestId('audit').textContent()).resolves.toContain(
      'a journalist who quotes the network',
    );
    await page.context().close();
  }, 120_000);

  it('passes axe-core on every page and fits a 390 px screen; screenshots at 1440 and 390 px', async () => {
    const pages: Array<{ name: string; hash: string; ready: string }> = [
      { name: 'clusters', hash: '#/', ready: '[data-testid="cluster-list"]' },
      {
        name: 'cluster',
        hash: `#/clusters/${expected.cluster}`,
        ready: '[data-testid="network"][data-state="drawn"]',
      },
      {
        name: 'account',
        hash: `#/accounts/${expected.member.platform}/${encodeURIComponent(expected.member.account_id)}`,
        ready: '[data-testid="evidence-pair"]',
      },
      {
        name: 'operation',
        hash: `#/operations/${encodeURIComponent(expected.operation)}`,
        ready: '[data-testid="network"][data-state="drawn"]',
      },
      { name: 'audit', hash: '#/audit', ready: '[data-testid="audit"]' },
    ];
    const problems: string[] = [];
    for (const width of WIDTHS) {
      const page = await tab(width);
      for (const p of pages) {
        await page.goto(`${url}/${p.hash}`);
        await page.locator(p.ready).first().waitFor();
        await page.screenshot({
          path: join(OUTPUT, `workspace-${p.name}-${width}.png`),
          fullPage: true,
        });
        for (const v of await axeViolations(page)) problems.push(`${p.name} at ${width}: ${v}`);
        if (width === 390) {
          const o = await overflow(page);
          if (o.scrollWidth > o.clientWidth)
            problems.push(`${p.name} at 390: ${o.scrollWidth} px wide in ${o.clientWidth} px`);
        }
      }
      await page.context().close();
    }
    expect(problems).toEqual([]);
  }, 180_000);
});

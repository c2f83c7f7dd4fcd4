/// <reference lib="dom" />
// End to end in Debian Chromium: `unmask serve` on a seeded scenario; the cluster list, the top
// cluster's network (canvas drawn), an account, confirming the cluster with a rationale, the
// takedown download and the audit log. Screenshots go to output/browser/.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { silentProgress } from '../../src/core/index.js';
import { analyze } from '../../src/pipeline/index.js';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/report/index.js';
import { simulate } from '../../src/simulate/index.js';

const OUTPUT = join(import.meta.dirname, '..', '..', 'output', 'browser');

describe('workspace in Chromium', () => {
  let server: ChildProcess;
  let url: string;
  let link: string;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const root = mkdtempSync(join(tmpdir(), 'unmask-workspace-'));
    simulate({ scenario: 'ring', seed: 6, accounts: 300 }, join(root, 'data'));
    await analyze(
      [join(root, 'data')],
      { out: join(root, 'run') },
      { progress: silentProgress, now: () => 0 },
    );
    server = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/run.ts',
        'serve',
        '--case',
        join(root, 'run', 'case.duckdb'),
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
  }, 300_000);
  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('lists clusters, draws the network, opens an account, confirms the cluster, downloads the takedown list', async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({
        acceptDownloads: true,
        viewport: { width: 1280, height: 1000 },
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      // The printed link: the UI keeps the token for the tab and drops it from the address bar.
      await page.goto(`${link}#/`);
      await page
        .getByTestId('cluster-list')
        .waitFor({ timeout: 20_000 })
        .catch(async (e: Error) => {
          throw new Error(
            `${e.message}\npage errors: ${problems.join('; ')}\n${(await page.content()).slice(0, 1500)}`,
          );
        });
      expect(page.url()).not.toContain('token=');
      await expect(page.getByTestId('me').textContent()).resolves.toBe('signed in as Ana Lima');
      await page.screenshot({ path: join(OUTPUT, 'workspace-clusters.png') });
      await page.getByLabel('search', { exact: true }).fill('amplify');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByTestId('search-results').waitFor();
      expect(await page.locator('[data-testid="search-results"] li').count()).toBeGreaterThan(5);
      const rows = await page.locator('[data-testid="cluster-list"] tbody tr').count();
      expect(rows).toBeGreaterThanOrEqual(2);
      // The top cluster by score is the ring.
      await page.locator('[data-testid="cluster-list"] tbody tr a').first().click();
      const network = page.getByTestId('network');
      await network.waitFor();
      await page.waitForTimeout(1500);
      const canvases = await network.locator('canvas').count();
      expect(canvases).toBeGreaterThan(0);
      const shot = await network.screenshot({ path: join(OUTPUT, 'workspace-network.png') });
      const blank = await page.getByTestId('review').screenshot();
      expect(shot.length).toBeGreaterThan(5_000);
      expect(shot.length).toBeGreaterThan(blank.length);
      await page.getByTestId('colour-by').selectOption('signal');
      await page.waitForTimeout(500);
      expect((await network.screenshot()).length).toBeGreaterThan(5_000);
      await page.getByTestId('member-link').first().waitFor();
      const members = await page.getByTestId('member-link').count();
      expect(members).toBe(40);
      // An account, then back to its cluster.
      await page.getByTestId('member-link').first().click();
      await page.getByTestId('account-page').waitFor();
      await expect(page.getByTestId('edge-counts').textContent()).resolves.toMatch(
        /co-share:post: \d+/,
      );
      await page.screenshot({ path: join(OUTPUT, 'workspace-account.png') });
      await page.goBack();
      await page
        .getByTestId('rationale')
        .fill('40 accounts retweet the same post within 10 seconds, 150 times');
      await page.getByTestId('confirm').click();
      await expect(page.getByTestId('review-result').textContent()).resolves.toMatch(
        /recorded as audit entry 1, by Ana Lima/,
      );
      // The decision shows on the cluster at once, and on the list when it is loaded again.
      await expect(page.getByTestId('review-status').textContent()).resolves.toMatch(
        /^confirmed by Ana Lima, \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
      );
      await page.goto(`${url}/#/`);
      await page.getByTestId('cluster-list').waitFor();
      await expect(
        page
          .locator('[data-testid="cluster-list"] tbody tr')
          .first()
          .getByTestId('review-status')
          .textContent(),
      ).resolves.toMatch(/^confirmed by Ana Lima/);
      await page.getByTestId('download-takedown').waitFor();
      // The takedown list reflects the decision.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-takedown').click(),
      ]);
      const csv = readFileSync((await download.path()) as string, 'utf8');
      expect(csv.trim().split('\n')).toHaveLength(41);
      expect(csv).toContain(
        'confirm-cluster by Ana Lima,"40 accounts retweet the same post within 10 seconds',
      );
      // And so does the audit log.
      await page.goto(`${url}/#/audit`);
      await page.getByTestId('audit').waitFor();
      await expect(page.getByTestId('audit-verified').textContent()).resolves.toBe(
        'chain verified',
      );
      await expect(page.getByTestId('audit').textContent()).resolves.toContain(
        '40 accounts retweet the same post',
      );
      await page.screenshot({ path: join(OUTPUT, 'workspace-audit.png') });
    } finally {
      await browser.close();
    }
  }, 120_000);
});

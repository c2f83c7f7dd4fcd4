// The operator clock leaves out posts from scheduling clients: they fire when a queue says, not
// when the operators work.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Characterization } from '../src/characterize/index.js';
import { characterize } from '../src/characterize/index.js';
import { Rng, silentProgress } from '../src/core/index.js';
import type { Store } from '../src/store/index.js';
import { ingestInto } from './helpers/ingest-fixture.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2024, 0, 8); // a Monday

describe('characterize: posts from scheduling clients', () => {
  let store: Store;
  let result: Characterization;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmask-scheduled-'));
    const rng = new Rng('scheduled');
    const lines = ['platform,post_id,account_id,created_at,kind,text,client'];
    let id = 0;
    for (let d = 0; d < 70; d++) {
      if (new Date(START + d * DAY).getUTCDay() % 6 === 0) continue; // weekends off
      for (let a = 0; a < 8; a++) {
        // By hand: 09:00–18:00 in Beijing (UTC+8) with a lunch hour at 12.
        for (let k = 0; k < 5; k++) {
          const h = rng.pick([9, 10, 11, 13, 14, 15, 16, 17]) + rng.next();
          const t = START + d * DAY + (h - 8) * HOUR;
          lines.push(
            `x,p${id++},a${a},${new Date(t).toISOString()},post,hand ${id},Twitter Web App`,
          );
        }
        // Queued: a Buffer queue firing every half hour through the Beijing night.
        for (let k = 0; k < 12; k++) {
          const t = START + d * DAY + (17 + k * 0.5) * HOUR + rng.int(0, 60_000);
          lines.push(`x,p${id++},a${a},${new Date(t).toISOString()},post,queued ${id},Buffer`);
        }
      }
    }
    writeFileSync(join(dir, 'posts.csv'), `${lines.join('\n')}\n`);
    ({ store } = await ingestInto([join(dir, 'posts.csv')]));
    const groups = Array.from({ length: 8 }, (_, a) => ({
      platform: 'x',
      accountId: `a${a}`,
      group: 'office',
    }));
    result = await characterize(store, { groups, seed: 1 }, silentProgress);
  }, 120_000);
  afterAll(() => store?.close());

  it('reads the clock from the posts made by hand (UTC+8, a lunch break), not from the queue', () => {
    const g = result.groups[0];
    expect(g?.posts).toBeGreaterThan(6000);
    expect(g?.timezone.utcOffsetMinutes).toBe(480);
    expect(g?.schedule?.breaks.some((b) => b.label === 'lunch')).toBe(true);
  });
});

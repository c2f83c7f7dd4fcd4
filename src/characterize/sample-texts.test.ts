// Quoted messages on a small hand-built case: the group's own messages are quoted, the filler that
// organic accounts post as well is not, however many of the group's accounts post it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ingestInto } from '../../test/helpers/ingest-fixture.js';
import { silentProgress } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { Characterization } from './characterize.js';
import { characterize } from './characterize.js';
import { operationSamples } from './operation-facts.js';

const START = Date.UTC(2024, 2, 4, 9);
const MINUTE = 60_000;
const FILLER = 'Beautiful sunset over the mountains tonight';
const MESSAGE = 'The election was stolen by the western puppets';
const SECOND = 'Only our party will stop the foreign puppets';
const OWN_ONCE = 'Nobody else ever writes this sentence at all';

describe('quoted messages: reach in the group × distinctiveness against the case', () => {
  let store: Store;
  let result: Characterization;

  beforeAll(async () => {
    const lines = ['platform,post_id,account_id,created_at,kind,text'];
    let id = 0;
    const post = (account: string, text: string) =>
      lines.push(
        `x,p${id},${account},${new Date(START + id++ * 7 * MINUTE).toISOString()},post,"${text}"`,
      );
    // Six operation accounts: all post the filler and the message, three the second message.
    for (let a = 0; a < 6; a++) {
      post(`op${a}`, FILLER);
      post(`op${a}`, MESSAGE);
      if (a < 3) post(`op${a}`, SECOND);
    }
    post('op0', OWN_ONCE);
    // Twenty organic accounts post the filler, and things of their own.
    for (let a = 0; a < 20; a++) {
      post(`org${a}`, FILLER);
      post(`org${a}`, `Organic account ${a} says something about its own day`);
    }
    // One organic account happens to post the second message as well.
    post('org0', SECOND);
    const dir = mkdtempSync(join(tmpdir(), 'unmask-samples-'));
    writeFileSync(join(dir, 'posts.csv'), `${lines.join('\n')}\n`);
    ({ store } = await ingestInto([join(dir, 'posts.csv')]));
    const groups = Array.from({ length: 6 }, (_, a) => ({
      platform: 'x',
      accountId: `op${a}`,
      group: 'op',
    }));
    result = await characterize(store, { groups, seed: 1 }, silentProgress);
  }, 60_000);
  afterAll(() => store?.close());

  it('quotes the operation’s messages, ranked by reach, and not the filler organic accounts share', () => {
    const samples = result.groups[0]?.samplePosts ?? [];
    expect(samples.map((s) => s.text.trim())).toEqual([MESSAGE, SECOND, OWN_ONCE]);
    expect(samples.map((s) => [s.accounts, s.outsideAccounts])).toEqual([
      [6, 0],
      [3, 1],
      [1, 0],
    ]);
    expect(operationSamples(result.groups).map((s) => s.text.trim())).not.toContain(FILLER);
  });
});

// A sparse amplifier network: three leader accounts post a few times a day; 35 low-activity
// accounts (a few posts a week each) retweet some of the leaders' posts 3–120 minutes later.
import type { Rng } from '../core/index.js';
import type { OpMember } from './careful.js';
import { amplify, camouflage, opMember } from './careful.js';
import { DAY } from './clock.js';
import type { SimContext } from './context.js';
import type { PlantedOperation } from './operations.js';
import { post } from './organic.js';
import { paraphrase } from './paraphrase.js';
import { SPARSE_NARRATIVES } from './paraphrase-bank.js';
import type { ShiftSpec } from './shifts.js';
import { Shifts } from './shifts.js';
import { iso } from './writers.js';

/** The network's two operators on Tehran time (UTC+3:30): 09:30–18:00, lunch at 13:00, Fridays off. */
export const SPARSE_SHIFT: ShiftSpec = {
  utcOffsetMinutes: 210,
  start: 9.5,
  end: 18,
  pause: { at: 13, minutes: 60 },
  jitter: [30, 60],
  jitterMode: 'both',
  skipDay: 0.15,
  weekendWork: 0.1,
  weekend: [4],
  holidays: [],
};

/** Leader accounts of the sparse network. */
export const SPARSE_LEADERS = 3;
/** Low-activity amplifier accounts of the sparse network. */
export const SPARSE_AMPLIFIERS = 35;

/** Plants the sparse amplifier network (3 leaders, 35 amplifiers); returns it. */
export function sparseNetwork(ctx: SimContext, rng: Rng): PlantedOperation {
  const operators = 2;
  const shifts = new Shifts(ctx, rng.fork('shifts'), SPARSE_SHIFT, operators);
  const leaders: OpMember[] = [];
  const amplifiers: OpMember[] = [];
  for (let i = 0; i < SPARSE_LEADERS + SPARSE_AMPLIFIERS; i++) {
    const leader = i < SPARSE_LEADERS;
    (leader ? leaders : amplifiers).push(sparseMember(ctx, rng, leader, i % operators));
  }
  const articles = { count: 0 };
  for (let d = 0; d < ctx.config.days; d++) {
    for (const leader of leaders)
      for (let k = rng.poisson(2.5); k > 0; k--)
        leaderPost(ctx, rng, shifts, { leader, amplifiers, d, articles });
    camouflage(ctx, rng, shifts, leaders, d, 0.5);
    camouflage(ctx, rng, shifts, amplifiers, d, 0.12);
  }
  return sparseOperation(leaders.length + amplifiers.length);
}

// A leader (an older account with many followers) or an amplifier (one of a registration burst).
function sparseMember(ctx: SimContext, rng: Rng, leader: boolean, operator: number): OpMember {
  return opMember(
    ctx,
    rng,
    {
      platform: 'x',
      assetType: 'account',
      handle: leader
        ? `${rng.pick(['FreeThinker', 'TruthSeeker', 'OpenEyes', 'CommonSenseNow'])}_${rng.int(1, 99)}`
        : `${rng.pick(['mike', 'sue', 'tom', 'liz', 'rob', 'kate'])}${rng.int(1000, 99_999)}`,
      displayName: leader
        ? rng.pick(['Free Thinker', 'Truth Seeker', 'Open Eyes'])
        : rng.pick(['Mike', 'Sue', 'Tom', 'Liz', 'Rob', 'Kate']),
      // Amplifiers were registered in one burst; leaders are older.
      createdAt: leader
        ? ctx.config.start - rng.int(1000, 2200) * DAY
        : ctx.config.start - 210 * DAY + rng.int(0, 6) * DAY + rng.int(0, 86_399) * 1000,
      followers: Math.floor(leader ? rng.lognormal(8000, 0.8) : rng.lognormal(40, 0.8)),
      following: Math.floor(leader ? rng.lognormal(400, 0.5) : rng.lognormal(150, 0.6)),
      location: rng.chance(0.4) ? rng.pick(['UK', 'Canada', 'Scotland', 'USA']) : null,
      language: 'en',
      description: leader ? 'Asking the questions the media will not' : null,
      label: 'sparse-network',
      kind: leader ? 'sparse-leader' : 'sparse-amplifier',
    },
    operator,
  );
}

/** A leader's post on day `d`, and who may amplify it. */
interface LeaderTask {
  readonly leader: OpMember;
  readonly amplifiers: readonly OpMember[];
  readonly d: number;
  /** Articles linked so far (numbers their addresses). */
  readonly articles: { count: number };
}

// A leader's paraphrased post (with an article link 40% of the time) in its operator's shift.
function leaderPost(ctx: SimContext, rng: Rng, shifts: Shifts, task: LeaderTask): void {
  const { leader, amplifiers, d } = task;
  const t0 = shifts.instant(rng, leader.operator, d);
  if (t0 === null) return;
  const narrative = rng.pick(SPARSE_NARRATIVES);
  const p = paraphrase(rng, narrative, 'en');
  const url = rng.chance(0.4)
    ? `https://freethinker-news.example/${iso(t0).slice(0, 10).replace(/-/g, '/')}/${narrative.tag.toLowerCase()}-${++task.articles.count}`
    : null;
  const postId = post(ctx, {
    accountId: leader.account.accountId,
    platform: 'x',
    createdAt: t0,
    kind: 'post',
    text: url ? `${p.text} ${url}` : p.text,
    language: 'en',
    urls: url ? [url] : [],
    hashtags: p.hashtags,
  });
  // A handful of the amplifiers retweet it, each while its operator is at work.
  amplify(
    ctx,
    rng,
    shifts,
    { postId, account: leader.account, t: t0 },
    rng.sample(amplifiers, 2 + rng.poisson(2.5)),
    { narrative, share: 1, reply: 0, tagChance: 0, link: () => null },
  );
}

// What scenario.json says of the sparse network.
function sparseOperation(accounts: number): PlantedOperation {
  return {
    name: 'sparse-network',
    accounts,
    clusters: 1,
    utcOffsetMinutes: SPARSE_SHIFT.utcOffsetMinutes,
    workBlocks: [
      [9.5, 13],
      [14, 18],
    ],
    breaks: [{ start: 13, end: 14, label: 'lunch' }],
    dst: 'none',
    notes: [
      `${SPARSE_LEADERS} leaders post about 2.5 times a working day; ${SPARSE_AMPLIFIERS} amplifiers registered in one week, a few posts a week each`,
      'each leader post retweeted by 2–8 amplifiers, 3–120 minutes later',
      'two operators on Tehran time (UTC+3:30), Fridays off, shifts up to 30–60 minutes off day by day',
    ],
  };
}

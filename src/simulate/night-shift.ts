// A Moscow night shift: US personas on X run by operators on UTC+3 working 21:00–06:00 local time,
// which in UTC looks like the US day; shifts that vary, skipped nights, paraphrased English and
// Spanish, and amplification 3–120 minutes after the seed.
import type { Rng } from '../core/index.js';
import type { OpMember } from './careful.js';
import { amplify, camouflage, opMember } from './careful.js';
import { DAY } from './clock.js';
import type { SimContext } from './context.js';
import type { PlantedOperation } from './operations.js';
import { RU_HOLIDAYS_2024 } from './operations.js';
import { post } from './organic.js';
import { paraphrase } from './paraphrase.js';
import { NIGHT_NARRATIVES } from './paraphrase-bank.js';
import type { ShiftSpec } from './shifts.js';
import { Shifts } from './shifts.js';

/**
 * The night shift on Moscow time: 21:00 to 06:00 (local hours 21–30), a half-hour break around
 * 01:30; each operator starts up to 30–60 minutes late and leaves up to as much early, so every
 * action stays inside 21:00–06:00.
 */
export const NIGHT_SHIFT: ShiftSpec = {
  utcOffsetMinutes: 3 * 60,
  start: 21,
  end: 30,
  pause: { at: 25.5, minutes: 30 },
  jitter: [30, 60],
  jitterMode: 'inward',
  skipDay: 0.1,
  weekendWork: 0.15,
  holidays: RU_HOLIDAYS_2024,
};

const PERSONAS = [
  'TrueTexan',
  'MidwestMom',
  'PatriotPaul',
  'VetVoice',
  'OhioDad',
  'BlueCollarBen',
  'JerseyJen',
];
const LATINO = ['LatinaLibre', 'VozDeMiami', 'TexMexTruth'];
const PLACES = [
  'Houston, TX',
  'Columbus, OH',
  'Phoenix, AZ',
  'Tampa, FL',
  'Detroit, MI',
  'USA',
  'Atlanta, GA',
];

/** Plants the night-shift operation (1.2% of the crowd, at least 30 accounts); returns it. */
export function nightShift(ctx: SimContext, rng: Rng): PlantedOperation {
  const size = Math.max(30, Math.round(ctx.config.accounts * 0.012));
  const operators = Math.ceil(size / 10);
  const shifts = new Shifts(ctx, rng.fork('shifts'), NIGHT_SHIFT, operators);
  const members: OpMember[] = [];
  for (let i = 0; i < size; i++) members.push(nightPersona(ctx, rng, i % operators));
  for (let d = 0; d < ctx.config.days; d++) {
    for (let w = 0; w < operators; w++) {
      const own = members.filter((m) => m.operator === w);
      for (let k = rng.poisson(1.6); k > 0 && own.length; k--)
        nightThread(ctx, rng, shifts, members, own, w, d);
      // Together they retweet organic posts that suit them, minutes to two hours after spotting one.
      for (let k = rng.poisson(0.8); k > 0; k--)
        nightOrganicRetweets(ctx, rng, shifts, members, w, d);
    }
    camouflage(ctx, rng, shifts, members, d, 0.6);
  }
  return nightOperation(size, operators);
}

// A US persona on X (15% of them Latino, posting in Spanish) run by one operator.
function nightPersona(ctx: SimContext, rng: Rng, operator: number): OpMember {
  const latino = rng.chance(0.15);
  return opMember(
    ctx,
    rng,
    {
      platform: 'x',
      assetType: 'account',
      handle: `${rng.pick(latino ? LATINO : PERSONAS)}${rng.int(10, 999)}`,
      displayName: rng.pick(
        latino ? ['Marisol', 'Carlos R.', 'Luz'] : ['Jen', 'Paul', 'Ben', 'Amy', 'Rick'],
      ),
      createdAt: ctx.config.start - rng.int(200, 1500) * DAY,
      followers: Math.floor(rng.lognormal(900, 1.1)),
      following: Math.floor(rng.lognormal(700, 0.7)),
      location: rng.pick(PLACES),
      language: latino ? 'es' : 'en',
      description: rng.pick([
        'Mom. Patriot. Coffee.',
        'Veteran. Truth first.',
        'Just a working guy',
        null,
      ]),
      label: 'night-shift',
      kind: 'night-operator',
    },
    operator,
  );
}

// A paraphrased seed post in operator `w`'s shift, amplified by other personas while their
// operators are at work.
function nightThread(
  ctx: SimContext,
  rng: Rng,
  shifts: Shifts,
  members: readonly OpMember[],
  own: readonly OpMember[],
  w: number,
  d: number,
): void {
  const t0 = shifts.instant(rng, w, d);
  if (t0 === null) return;
  const seeder = rng.pick(own);
  const narrative = rng.pick(NIGHT_NARRATIVES);
  const p = paraphrase(rng, narrative, seeder.account.language, 0.6);
  const postId = post(ctx, {
    accountId: seeder.account.accountId,
    platform: 'x',
    createdAt: t0,
    kind: 'post',
    text: p.text,
    language: p.language,
    hashtags: p.hashtags,
    client: 'Twitter Web App',
  });
  amplify(
    ctx,
    rng,
    shifts,
    { postId, account: seeder.account, t: t0 },
    rng.sample(
      members.filter((m) => m !== seeder),
      Math.round(members.length * (0.1 + rng.next() * 0.15)),
    ),
    { narrative, share: 0.55, reply: 0.15, tagChance: 0.6, link: () => null },
  );
}

// A few personas retweet a popular organic post on X that operator `w` spotted, each while its
// operator is at work.
function nightOrganicRetweets(
  ctx: SimContext,
  rng: Rng,
  shifts: Shifts,
  members: readonly OpMember[],
  w: number,
  d: number,
): void {
  const t0 = shifts.instant(rng, w, d);
  const p = t0 === null ? null : ctx.recentPopular(rng, t0);
  if (t0 === null || !p || p.platform !== 'x') return;
  for (const m of rng.sample(members, rng.int(3, 8))) {
    const t = shifts.after(rng, m.operator, t0, 3, 120);
    if (t === null) continue;
    post(ctx, {
      accountId: m.account.accountId,
      platform: 'x',
      createdAt: t,
      kind: 'share',
      sharedPostId: p.postId,
      sharedAccountId: p.accountId,
    });
  }
}

// What scenario.json says of the night shift.
function nightOperation(size: number, operators: number): PlantedOperation {
  return {
    name: 'night-shift',
    accounts: size,
    clusters: 1,
    utcOffsetMinutes: NIGHT_SHIFT.utcOffsetMinutes,
    workBlocks: [
      [21, 24],
      [0, 6],
    ],
    breaks: [{ start: 1.5, end: 2, label: 'break' }],
    dst: 'none',
    notes: [
      'US personas on X; operators on Moscow time (UTC+3) working 21:00–06:00, i.e. 18:00–03:00 UTC, 13:00–22:00 in New York before 10 March',
      `${operators} operators, each starting up to 30–60 minutes late and leaving up to as much early night by night; 10% of working nights skipped, Russian public holidays off`,
      'paraphrased English and Spanish, no copy-paste',
      'retweets, replies and paraphrases 3–120 minutes after the seed; joint retweets of organic posts as slowly',
    ],
  };
}

// A careful office operation: operators on Beijing time whose shifts start and end up to an hour
// off from day to day and who skip days, paraphrasing one message in five languages (not copy-paste)
// and amplifying it 3–120 minutes after the seed, on X and Facebook.
import type { Rng } from '../core/index.js';
import type { AssetType } from '../model/index.js';
import type { OpMember } from './careful.js';
import { amplify, camouflage, opMember } from './careful.js';
import { DAY } from './clock.js';
import type { SimContext } from './context.js';
import { Cumulative } from './context.js';
import type { PlantedOperation } from './operations.js';
import { CN_HOLIDAYS_2024 } from './operations.js';
import { post } from './organic.js';
import { paraphrase } from './paraphrase.js';
import { OFFICE_NARRATIVES } from './paraphrase-bank.js';
import type { ShiftSpec } from './shifts.js';
import { Shifts } from './shifts.js';
import { EVERYDAY } from './text-bank.js';
import { iso } from './writers.js';

/** The office's nominal shift on Beijing time: 09:00–18:00 with an hour's lunch at noon. */
export const OFFICE_SHIFT: ShiftSpec = {
  utcOffsetMinutes: 8 * 60,
  start: 9,
  end: 18,
  pause: { at: 12, minutes: 60 },
  jitter: [30, 60],
  jitterMode: 'both',
  skipDay: 0.12,
  weekendWork: 0.1,
  holidays: CN_HOLIDAYS_2024,
};

const LANGUAGES: ReadonlyArray<readonly [string, number, string]> = [
  ['en', 30, 'London'],
  ['es', 20, 'Madrid'],
  ['fr', 15, 'Lyon'],
  ['de', 15, 'Wien'],
  ['ru', 20, 'Novosibirsk'],
];
const ASSETS: ReadonlyArray<readonly [string, AssetType, number]> = [
  ['x', 'account', 60],
  ['facebook', 'account', 30],
  ['facebook', 'page', 10],
];
const MIRRORS = ['asia-pacific-observer.example', 'truthdesk.example', 'worldview-daily.example'];
const NAMES = [
  'Anna',
  'Mark',
  'Elena',
  'Pierre',
  'Jonas',
  'Lucia',
  'Igor',
  'Sophie',
  'Dan',
  'Olga',
];

/** Plants the careful office operation (1.6% of the crowd, at least 40 accounts); returns it. */
export function carefulOffice(ctx: SimContext, rng: Rng): PlantedOperation {
  const size = Math.max(40, Math.round(ctx.config.accounts * 0.016));
  const operators = Math.ceil(size / 10);
  const shifts = new Shifts(ctx, rng.fork('shifts'), OFFICE_SHIFT, operators);
  const draws = {
    language: new Cumulative(LANGUAGES.map((l) => l[1])),
    asset: new Cumulative(ASSETS.map((a) => a[2])),
  };
  const members: OpMember[] = [];
  for (let i = 0; i < size; i++) members.push(officeMember(ctx, rng, draws, i % operators));
  const articles = { count: 0 };
  for (let d = 0; d < ctx.config.days; d++) {
    for (let w = 0; w < operators; w++) {
      const own = members.filter((m) => m.operator === w);
      for (let k = rng.poisson(1.4); k > 0 && own.length; k--)
        officeArticle(ctx, rng, shifts, { members, own, w, d, articles });
    }
    camouflage(ctx, rng, shifts, members, d, 0.8);
  }
  return officeOperation(size, operators);
}

// A bought, aged account of one operator: a person, or a Page named for a city, in one of five
// languages on X or Facebook.
function officeMember(
  ctx: SimContext,
  rng: Rng,
  draws: { readonly language: Cumulative; readonly asset: Cumulative },
  operator: number,
): OpMember {
  const [language, , city] = LANGUAGES[draws.language.draw(rng)] as readonly [
    string,
    number,
    string,
  ];
  const [platform, assetType] = ASSETS[draws.asset.draw(rng)] as readonly [
    string,
    AssetType,
    number,
  ];
  const name = rng.pick(NAMES);
  return opMember(
    ctx,
    rng,
    {
      platform,
      assetType,
      handle: `${name.toLowerCase()}${rng.pick(['_', '.', ''])}${rng.int(10, 9999)}`,
      displayName: assetType === 'page' ? `${city} Voices` : name,
      // Bought and aged: years old, not made in a burst.
      createdAt: ctx.config.start - rng.int(400, 3000) * DAY,
      followers: Math.floor(rng.lognormal(350, 1.1)),
      following: Math.floor(rng.lognormal(300, 0.8)),
      location: rng.chance(0.6) ? city : null,
      language,
      description: rng.chance(0.3) ? rng.pick(EVERYDAY[language] ?? EVERYDAY.en ?? []) : null,
      label: 'careful-office',
      kind: 'operator',
    },
    operator,
  );
}

/** Where in the run an office article is posted: by which operator's accounts, on which day. */
interface OfficeTask {
  readonly members: readonly OpMember[];
  /** Operator `w`'s accounts. */
  readonly own: readonly OpMember[];
  readonly w: number;
  readonly d: number;
  /** Articles posted so far (numbers the articles' addresses). */
  readonly articles: { count: number };
}

// One article in operator `w`'s shift: a paraphrased seed post linking a mirror site, amplified
// by other accounts of the office while their operators are at work.
function officeArticle(ctx: SimContext, rng: Rng, shifts: Shifts, task: OfficeTask): void {
  const { members, own, w, d } = task;
  const t0 = shifts.instant(rng, w, d);
  if (t0 === null) return;
  const seeder = rng.pick(own);
  const narrative = rng.pick(OFFICE_NARRATIVES);
  const slug = `${narrative.tag.toLowerCase()}-${d}-${++task.articles.count}`;
  const path = (language: string) =>
    `/${language}/${iso(t0).slice(0, 10).replace(/-/g, '/')}/${slug}`;
  const url = `https://${rng.pick(MIRRORS)}${path(seeder.account.language)}`;
  const p = paraphrase(rng, narrative, seeder.account.language);
  const postId = post(ctx, {
    accountId: seeder.account.accountId,
    platform: seeder.account.platform,
    createdAt: t0,
    kind: 'post',
    text: `${p.text} ${url}`,
    language: p.language,
    urls: [url],
    hashtags: p.hashtags,
  });
  const others = members.filter((m) => m !== seeder);
  amplify(
    ctx,
    rng,
    shifts,
    { postId, account: seeder.account, t: t0 },
    rng.sample(others, Math.round(members.length * (0.08 + rng.next() * 0.12))),
    {
      narrative,
      share: 0.3,
      reply: 0.15,
      tagChance: 0.5,
      // The seed's link, the article in the amplifier's language on another mirror, or none.
      link: (r, m) => {
        const x = r.next();
        if (x < 0.55) return url;
        if (x < 0.75) return `https://${r.pick(MIRRORS)}${path(m.account.language)}`;
        return null;
      },
    },
  );
}

// What scenario.json says of the office operation.
function officeOperation(size: number, operators: number): PlantedOperation {
  return {
    name: 'careful-office',
    accounts: size,
    clusters: 1,
    utcOffsetMinutes: OFFICE_SHIFT.utcOffsetMinutes,
    workBlocks: [
      [9, 12],
      [13, 18],
    ],
    breaks: [{ start: 12, end: 13, label: 'lunch' }],
    dst: 'none',
    notes: [
      `${operators} operators, each with a shift that starts and ends up to 30–60 minutes off 09:00–18:00 Beijing time day by day; 12% of workdays skipped, Chinese public holidays off`,
      'paraphrased, not copy-pasted: the same messages in en, es, fr, de and ru, clauses reordered and reworded',
      'amplification 3–120 minutes after the seed, only while the amplifying operator is at work',
      'links to three mirror sites, often in the amplifier’s language; a quarter of posts without a link',
      'aged accounts with residential IPs, consumer ISPs and devices of their own',
    ],
  };
}

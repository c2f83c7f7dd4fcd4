// Seed here, amplify there: where each piece of an operation's content (a URL, a text family) first
// appears and which platforms carry it later, with what lag; which assets seed and which amplify.
// And persistence: the group members that match an earlier takedown list or indicator file.
import type { Store } from '../store/index.js';
import { listItems } from '../store/index.js';
import type { KnownAsset } from './known-file.js';

type Row = readonly unknown[];
const rows = async (store: Store, sql: string, params?: unknown[]): Promise<Row[]> =>
  (await store.connection.runAndReadAll(sql, params as never)).getRows();
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** An asset's part in an operation's cross-platform content. */
export interface ContentRole {
  readonly platform: string;
  readonly accountId: string;
  /** Pieces of cross-platform content it posted first. */
  readonly seeded: number;
  /** Pieces it posted after another asset of the operation had. */
  readonly amplified: number;
}

/** How an operation's content moves between platforms. */
export interface ContentFlow {
  /** Pieces of content (URLs, text families) the operation posted on two or more platforms. */
  readonly items: number;
  /** Per platform, the cross-platform pieces that first appeared there, most first. */
  readonly seeding: ReadonlyArray<{ platform: string; items: number }>;
  /** From the platform a piece first appeared on to each platform that carried it later. */
  readonly flows: ReadonlyArray<{
    from: string;
    to: string;
    items: number;
    /** Median time from the first post to the first post on `to`, in minutes. */
    medianLagMinutes: number;
  }>;
  /** Assets that seeded more pieces than they amplified (most seeded first, at most 10). */
  readonly seeders: readonly ContentRole[];
  /** Assets that amplified more than they seeded (most amplified first, at most 10). */
  readonly amplifiers: readonly ContentRole[];
  /** How many assets of each role there are in all. */
  readonly roles: { readonly seeders: number; readonly amplifiers: number };
}

/**
 * A piece's later posts count within this many hours of its first: a campaign carries its content
 * within hours (Spamouflage's amplifiers within minutes), while filler texts that recur for weeks
 * would otherwise read as seeded wherever they happened to appear first.
 */
const SPREAD_HOURS = 72;
/** Texts shorter than this (after URLs are taken out) do not make a text family. */
const MIN_TEXT = 30;

/**
 * The content flow of each operation (`operationOf`: group → operation) over the staged posts.
 * A piece is a canonical URL or, for posts without one, a text family (the normalized text, at
 * least {@link MIN_TEXT} characters) posted on two or more platforms within {@link SPREAD_HOURS} hours;
 * shares and reactions re-publish on their own platform and are left out.
 */
export async function contentFlows(
  store: Store,
  operationOf: ReadonlyMap<string, string>,
): Promise<Map<string, ContentFlow>> {
  await stageFlowItems(store, operationOf);
  try {
    const out = new Map<string, MutableFlow>();
    const get = (op: string) => {
      let f = out.get(op);
      if (!f) {
        f = {
          items: 0,
          seeding: [],
          flows: [],
          seeders: [],
          amplifiers: [],
          roles: { seeders: 0, amplifiers: 0 },
        };
        out.set(op, f);
      }
      return f;
    };
    await readSeeding(store, get);
    await readLags(store, get);
    await readRoles(store, get);
    return out;
  } finally {
    await store.connection.run('DROP TABLE IF EXISTS ch_flow_items');
    await store.connection.run('DROP TABLE IF EXISTS ch_op');
  }
}

type MutableFlow = { -readonly [K in keyof ContentFlow]: ContentFlow[K] };

/**
 * Stages `ch_flow_items`: each post of an operation on two or more platforms as the pieces it
 * carries (its canonical URLs, else its text family), with the piece's first post in the
 * operation (`t0`, seed platform and account), for the posts within {@link SPREAD_HOURS} hours
 * of that first one, of the pieces that reached a second platform.
 */
async function stageFlowItems(store: Store, operationOf: ReadonlyMap<string, string>) {
  const c = store.connection;
  await c.run('CREATE OR REPLACE TEMP TABLE ch_op (grp VARCHAR, operation VARCHAR)');
  const a = await c.createAppender('ch_op');
  for (const [g, op] of operationOf) {
    a.appendVarchar(g);
    a.appendVarchar(op);
    a.endRow();
  }
  a.closeSync();
  await c.run(`CREATE OR REPLACE TEMP TABLE ch_flow_items AS
    WITH p AS (SELECT o.operation, p.platform, p.account_id, p.created_at, p.urls, p.text_norm
        FROM ch_p p JOIN ch_op o ON o.grp = p.grp WHERE p.kind NOT IN ('share', 'reaction')
          -- Content moves between platforms only in operations on two or more.
          AND o.operation IN (SELECT o2.operation FROM ch_p p2 JOIN ch_op o2 ON o2.grp = p2.grp
            GROUP BY o2.operation HAVING count(DISTINCT p2.platform) >= 2)),
      items AS (
        SELECT operation, platform, account_id, created_at, 'url:' || unnest(urls) AS item FROM p
        UNION ALL
        SELECT operation, platform, account_id, created_at,
          'text:' || md5(trim(regexp_replace(text_norm, 'https?://\\S+', '', 'g')))
        FROM p WHERE len(coalesce(urls, [])) = 0
          AND length(trim(regexp_replace(text_norm, 'https?://\\S+', '', 'g'))) >= ${MIN_TEXT}),
      firsts AS (SELECT operation, item, min(created_at) AS t0, arg_min(platform, created_at) AS seed_platform,
          arg_min(account_id, created_at) AS seed_account FROM items GROUP BY ALL),
      spread AS (SELECT i.*, f.t0, f.seed_platform, f.seed_account FROM items i JOIN firsts f USING (operation, item)
        WHERE i.created_at <= f.t0 + INTERVAL ${SPREAD_HOURS} HOUR)
    SELECT * FROM spread WHERE (operation, item) IN
      (SELECT (operation, item) FROM spread GROUP BY ALL HAVING count(DISTINCT platform) >= 2)`);
}

/** Each operation's pieces by the platform they first appeared on. */
async function readSeeding(store: Store, get: (op: string) => MutableFlow) {
  for (const r of await rows(
    store,
    `SELECT operation, seed_platform, count(DISTINCT item) FROM ch_flow_items GROUP BY ALL ORDER BY 1, 3 DESC, 2`,
  )) {
    const f = get(str(r[0]));
    f.items += num(r[2]);
    f.seeding = [...f.seeding, { platform: str(r[1]), items: num(r[2]) }];
  }
}

/** Each platform pair's pieces and the median lag from the seed to the other platform's first post. */
async function readLags(store: Store, get: (op: string) => MutableFlow) {
  for (const r of await rows(
    store,
    `WITH later AS (SELECT operation, item, seed_platform, platform, epoch(min(created_at) - any_value(t0)) / 60 AS lag
        FROM ch_flow_items WHERE platform <> seed_platform GROUP BY ALL)
     SELECT operation, seed_platform, platform, count(*), median(lag) FROM later GROUP BY ALL ORDER BY 1, 4 DESC, 2, 3`,
  )) {
    const f = get(str(r[0]));
    f.flows = [
      ...f.flows,
      {
        from: str(r[1]),
        to: str(r[2]),
        items: num(r[3]),
        medianLagMinutes: Math.round(num(r[4]) * 10) / 10,
      },
    ];
  }
}

/** The assets that seeded more pieces than they amplified, and the rest that carried them. */
async function readRoles(store: Store, get: (op: string) => MutableFlow) {
  for (const r of await rows(
    store,
    `WITH roles AS (SELECT operation, platform, account_id,
         count(DISTINCT item) FILTER (WHERE account_id = seed_account AND created_at = t0) AS seeded,
         count(DISTINCT item) FILTER (WHERE account_id <> seed_account) AS amplified
       FROM ch_flow_items GROUP BY ALL)
     SELECT operation, platform, account_id, seeded, amplified FROM roles
     ORDER BY operation, greatest(seeded, amplified) DESC, account_id`,
  )) {
    const f = get(str(r[0]));
    const role = {
      platform: str(r[1]),
      accountId: str(r[2]),
      seeded: num(r[3]),
      amplified: num(r[4]),
    };
    if (role.seeded > role.amplified) {
      f.roles = { ...f.roles, seeders: f.roles.seeders + 1 };
      if (f.seeders.length < 10) f.seeders = [...f.seeders, role];
    } else if (role.amplified > 0) {
      f.roles = { ...f.roles, amplifiers: f.roles.amplifiers + 1 };
      if (f.amplifiers.length < 10) f.amplifiers = [...f.amplifiers, role];
    }
  }
}

/** A group member that matches an earlier takedown or indicator file. */
export interface ReturningAsset {
  readonly platform: string;
  readonly accountId: string;
  readonly handle: string | null;
  /** What matched: e.g. `{kind: 'handle', value: 'lingerie_shop_1', source: 'takedown-2023.csv'}`. */
  readonly matches: ReadonlyArray<{ kind: KnownAsset['kind']; value: string; source: string }>;
}

/**
 * Per group, its members whose account id, handle (now or earlier), or posted URLs and domains
 * match a known asset; a domain or URL names the members that posted it.
 */
export async function returningAssets(
  store: Store,
  known: readonly KnownAsset[],
): Promise<Map<string, ReturningAsset[]>> {
  const out = new Map<string, ReturningAsset[]>();
  if (known.length === 0) return out;
  const c = store.connection;
  await c.run(
    'CREATE OR REPLACE TEMP TABLE ch_known (kind VARCHAR, platform VARCHAR, value VARCHAR, source VARCHAR)',
  );
  const a = await c.createAppender('ch_known');
  for (const k of known) {
    a.appendVarchar(k.kind);
    if (k.platform === null) a.appendNull();
    else a.appendVarchar(k.platform);
    a.appendVarchar(k.value);
    a.appendVarchar(k.source);
    a.endRow();
  }
  a.closeSync();
  try {
    const found = await rows(
      store,
      `WITH mine AS (
          SELECT grp, platform, account_id, 'account' AS kind, account_id AS v FROM ch_m
          UNION SELECT m.grp, m.platform, m.account_id, 'handle', lower(a.handle) FROM ch_m m
            JOIN accounts a ON a.platform = m.platform AND a.account_id = m.account_id WHERE a.handle IS NOT NULL
          UNION SELECT m.grp, m.platform, m.account_id, 'handle', lower(n.handle) FROM ch_m m
            JOIN account_names n ON n.platform = m.platform AND n.account_id = m.account_id WHERE n.handle IS NOT NULL
          UNION SELECT grp, platform, account_id, 'url', lower(unnest(urls)) FROM ch_p
          UNION SELECT grp, platform, account_id, 'domain', regexp_replace(lower(unnest(domains)), '^www[.]', '') FROM ch_p)
       SELECT mine.grp, mine.platform, mine.account_id, any_value(a.handle),
         list(DISTINCT {'kind': k.kind, 'value': k.value, 'source': k.source})
       FROM mine JOIN ch_known k ON k.kind = mine.kind AND k.value = mine.v
         AND (k.platform IS NULL OR k.platform = mine.platform)
         LEFT JOIN accounts a ON a.platform = mine.platform AND a.account_id = mine.account_id
       GROUP BY ALL ORDER BY ALL`,
    );
    for (const r of found) {
      const group = out.get(str(r[0])) ?? [];
      group.push({
        platform: str(r[1]),
        accountId: str(r[2]),
        handle: r[3] === null ? null : str(r[3]),
        matches: listItems(r[4])
          .map((m) => {
            const e = (m as { entries: Record<string, unknown> }).entries;
            return {
              kind: str(e.kind) as KnownAsset['kind'],
              value: str(e.value),
              source: str(e.source),
            };
          })
          .sort((x, y) =>
            `${x.kind} ${x.value} ${x.source}`.localeCompare(`${y.kind} ${y.value} ${y.source}`),
          ),
      });
      out.set(str(r[0]), group);
    }
    return out;
  } finally {
    await c.run('DROP TABLE IF EXISTS ch_known');
  }
}

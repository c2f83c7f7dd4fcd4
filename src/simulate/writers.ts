// Streams simulated records to files in unmask's native format or the X archive's format.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import type { SimAccount, SimPost, SimSink } from './types.js';

/** A CSV file written through a reused byte buffer (no large intermediate strings). */
class CsvOut {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(1 << 22);
  private used = 0;
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.write(`${header.join(',')}\n`);
  }

  row(cells: ReadonlyArray<string | number | null>): void {
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (i > 0) line += ',';
      if (v === null || v === undefined) continue;
      line += typeof v === 'number' ? String(v) : readBackCell(v);
    }
    this.write(`${line}\n`);
    this.rows++;
  }

  private write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.buffer.length) this.flush();
    if (text.length * 3 > this.buffer.length) {
      writeSync(this.fd, text);
      return;
    }
    this.used += this.buffer.write(text, this.used);
  }

  flush(): void {
    if (this.used > 0) writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

// A text cell of a file our own ingest reads back: RFC 4180 quoting only (no formula escape, which
// would become data; src/core/csv.ts), and "" for empty text. Hot: one call per written cell.
function readBackCell(v: string): string {
  if (v === '') return '""';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return `"${v.replace(/"/g, '""')}"`;
  }
  return v;
}

/** A sink that also writes ground truth and reports how many posts it wrote. */
export interface SimWriter extends SimSink {
  readonly posts: () => number;
  readonly accounts: () => number;
  close(): void;
}

/** Options of the writers. */
export interface WriterOptions {
  /** Add truth.csv's fourth column, `kind` (what each account is within its label). Default false. */
  readonly kinds?: boolean;
}

/** Opens truth.csv: `platform,account_id,label`, then `kind` when asked. */
function truthOut(dir: string, options: WriterOptions) {
  const header = ['platform', 'account_id', 'label'];
  const out = new CsvOut(join(dir, 'truth.csv'), options.kinds ? [...header, 'kind'] : header);
  return {
    row: (platform: string, a: SimAccount) =>
      out.row(
        options.kinds ? [platform, a.accountId, a.label, a.kind] : [platform, a.accountId, a.label],
      ),
    close: () => out.close(),
  };
}

// Headers of the native format's files (docs/formats.md).
const NATIVE_HEADERS = {
  posts: [
    'platform',
    'post_id',
    'account_id',
    'created_at',
    'kind',
    'text',
    'language',
    'urls',
    'hashtags',
    'shared_post_id',
    'shared_account_id',
    'parent_post_id',
    'parent_account_id',
    'client',
  ],
  accounts: [
    'platform',
    'account_id',
    'handle',
    'display_name',
    'asset_type',
    'created_at',
    'followers',
    'following',
    'reported_location',
    'language',
    'description',
    'seen_at',
  ],
  renames: ['platform', 'account_id', 'handle', 'seen_at'],
  observations: ['platform', 'account_id', 'kind', 'value', 'first_seen', 'last_seen'],
  follows: ['platform', 'follower_id', 'followed_id'],
} as const;

/** Writes posts.csv, accounts.csv, renames.csv, observations.csv, follows.csv and truth.csv. */
export function nativeWriter(dir: string, end: number, options: WriterOptions = {}): SimWriter {
  const out = (name: keyof typeof NATIVE_HEADERS) =>
    new CsvOut(join(dir, `${name}.csv`), NATIVE_HEADERS[name]);
  const posts = out('posts');
  const accounts = out('accounts');
  const renames = out('renames');
  const observations = out('observations');
  const follows = out('follows');
  const truth = truthOut(dir, options);
  const endIso = iso(end);
  return {
    account(a: SimAccount) {
      accounts.row(nativeAccountRow(a, endIso));
      for (const h of a.previousHandles)
        renames.row([a.platform, a.accountId, h.handle, iso(h.until - 1000)]);
      truth.row(a.platform, a);
    },
    post(p: SimPost) {
      posts.row(nativePostRow(p));
    },
    observation(accountId, platform, kind, value, firstSeen, lastSeen) {
      observations.row([platform, accountId, kind, value, iso(firstSeen), iso(lastSeen)]);
    },
    follow(platform, followerId, followedId) {
      follows.row([platform, followerId, followedId]);
    },
    posts: () => posts.rows,
    accounts: () => accounts.rows,
    close() {
      for (const f of [posts, accounts, renames, observations, follows, truth]) f.close();
    },
  };
}

// An account as a line of accounts.csv, seen at the end of the run.
function nativeAccountRow(a: SimAccount, seenAt: string): Array<string | number | null> {
  return [
    a.platform,
    a.accountId,
    a.handle,
    a.displayName,
    a.assetType,
    iso(a.createdAt),
    a.followers,
    a.following,
    a.location,
    a.language,
    a.description,
    seenAt,
  ];
}

// A post as a line of posts.csv; lists joined with '|'.
function nativePostRow(p: SimPost): Array<string | number | null> {
  return [
    p.platform,
    p.postId,
    p.accountId,
    iso(p.createdAt),
    p.kind,
    p.text,
    p.language,
    p.urls.join('|') || null,
    p.hashtags.join('|') || null,
    p.sharedPostId,
    p.sharedAccountId,
    p.parentPostId,
    p.parentAccountId,
    p.client,
  ];
}

// Headers of the X archive's users.csv, and of tweets.csv (the user's columns repeated per tweet).
const X_USER_HEADER = [
  'userid',
  'user_display_name',
  'user_screen_name',
  'user_reported_location',
  'user_profile_description',
  'follower_count',
  'following_count',
  'account_creation_date',
  'account_language',
];
const X_TWEET_HEADER = [
  'tweetid',
  ...X_USER_HEADER,
  'tweet_language',
  'tweet_text',
  'tweet_time',
  'tweet_client_name',
  'in_reply_to_userid',
  'in_reply_to_tweetid',
  'quoted_tweet_tweetid',
  'is_retweet',
  'retweet_userid',
  'retweet_tweetid',
  'hashtags',
  'urls',
  'user_mentions',
];

/**
 * Writes the X archive's tweets.csv and users.csv (every account as platform x; the archive has
 * no infrastructure or follows) and truth.csv. Times are 'YYYY-MM-DD HH:MM' UTC, as the archive's.
 */
export function xArchiveWriter(dir: string, options: WriterOptions = {}): SimWriter {
  const tweets = new CsvOut(join(dir, 'tweets.csv'), X_TWEET_HEADER);
  const users = new CsvOut(join(dir, 'users.csv'), X_USER_HEADER);
  const truth = truthOut(dir, options);
  const known = new Map<string, SimAccount>();
  return {
    account(a) {
      known.set(a.accountId, a);
      users.row([
        a.accountId,
        a.displayName,
        a.handle,
        a.location,
        a.description,
        a.followers,
        a.following,
        iso(a.createdAt).slice(0, 10),
        a.language,
      ]);
      truth.row('x', a);
    },
    post(p) {
      tweets.row(tweetRow(p, known.get(p.accountId)));
    },
    observation() {},
    follow() {},
    posts: () => tweets.rows,
    accounts: () => users.rows,
    close() {
      for (const f of [tweets, users, truth]) f.close();
    },
  };
}

// A post as a line of tweets.csv: its author's columns as they were then (the handle before a
// rename), a share as a retweet with 'RT <account>' text, lists in Python's notation.
function tweetRow(p: SimPost, a: SimAccount | undefined): Array<string | number | null> {
  const handle = a?.previousHandles.find((h) => p.createdAt < h.until)?.handle ?? a?.handle ?? null;
  const share = p.kind === 'share';
  const text =
    p.kind === 'reaction' ? null : (p.text ?? (share ? `RT ${p.sharedAccountId ?? ''}` : null));
  return [
    p.postId,
    p.accountId,
    a?.displayName ?? null,
    handle,
    a?.location ?? null,
    a?.description ?? null,
    a?.followers ?? null,
    a?.following ?? null,
    a ? iso(a.createdAt).slice(0, 10) : null,
    a?.language ?? null,
    p.language,
    text,
    iso(p.createdAt).slice(0, 16).replace('T', ' '),
    p.client,
    p.parentAccountId,
    p.parentPostId,
    p.kind === 'quote' ? p.sharedPostId : null,
    share ? 'True' : 'False',
    share ? p.sharedAccountId : null,
    share ? p.sharedPostId : null,
    pythonList(p.hashtags),
    pythonList(p.urls),
    '[]',
  ];
}

// A list as the archive writes one: "['a', 'b']" (quotes inside items dropped).
function pythonList(xs: readonly string[]): string {
  return `[${xs.map((x) => `'${x.replace(/'/g, '')}'`).join(', ')}]`;
}

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
let isoDay = Number.NaN;
let isoPrefix = '';

/** Returns ISO 8601 UTC text ('2024-02-05T09:31:12.345Z'); the date part is cached per day. */
export function iso(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  if (day !== isoDay) {
    isoDay = day;
    isoPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  const t = ms - day * 86_400_000;
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor((t % 3_600_000) / 60_000);
  const sec = Math.floor((t % 60_000) / 1000);
  const milli = t % 1000;
  return `${isoPrefix}${TWO[h]}:${TWO[m]}:${TWO[sec]}${milli ? `.${String(milli).padStart(3, '0')}` : ''}Z`;
}

// The account page as the UI first opens it (first page of posts, signal links and significant
// links), written once per case change for every account into a file beside the case, so that a
// first visit is a read of one record at a known offset, not a statement. An account page read
// from the workspace index cost 10–30 ms of DuckDB time under load (five range scans, each
// decompressing its row group's vectors), and ten readers queued on two connections for it (p99
// 1.6 s at 1M posts); a lookup of the same page stored as one string in DuckDB cost as much (a
// point lookup still materializes vectors of large strings). Other pages go to the index as before.
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';

import type { Store } from '../store/index.js';
import type { AccountKeys, AccountPageParts, AccountPages } from './server.sql.js';
import { ACCOUNT_PAGE_COLUMNS, accountPartsOf } from './server.sql.js';

/** Version of the file's layout and of the pages it holds. */
const LAYOUT = 1;

/** The pages the file holds: what the UI asks for first (and the API's defaults). */
export const FIRST_PAGES: AccountPages = {
  offset: 0,
  limit: 50,
  edgeOffset: 0,
  edgeLimit: 100,
  linkOffset: 0,
  linkLimit: 20,
};

/** Whether `pages` are the ones the file holds. */
export function isFirstPage(pages: AccountPages): boolean {
  return (Object.keys(FIRST_PAGES) as (keyof AccountPages)[]).every(
    (k) => pages[k] === FIRST_PAGES[k],
  );
}

/** Accounts read per statement while writing the file. */
const CHUNK = 1000;
/** Bytes of the trailer: the index's offset as zero-padded decimal. */
const TRAILER = 16;

/**
 * The first account pages of a case, one record per account key (ak): `parts` reads one. Opened
 * through {@link FirstPages.start}, which writes the file when it is missing or from another state
 * of the case (its header holds the link index's fingerprint).
 *
 * File: a header line (JSON: layout, fingerprint), the records (a JSON line of cluster id, links
 * and their total, then the page's head), the index (JSON: per ak, offset and length) and a
 * 16-byte trailer with the index's offset.
 */
export class AccountPageFile {
  private constructor(
    private readonly fd: number,
    private readonly offsets: Float64Array,
    private readonly lengths: Int32Array,
  ) {}

  /** The file at `path` when it holds pages of `fingerprint`'s case, else null. */
  static read(path: string, fingerprint: string): AccountPageFile | null {
    const found = readIndex(path, fingerprint);
    return found && new AccountPageFile(found.fd, found.offsets, found.lengths);
  }

  /** The first page's parts of the account `ak`, or null when the file has none. */
  parts(ak: number, platform: string, accountId: string): AccountPageParts | null {
    const length = this.lengths[ak] ?? 0;
    if (length === 0) return null;
    // A synchronous read of a few tens of kB from the page cache (tens of microseconds): async
    // reads queue on libuv's pool behind DuckDB's queries.
    const buffer = Buffer.allocUnsafe(length);
    readSync(this.fd, buffer, 0, length, this.offsets[ak]);
    const text = buffer.toString('utf8');
    const eol = text.indexOf('\n');
    const meta = JSON.parse(text.slice(0, eol)) as Pick<
      AccountPageParts,
      'clusterId' | 'links' | 'linksTotal'
    >;
    const head = text.slice(eol + 1);
    return {
      ...meta,
      head,
      target: `account:${platform}:${accountId}`,
      // As accountPartsOf counts: the parts and the last answer made of them.
      bytes: 4 * length,
    };
  }

  /** How many accounts the file holds. */
  get accounts(): number {
    return this.lengths.reduce((n, l) => n + (l > 0 ? 1 : 0), 0);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** What became of a background write of the first pages' file. */
export interface FirstPagesOutcome {
  /** Whether the file is in use (written now or found current). */
  readonly written: boolean;
  /** Why it is not, where writing it failed (the pages then come from the index). */
  readonly error?: string;
  readonly seconds: number;
}

/** A write given up because the server is closing. */
class Stopped extends Error {}

/**
 * The first pages' file of a served case as it becomes available. A current file is opened at
 * once; otherwise it is written in the background on a connection of its own (about 30 s at a
 * million posts, once per change of the case) while first visits read the index as other pages do,
 * and `current` gives the file once it is whole. {@link FirstPages.close} stops a write between
 * statements and leaves no partial file.
 */
export class FirstPages {
  private file: AccountPageFile | null = null;
  private stopped = false;
  /** Settles when the file is open, or writing it ended (failed or stopped). */
  ready: Promise<void> = Promise.resolve();

  private constructor() {}

  /** `onWritten` hears how a background write ended (not called when the file was current). */
  static async start(
    store: Store,
    keys: AccountKeys,
    path: string,
    onWritten: (outcome: FirstPagesOutcome) => void = () => undefined,
  ): Promise<FirstPages> {
    const pages = new FirstPages();
    const fingerprint = await caseState(store);
    pages.file = AccountPageFile.read(path, fingerprint);
    if (pages.file) return pages;
    const writer = await store.fork();
    const began = performance.now();
    const seconds = () => Math.round((performance.now() - began) / 100) / 10;
    pages.ready = writePageFile(writer, keys, path, fingerprint, () => pages.stopped)
      .then(() => {
        if (pages.stopped) return;
        pages.file = AccountPageFile.read(path, fingerprint);
        onWritten({ written: pages.file !== null, seconds: seconds() });
      })
      .catch((e: unknown) => {
        if (!(e instanceof Stopped))
          onWritten({
            written: false,
            error: String((e as Error)?.message ?? e),
            seconds: seconds(),
          });
      })
      .finally(() => writer.close());
    return pages;
  }

  /** The file once it is whole and open; null before (and where it could not be written). */
  get current(): AccountPageFile | null {
    return this.file;
  }

  /** Stops a write in progress (between statements) and closes the file. */
  async close(): Promise<void> {
    this.stopped = true;
    await this.ready;
    this.file?.close();
    this.file = null;
  }
}

/** The state of the case the pages follow: the link index's fingerprint (it follows the index). */
async function caseState(store: Store): Promise<string> {
  const reader = await store.connection.runAndReadAll('SELECT fingerprint FROM ws_links_index');
  return JSON.stringify([LAYOUT, reader.getRows()[0]?.[0] ?? null]);
}

/** The index of the file at `path` when it holds pages of `fingerprint`'s case, else null. */
function readIndex(
  path: string,
  fingerprint: string,
): { fd: number; offsets: Float64Array; lengths: Int32Array } | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const head = Buffer.alloc(Buffer.byteLength(fingerprint) + 1);
    readSync(fd, head, 0, head.length, 0);
    if (head.toString('utf8') !== `${fingerprint}\n`) throw new Error('another state of the case');
    const size = fstatSync(fd).size;
    const trailer = Buffer.alloc(TRAILER);
    readSync(fd, trailer, 0, TRAILER, size - TRAILER);
    const at = Number(trailer.toString('utf8'));
    const index = Buffer.alloc(size - TRAILER - at);
    readSync(fd, index, 0, index.length, at);
    const rows = JSON.parse(index.toString('utf8')) as [number, number, number][];
    const n = rows.reduce((m, [ak]) => Math.max(m, ak + 1), 0);
    const offsets = new Float64Array(n);
    const lengths = new Int32Array(n);
    for (const [ak, offset, length] of rows) {
      offsets[ak] = offset;
      lengths[ak] = length;
    }
    return { fd, offsets, lengths };
  } catch {
    closeSync(fd);
    return null;
  }
}

/**
 * Writes every account's first page to `path` (through a temporary file renamed at the end, so
 * that a file at `path` is always whole): statements over ranges of account keys, each row made
 * into parts by the same code as a request's ({@link accountPartsOf}). `stop` is asked before each
 * statement: when it says so, the temporary file is removed and the write throws {@link Stopped}.
 */
async function writePageFile(
  store: Store,
  keys: AccountKeys,
  path: string,
  fingerprint: string,
  stop: () => boolean,
): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    let at = 0;
    const put = (text: string) => {
      const buffer = Buffer.from(text, 'utf8');
      writeSync(fd, buffer);
      at += buffer.length;
      return buffer.length;
    };
    put(`${fingerprint}\n`);
    const index: [number, number, number][] = [];
    const p = FIRST_PAGES;
    for (let lo = 0; lo < keys.names.length; lo += CHUNK) {
      if (stop()) throw new Stopped('the server is closing');
      const reader = await store.connection.runAndReadAll(
        `SELECT a.ak, ${ACCOUNT_PAGE_COLUMNS.split(', ')
          .map((c) => `a.${c}`)
          .join(', ')},
           coalesce(ps.posts, '[]') AS posts, es.edges, coalesce(lt.n, 0)::INTEGER AS links_total,
           coalesce(ls.links, '[]') AS links
         FROM ws_account_pages a
           LEFT JOIN (SELECT ak, '[' || string_agg(j, ',' ORDER BY pos) || ']' AS posts FROM ws_posts
             WHERE ak >= $1 AND ak < $2 AND pos >= ${p.offset} AND pos < ${p.offset + p.limit} GROUP BY ak) ps USING (ak)
           LEFT JOIN (SELECT ak, to_json(list([sid, other, weight, expected, v1, v2, v3] ORDER BY pos))::VARCHAR AS edges
             FROM ws_edges WHERE ak >= $1 AND ak < $2 AND pos >= ${p.edgeOffset} AND pos < ${p.edgeOffset + p.edgeLimit} GROUP BY ak) es USING (ak)
           LEFT JOIN (SELECT ak, count(*) AS n FROM ws_links WHERE ak >= $1 AND ak < $2 GROUP BY ak) lt USING (ak)
           LEFT JOIN (SELECT ak, '[' || string_agg(j, ',' ORDER BY pos) || ']' AS links FROM ws_links
             WHERE ak >= $1 AND ak < $2 AND pos >= ${p.linkOffset} AND pos < ${p.linkOffset + p.linkLimit} GROUP BY ak) ls USING (ak)
         WHERE a.ak >= $1 AND a.ak < $2
         ORDER BY a.ak`,
        [lo, lo + CHUNK],
      );
      for (const row of reader.getRowObjectsJson()) {
        const ak = Number(row.ak);
        const [platform, accountId] = keys.names[ak] ?? ['', ''];
        const parts = accountPartsOf(row, keys, platform, accountId);
        const meta = {
          clusterId: parts.clusterId,
          links: parts.links,
          linksTotal: parts.linksTotal,
        };
        const offset = at;
        index.push([ak, offset, put(`${JSON.stringify(meta)}\n${parts.head}`)]);
      }
    }
    const indexAt = at;
    put(JSON.stringify(index));
    put(String(indexAt).padStart(TRAILER, '0'));
    closeSync(fd);
    renameSync(temporary, path);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // closed already
    }
    rmSync(temporary, { force: true });
    throw e;
  }
}

// The QUT coordination-network-toolkit's co-retweet network, written out from its definition
// for the conformance tests: an oracle that shares no code with unmask (no ingest, no SQL, no
// sweep). From the toolkit's README and the edges it wrote for russian_coord_tweets: a directed
// edge user_1 → user_2 weighs the distinct retweets of user_1 that have a retweet of the same
// post by user_2 within the window (|Δt| ≤ window, inclusive; a retweet never matches itself;
// user_1 = user_2 when an account retweets a post twice within the window).
import { readFileSync } from 'node:fs';

/**
 * Directed co-retweet edges `user_1,user_2,weight` of a CooRTweet-style CSV
 * (`object_id,account_id,content_id,timestamp_share`, epoch seconds), sorted.
 */
export function qutCoRetweetEdges(path: string, windowSeconds: number): string[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = lines[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  const [obj, acc, content, ts] = [
    col('object_id'),
    col('account_id'),
    col('content_id'),
    col('timestamp_share'),
  ];
  // The files have no quoted fields (ids and epoch seconds); a comma inside one would be a bug here.
  const byObject = new Map<string, { account: string; content: string; t: number }[]>();
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const f = line.split(',');
    if (f.length !== header.length) throw new Error(`unexpected line: ${line}`);
    const list = byObject.get(f[obj]!) ?? [];
    list.push({ account: f[acc]!, content: f[content]!, t: Number(f[ts]) });
    byObject.set(f[obj]!, list);
  }
  // weight(user_1 → user_2) = |{ content c of user_1 : some other share of the object by user_2 within the window }|
  const matched = new Map<string, Set<string>>();
  for (const shares of byObject.values()) {
    shares.sort((a, b) => a.t - b.t);
    for (let i = 0; i < shares.length; i++) {
      const a = shares[i]!;
      for (let j = i - 1; j >= 0 && a.t - shares[j]!.t <= windowSeconds; j--) link(a, shares[j]!);
      for (let j = i + 1; j < shares.length && shares[j]!.t - a.t <= windowSeconds; j++)
        link(a, shares[j]!);
    }
  }
  function link(a: { account: string; content: string }, b: { account: string; content: string }) {
    if (a.content === b.content) return;
    const key = `${a.account},${b.account}`;
    const set = matched.get(key) ?? new Set<string>();
    set.add(a.content);
    matched.set(key, set);
  }
  return [...matched].map(([key, set]) => `${key},${set.size}`).sort();
}

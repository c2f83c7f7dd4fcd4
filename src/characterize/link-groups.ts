// Links between groups (shared infrastructure, copy-pasted text, co-shares, shared misspellings,
// the same confident clock, shared narratives) and the operations they form.
import type { GroupProfile } from './characterize.js';
import type { crossGroupLinks } from './characterize.sql.js';
import type { OperatorClock } from './clock.js';

/** One kind of evidence tying two groups, e.g. `{kind: 'shared-errors', count: 2, sample: […]}`. */
export type LinkEvidence = { kind: string; count: number; sample: string[] };

/** Per group, the groups it is linked to with the evidence; a link needs strong evidence or two kinds. */
export function linkGroups(
  ids: readonly string[],
  links: Awaited<ReturnType<typeof crossGroupLinks>>,
  profiles: ReadonlyArray<Pick<GroupProfile, 'id' | 'distinctiveErrors' | 'narratives'>>,
  clocks: Map<string, OperatorClock>,
): Map<string, Map<string, LinkEvidence[]>> {
  const evidence = new Map<string, LinkEvidence[]>();
  const add = (a: string, b: string, e: LinkEvidence) => {
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    const list = evidence.get(key) ?? [];
    list.push(e);
    evidence.set(key, list);
  };
  for (const l of links) add(l.a, l.b, { kind: l.kind, count: l.count, sample: l.sample });
  const byId = new Map(profiles.map((p) => [p.id, p]));
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const a = byId.get(ids[i] as string);
      const b = byId.get(ids[j] as string);
      if (!a || !b) continue;
      const shared = a.distinctiveErrors
        .filter((x) => b.distinctiveErrors.some((y) => y.word === x.word))
        .map((x) => x.word);
      if (shared.length > 0)
        add(a.id, b.id, {
          kind: 'shared-errors',
          count: shared.length,
          sample: shared.slice(0, 5),
        });
      const ca = clocks.get(a.id)?.timezone;
      const cb = clocks.get(b.id)?.timezone;
      if (
        ca?.utcOffsetMinutes != null &&
        ca.utcOffsetMinutes === cb?.utcOffsetMinutes &&
        ca.confidence >= 0.6 &&
        cb.confidence >= 0.6
      )
        add(a.id, b.id, {
          kind: 'same-clock',
          count: 1,
          sample: [
            `UTC${ca.utcOffsetMinutes >= 0 ? '+' : '-'}${Math.abs(ca.utcOffsetMinutes) / 60}`,
          ],
        });
      const tags = (p: typeof a) =>
        new Set([...p.narratives.hashtag, ...p.narratives.domain].map((n) => n.value));
      const ta = tags(a);
      const common = [...tags(b)].filter((v) => ta.has(v));
      if (common.length >= 2)
        add(a.id, b.id, {
          kind: 'shared-narratives',
          count: common.length,
          sample: common.slice(0, 5),
        });
    }
  const out = new Map<string, Map<string, LinkEvidence[]>>();
  for (const [key, list] of evidence) {
    const strong = list.some(
      (e) =>
        (e.kind === 'shared-infrastructure' && e.count >= 1) ||
        (e.kind === 'near-duplicate-text' && e.count >= 3) ||
        (e.kind === 'co-share:text' && e.count >= 3) ||
        (e.kind === 'shared-errors' && e.count >= 2),
    );
    if (!strong && new Set(list.map((e) => e.kind)).size < 2) continue;
    const [a, b] = key.split('\u0000') as [string, string];
    (out.get(a) ?? out.set(a, new Map()).get(a))?.set(b, list);
    (out.get(b) ?? out.set(b, new Map()).get(b))?.set(a, list);
  }
  return out;
}

/** The operation of each group: linked groups are connected into one, numbered in `ids` order. */
export function operations(
  ids: readonly string[],
  linked: Map<string, Map<string, LinkEvidence[]>>,
): Map<string, string> {
  const op = new Map<string, string>();
  let n = 0;
  for (const id of ids) {
    if (op.has(id)) continue;
    const name = `operation-${++n}`;
    const stack = [id];
    while (stack.length) {
      const g = stack.pop() as string;
      if (op.has(g)) continue;
      op.set(g, name);
      for (const next of linked.get(g)?.keys() ?? []) if (!op.has(next)) stack.push(next);
    }
  }
  return op;
}

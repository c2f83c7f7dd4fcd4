// Static SVG charts for reports: hour-of-week heatmap, activity timeline, network drawing, assets.
// Plain strings (no DOM), deterministic, so the HTML report is one offline file and testable.
import { escapeHtml, Rng } from '../core/index.js';

const FONT = 'font-family="Noto Sans, DejaVu Sans, sans-serif"';
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Hour-of-week heatmap (7 × 24) in the operators' local time; breaks outlined. */
export function heatmapSvg(
  grid: readonly (readonly number[])[],
  caption: string,
  breaks: ReadonlyArray<{ start: string; end: string; label: string }> = [],
): string {
  const cell = 22;
  const left = 40;
  const top = 24;
  const max = Math.max(1, ...grid.flat());
  let s = `<svg xmlns="http://www.w3.org/2000/svg" class="chart heatmap" width="${left + 24 * cell + 10}" height="${top + 7 * cell + 40}" role="img" aria-label="${escapeHtml(caption)}" ${FONT} font-size="11">`;
  s += `<text x="${left}" y="14">${escapeHtml(caption)}</text>`;
  for (let d = 0; d < 7; d++) {
    s += `<text x="4" y="${top + d * cell + 15}">${DAYS[d]}</text>`;
    for (let h = 0; h < 24; h++) {
      const v = grid[d]?.[h] ?? 0;
      const a = v === 0 ? 0 : 0.12 + 0.88 * (v / max);
      s += `<rect class="cell" x="${left + h * cell}" y="${top + d * cell}" width="${cell - 2}" height="${cell - 2}" fill="rgb(190,30,45)" fill-opacity="${a.toFixed(3)}" stroke="#ddd" stroke-width="0.5"><title>${DAYS[d]} ${h}:00 — ${v}</title></rect>`;
    }
  }
  for (let h = 0; h < 24; h += 3)
    s += `<text x="${left + h * cell}" y="${top + 7 * cell + 14}">${String(h).padStart(2, '0')}</text>`;
  for (const b of breaks) {
    const x0 = left + (minutes(b.start) / 60) * cell;
    const x1 = left + (minutes(b.end) / 60) * cell;
    s += `<rect class="break" x="${x0}" y="${top - 4}" width="${Math.max(1, x1 - x0)}" height="${5 * cell + 6}" fill="none" stroke="#1565c0" stroke-dasharray="4 2"/><text x="${x0}" y="${top + 7 * cell + 30}" fill="#1565c0">${escapeHtml(b.label)} ${escapeHtml(b.start)}–${escapeHtml(b.end)}</text>`;
  }
  return `${s}</svg>`;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Daily activity as bars. */
export function timelineSvg(
  days: ReadonlyArray<{ day: string; posts: number }>,
  caption: string,
): string {
  const w = 640;
  const h = 140;
  const left = 40;
  const max = Math.max(1, ...days.map((d) => d.posts));
  const bw = days.length ? (w - left - 10) / days.length : 0;
  let s = `<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" width="${w}" height="${h + 30}" role="img" aria-label="${escapeHtml(caption)}" ${FONT} font-size="11">`;
  s += `<text x="${left}" y="14">${escapeHtml(caption)}</text>`;
  days.forEach((d, i) => {
    const bh = ((h - 30) * d.posts) / max;
    s += `<rect class="bar" x="${(left + i * bw).toFixed(1)}" y="${(h - bh).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${bh.toFixed(1)}" fill="#455a64"><title>${escapeHtml(d.day)}: ${d.posts}</title></rect>`;
  });
  s += `<text x="4" y="${h - (h - 30) + 10}">${max}</text><text x="4" y="${h}">0</text>`;
  if (days.length) {
    s += `<text x="${left}" y="${h + 16}">${escapeHtml(days[0]?.day)}</text>`;
    s += `<text x="${w - 80}" y="${h + 16}">${escapeHtml(days.at(-1)?.day)}</text>`;
  }
  return `${s}</svg>`;
}

/** Colours of clusters (by index) in network drawings. */
const PALETTE = [
  '#c62828',
  '#1565c0',
  '#2e7d32',
  '#6a1b9a',
  '#ef6c00',
  '#00838f',
  '#4e342e',
  '#ad1457',
  '#558b2f',
  '#283593',
];

/** Positions of nodes on a w × h canvas: a seeded Fruchterman–Reingold layout, 200 rounds. */
function forceLayout(
  count: number,
  edges: ReadonlyArray<readonly [number, number]>,
  w: number,
  h: number,
): { x: Float64Array; y: Float64Array } {
  const rng = new Rng('network-layout');
  const x = Float64Array.from({ length: count }, () => rng.next() * w);
  const y = Float64Array.from({ length: count }, () => rng.next() * h);
  const k = Math.sqrt((w * h) / Math.max(1, count)) * 0.6;
  for (let round = 0, temp = w / 8; round < 200; round++, temp *= 0.98) {
    const dx = new Float64Array(count);
    const dy = new Float64Array(count);
    for (let i = 0; i < count; i++)
      for (let j = i + 1; j < count; j++) {
        const ex = (x[i] as number) - (x[j] as number);
        const ey = (y[i] as number) - (y[j] as number);
        const f = (k * k) / Math.max(0.01, ex * ex + ey * ey);
        dx[i] = (dx[i] as number) + ex * f;
        dy[i] = (dy[i] as number) + ey * f;
        dx[j] = (dx[j] as number) - ex * f;
        dy[j] = (dy[j] as number) - ey * f;
      }
    for (const [i, j] of edges) {
      const ex = (x[i] as number) - (x[j] as number);
      const ey = (y[i] as number) - (y[j] as number);
      const f = Math.max(0.1, Math.sqrt(ex * ex + ey * ey)) / k;
      dx[i] = (dx[i] as number) - ex * f;
      dy[i] = (dy[i] as number) - ey * f;
      dx[j] = (dx[j] as number) + ex * f;
      dy[j] = (dy[j] as number) + ey * f;
    }
    for (let i = 0; i < count; i++) {
      const d = Math.max(0.01, Math.hypot(dx[i] as number, dy[i] as number));
      const step = Math.min(d, temp) / d;
      x[i] = Math.min(w - 10, Math.max(10, (x[i] as number) + (dx[i] as number) * step));
      y[i] = Math.min(h - 10, Math.max(24, (y[i] as number) + (dy[i] as number) * step));
    }
  }
  // Fit the layout to the canvas.
  const fit = (v: Float64Array, lo: number, hi: number) => {
    const min = Math.min(...v);
    const span = Math.max(1e-9, Math.max(...v) - min);
    for (let i = 0; i < v.length; i++) v[i] = lo + (((v[i] as number) - min) / span) * (hi - lo);
  };
  if (count > 1) {
    fit(x, 16, w - 16);
    fit(y, 30, h - 16);
  }
  return { x, y };
}

type NetNode = { id: string; label: string; cluster: number };
type NetLink = { a: string; b: string; strength: number; signals?: readonly string[] };

/** At most `max` nodes, every cluster kept with a share of the places in proportion to its size. */
function sampleByCluster(nodes: readonly NetNode[], max: number): NetNode[] {
  if (nodes.length <= max) return [...nodes];
  const byCluster = new Map<number, NetNode[]>();
  for (const n of nodes) byCluster.set(n.cluster, [...(byCluster.get(n.cluster) ?? []), n]);
  return [...byCluster.values()].flatMap((list) =>
    list.slice(0, Math.max(1, Math.floor((list.length * max) / nodes.length))),
  );
}

const f1 = (v: number | undefined) => (v as number).toFixed(1);

/**
 * The network of a set of accounts: a seeded force layout of at most `maxNodes` nodes, coloured by
 * cluster; links drawn by strength.
 */
export function networkSvg(
  nodes: readonly NetNode[],
  links: readonly NetLink[],
  caption: string,
  maxNodes = 300,
): string {
  return operationNetworkSvg(nodes, links, [], [], caption, maxNodes, false);
}

/**
 * An operation as one picture: its accounts (at most `maxNodes`, every cluster kept) coloured by
 * cluster, the links beyond chance coloured by their first signal (registry colours), dashed lines
 * between clusters that characterization linked, and a legend of clusters, signals and line kinds.
 */
export function operationNetworkSvg(
  nodes: readonly NetNode[],
  links: readonly NetLink[],
  clusters: ReadonlyArray<{
    cluster: number;
    label: string;
    linked: ReadonlyArray<{ cluster: number; evidence: string }>;
  }>,
  signals: ReadonlyArray<{ name: string; colour: string }>,
  caption: string,
  maxNodes = 300,
  legend = true,
): string {
  const w = 640;
  const h = 480;
  const shown = sampleByCluster(nodes, maxNodes);
  const index = new Map(shown.map((n, i) => [n.id, i]));
  const edges = links.filter((l) => index.has(l.a) && index.has(l.b));
  const { x, y } = forceLayout(
    shown.length,
    edges.map((e) => [index.get(e.a) as number, index.get(e.b) as number] as const),
    w,
    h,
  );
  const ids = [...new Set(shown.map((n) => n.cluster))].sort((a, b) => a - b);
  const colour = (c: number) => PALETTE[ids.indexOf(c) % PALETTE.length] as string;
  const signalColour = (e: NetLink) =>
    signals.find((s) => e.signals?.includes(s.name))?.colour ?? '#90a4ae';
  const used = signals.filter((s) => edges.some((e) => e.signals?.includes(s.name)));
  const legendRows = legend ? Math.ceil(ids.length / 2) + Math.ceil(used.length / 2) + 1 : 0;
  let s = `<svg xmlns="http://www.w3.org/2000/svg" class="chart network" width="${w}" height="${h + legendRows * 16 + (legend ? 8 : 0)}" role="img" aria-label="${escapeHtml(caption)}" ${FONT} font-size="11">`;
  s += `<text x="10" y="14">${escapeHtml(caption)}${nodes.length > shown.length ? ` (${shown.length} of ${nodes.length} accounts drawn)` : ''}</text>`;
  for (const e of edges) {
    const i = index.get(e.a) as number;
    const j = index.get(e.b) as number;
    s += `<line class="link" x1="${f1(x[i])}" y1="${f1(y[i])}" x2="${f1(x[j])}" y2="${f1(y[j])}" stroke="${signalColour(e)}" stroke-opacity="${Math.min(0.8, 0.15 + e.strength / 60).toFixed(2)}" stroke-width="0.7"/>`;
  }
  s += clusterLinks(shown, x, y, clusters);
  shown.forEach((n, i) => {
    s += `<circle class="node" cx="${f1(x[i])}" cy="${f1(y[i])}" r="4" fill="${colour(n.cluster)}"><title>${escapeHtml(n.label)} (cluster ${n.cluster})</title></circle>`;
  });
  if (legend) {
    const label = (c: number) => clusters.find((k) => k.cluster === c)?.label ?? `cluster-${c}`;
    const entries = [
      ...ids.map((c) => ({ kind: 'dot', colour: colour(c), text: label(c) })),
      ...used.map((u) => ({ kind: 'line', colour: u.colour, text: `link: ${u.name}` })),
    ];
    entries.forEach((en, k) => {
      const lx = 10 + (k % 2) * 320;
      const ly = h + 8 + Math.floor(k / 2) * 16;
      s +=
        en.kind === 'dot'
          ? `<circle class="legend" cx="${lx + 5}" cy="${ly}" r="4" fill="${en.colour}"/>`
          : `<line class="legend" x1="${lx}" y1="${ly}" x2="${lx + 12}" y2="${ly}" stroke="${en.colour}" stroke-width="2"/>`;
      s += `<text x="${lx + 16}" y="${ly + 4}">${escapeHtml(en.text)}</text>`;
    });
    const ly = h + 8 + Math.ceil(entries.length / 2) * 16;
    s += `<line class="legend" x1="10" y1="${ly}" x2="22" y2="${ly}" stroke="#212121" stroke-width="1.5" stroke-dasharray="4 3"/><text x="26" y="${ly + 4}">clusters linked by shared content, links or infrastructure</text>`;
  }
  return `${s}</svg>`;
}

/** Dashed lines between the centres of clusters characterization linked, evidence in the title. */
function clusterLinks(
  shown: readonly NetNode[],
  x: Float64Array,
  y: Float64Array,
  clusters: ReadonlyArray<{
    cluster: number;
    linked: ReadonlyArray<{ cluster: number; evidence: string }>;
  }>,
): string {
  const centre = new Map<number, { x: number; y: number; n: number }>();
  shown.forEach((n, i) => {
    const c = centre.get(n.cluster) ?? { x: 0, y: 0, n: 0 };
    centre.set(n.cluster, { x: c.x + (x[i] as number), y: c.y + (y[i] as number), n: c.n + 1 });
  });
  const at = (c: number) => {
    const v = centre.get(c);
    return v ? { x: v.x / v.n, y: v.y / v.n } : null;
  };
  let s = '';
  const drawn = new Set<string>();
  for (const k of clusters)
    for (const l of k.linked) {
      const key = [k.cluster, l.cluster].sort((a, b) => a - b).join('-');
      const a = at(k.cluster);
      const b = at(l.cluster);
      if (!a || !b || drawn.has(key)) continue;
      drawn.add(key);
      s += `<line class="cluster-link" x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="#212121" stroke-width="1.5" stroke-dasharray="4 3"><title>cluster-${k.cluster} ↔ cluster-${l.cluster}: ${escapeHtml(l.evidence)}</title></line>`;
    }
  return s;
}

/** Accounts by platform and asset type, as horizontal bars. */
export function assetsSvg(
  byPlatform: Record<string, Record<string, number>>,
  caption: string,
): string {
  const rows = Object.entries(byPlatform)
    .flatMap(([p, types]) =>
      Object.entries(types).map(([t, n]) => ({ label: `${p} ${t.replace(/_/g, ' ')}`, n })),
    )
    .sort((a, b) => b.n - a.n || (a.label < b.label ? -1 : 1));
  const max = Math.max(1, ...rows.map((r) => r.n));
  const left = 170;
  const bar = 18;
  let s = `<svg xmlns="http://www.w3.org/2000/svg" class="chart assets" width="560" height="${30 + rows.length * bar}" role="img" aria-label="${escapeHtml(caption)}" ${FONT} font-size="11">`;
  s += `<text x="4" y="14">${escapeHtml(caption)}</text>`;
  rows.forEach((r, i) => {
    const y = 24 + i * bar;
    const len = ((560 - left - 50) * r.n) / max;
    s += `<text x="4" y="${y + 12}">${escapeHtml(r.label)}</text><rect class="bar" x="${left}" y="${y}" width="${len.toFixed(1)}" height="${bar - 4}" fill="#6d4c41"/><text x="${(left + len + 4).toFixed(1)}" y="${y + 12}">${r.n}</text>`;
  });
  return `${s}</svg>`;
}

/**
 * Content flow between platforms: the platforms content first appears on (left, with how many
 * pieces they seeded) joined to the platforms that carry it later (right) by bands as thick as the
 * pieces, labelled with the median lag.
 */
export function flowSvg(
  seeding: ReadonlyArray<{ platform: string; items: number }>,
  flows: ReadonlyArray<{ from: string; to: string; items: number; medianLagMinutes: number }>,
  caption: string,
): string {
  const left = seeding.map((s) => s.platform);
  const right = [...new Set(flows.map((f) => f.to))].sort(
    (a, b) => total(flows, b) - total(flows, a) || (a < b ? -1 : 1),
  );
  const row = 34;
  const top = 28;
  const height = top + Math.max(left.length, right.length) * row + 10;
  const max = Math.max(1, ...flows.map((f) => f.items));
  const yl = (p: string) => top + left.indexOf(p) * row + 12;
  const yr = (p: string) => top + right.indexOf(p) * row + 12;
  let s = `<svg xmlns="http://www.w3.org/2000/svg" class="chart flow" width="640" height="${height}" role="img" aria-label="${escapeHtml(caption)}" ${FONT} font-size="11">`;
  s += `<text x="4" y="14">${escapeHtml(caption)}</text>`;
  for (const f of flows) {
    const w = 1 + (9 * f.items) / max;
    const y0 = yl(f.from);
    const y1 = yr(f.to);
    s += `<path class="band" d="M150 ${y0} C320 ${y0} 320 ${y1} 490 ${y1}" fill="none" stroke="#c62828" stroke-opacity="0.45" stroke-width="${w.toFixed(1)}"><title>${escapeHtml(`${f.from} → ${f.to}: ${f.items} pieces, median lag ${lag(f.medianLagMinutes)}`)}</title></path>`;
    s += `<text x="320" y="${((y0 + y1) / 2 - 3).toFixed(1)}" text-anchor="middle" fill="#555">${f.items} · ${escapeHtml(lag(f.medianLagMinutes))}</text>`;
  }
  for (const p of seeding)
    s += `<text class="seed" x="146" y="${yl(p.platform) + 4}" text-anchor="end">${escapeHtml(p.platform)} (${p.items} first)</text>`;
  for (const p of right)
    s += `<text class="carrier" x="494" y="${yr(p) + 4}">${escapeHtml(p)} (${total(flows, p)})</text>`;
  return `${s}</svg>`;
}

const total = (flows: ReadonlyArray<{ to: string; items: number }>, p: string) =>
  flows.filter((f) => f.to === p).reduce((n, f) => n + f.items, 0);

/** A lag in minutes as "12 min", "3.5 h" or "2.0 days". */
export function lag(minutes: number): string {
  if (minutes < 90) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} days`;
}

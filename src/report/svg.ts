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

/**
 * The network of a set of accounts: a seeded force layout (Fruchterman–Reingold, 200 rounds) of
 * at most `maxNodes` nodes, coloured by cluster; links drawn by strength.
 */
export function networkSvg(
  nodes: ReadonlyArray<{ id: string; label: string; cluster: number }>,
  links: ReadonlyArray<{ a: string; b: string; strength: number }>,
  caption: string,
  maxNodes = 300,
): string {
  const w = 640;
  const h = 480;
  const shown = nodes.slice(0, maxNodes);
  const index = new Map(shown.map((n, i) => [n.id, i]));
  const edges = links.filter((l) => index.has(l.a) && index.has(l.b));
  const rng = new Rng('network-layout');
  const x = Float64Array.from(shown, () => rng.next() * w);
  const y = Float64Array.from(shown, () => rng.next() * h);
  const k = Math.sqrt((w * h) / Math.max(1, shown.length)) * 0.6;
  for (let round = 0, temp = w / 8; round < 200; round++, temp *= 0.98) {
    const dx = new Float64Array(shown.length);
    const dy = new Float64Array(shown.length);
    for (let i = 0; i < shown.length; i++)
      for (let j = i + 1; j < shown.length; j++) {
        const ex = (x[i] as number) - (x[j] as number);
        const ey = (y[i] as number) - (y[j] as number);
        const d2 = Math.max(0.01, ex * ex + ey * ey);
        const f = (k * k) / d2;
        dx[i] = (dx[i] as number) + ex * f;
        dy[i] = (dy[i] as number) + ey * f;
        dx[j] = (dx[j] as number) - ex * f;
        dy[j] = (dy[j] as number) - ey * f;
      }
    for (const e of edges) {
      const i = index.get(e.a) as number;
      const j = index.get(e.b) as number;
      const ex = (x[i] as number) - (x[j] as number);
      const ey = (y[i] as number) - (y[j] as number);
      const d = Math.max(0.1, Math.sqrt(ex * ex + ey * ey));
      const f = d / k;
      dx[i] = (dx[i] as number) - ex * f;
      dy[i] = (dy[i] as number) - ey * f;
      dx[j] = (dx[j] as number) + ex * f;
      dy[j] = (dy[j] as number) + ey * f;
    }
    for (let i = 0; i < shown.length; i++) {
      const d = Math.max(0.01, Math.hypot(dx[i] as number, dy[i] as number));
      x[i] = Math.min(
        w - 10,
        Math.max(10, (x[i] as number) + ((dx[i] as number) / d) * Math.min(d, temp)),
      );
      y[i] = Math.min(
        h - 10,
        Math.max(24, (y[i] as number) + ((dy[i] as number) / d) * Math.min(d, temp)),
      );
    }
  }
  // Fit the layout to the canvas.
  const fit = (v: Float64Array, lo: number, hi: number) => {
    const min = Math.min(...v);
    const span = Math.max(1e-9, Math.max(...v) - min);
    for (let i = 0; i < v.length; i++) v[i] = lo + (((v[i] as number) - min) / span) * (hi - lo);
  };
  if (shown.length > 1) {
    fit(x, 16, w - 16);
    fit(y, 30, h - 16);
  }
  const clusters = [...new Set(shown.map((n) => n.cluster))].sort((a, b) => a - b);
  const colour = (c: number) => PALETTE[clusters.indexOf(c) % PALETTE.length] as string;
  let s = `<svg xmlns="http://www.w3.org/2000/svg" class="chart network" width="${w}" height="${h}" role="img" aria-label="${escapeHtml(caption)}" ${FONT} font-size="11">`;
  s += `<text x="10" y="14">${escapeHtml(caption)}${nodes.length > shown.length ? ` (${shown.length} of ${nodes.length} accounts)` : ''}</text>`;
  for (const e of edges) {
    const i = index.get(e.a) as number;
    const j = index.get(e.b) as number;
    s += `<line class="link" x1="${(x[i] as number).toFixed(1)}" y1="${(y[i] as number).toFixed(1)}" x2="${(x[j] as number).toFixed(1)}" y2="${(y[j] as number).toFixed(1)}" stroke="#90a4ae" stroke-opacity="${Math.min(0.8, 0.15 + e.strength / 60).toFixed(2)}" stroke-width="0.7"/>`;
  }
  shown.forEach((n, i) => {
    s += `<circle class="node" cx="${(x[i] as number).toFixed(1)}" cy="${(y[i] as number).toFixed(1)}" r="4" fill="${colour(n.cluster)}"><title>${escapeHtml(n.label)} (cluster ${n.cluster})</title></circle>`;
  });
  return `${s}</svg>`;
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

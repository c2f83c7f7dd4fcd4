import { describe, expect, it } from 'vitest';

import { Rng } from '../core/index.js';
import type { LouvainInput } from './louvain-check.js';
import { louvainLabels, louvainLabelsAsync } from './louvain-check.js';

/** Three dense groups of 12 accounts (numbers 100 apart) with a few random links between them. */
function threeGroups(): LouvainInput {
  const rng = new Rng('louvain-check');
  const nodes = Array.from({ length: 36 }, (_, i) => 100 * i + 7);
  const a: number[] = [];
  const b: number[] = [];
  const w: number[] = [];
  const link = (x: number, y: number, weight: number) => {
    a.push(nodes[Math.min(x, y)]!);
    b.push(nodes[Math.max(x, y)]!);
    w.push(weight);
  };
  for (let g = 0; g < 3; g++)
    for (let i = 0; i < 12; i++)
      for (let j = i + 1; j < 12; j++) if (rng.next() < 0.8) link(12 * g + i, 12 * g + j, 5);
  for (let k = 0; k < 6; k++)
    link(Math.floor(rng.next() * 12), 12 + Math.floor(rng.next() * 24), 1);
  return {
    nodes: Int32Array.from(nodes),
    a: Int32Array.from(a),
    b: Int32Array.from(b),
    w: Float64Array.from(w),
    seed: 3,
    resolution: 1,
  };
}

describe('louvainLabels', () => {
  it('finds the three groups', () => {
    const labels = louvainLabels(threeGroups());
    for (let g = 0; g < 3; g++) {
      const group = new Set(labels.slice(12 * g, 12 * g + 12));
      expect(group.size).toBe(1);
    }
    expect(new Set(labels).size).toBe(3);
  });

  it('gives the same labels on a worker thread as inline', async () => {
    const g = threeGroups();
    const inline = louvainLabels(g);
    const onWorker = await louvainLabelsAsync(threeGroups(), 0);
    expect(Array.from(onWorker)).toEqual(Array.from(inline));
  });

  it('stops its worker when the caller aborts (a failing detect), and not once it has answered', async () => {
    const stop = new AbortController();
    const pending = louvainLabelsAsync(threeGroups(), 0, stop.signal);
    stop.abort();
    await expect(pending).rejects.toThrow('louvain worker stopped');
    const late = new AbortController();
    const answered = await louvainLabelsAsync(threeGroups(), 0, late.signal);
    late.abort();
    expect(Array.from(answered)).toEqual(Array.from(louvainLabels(threeGroups())));
  });
});

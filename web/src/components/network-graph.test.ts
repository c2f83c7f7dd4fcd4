// networkGraph: the accounts and links a network view draws, as a graphology graph laid out by
// ForceAtlas2 from seeded positions: the same data gives the same picture.
import { describe, expect, it } from 'vitest';

import { clusterColour, NO_SIGNAL } from './colours';
import type { NetEdge, NetNode } from './network-graph';
import { networkGraph, nodeKey, startPosition, unit } from './network-graph';

const node = (accountId: string, cluster: number): NetNode => ({
  platform: 'x',
  accountId,
  label: `@${accountId}`,
  cluster,
  size: 5,
});
const edge = (a: string, b: string, strength: number, signals = ['co-share:url']): NetEdge => ({
  platform_a: 'x',
  account_a: a,
  platform_b: 'x',
  account_b: b,
  strength,
  signals,
});
const grey = { colourBy: 'cluster' as const, signalColour: () => '#123456' };

describe('unit(s) and startPosition(key, index, count)', () => {
  it('gives each string the same number in [0, 1), different strings different ones', () => {
    expect(unit('x:1')).toBe(unit('x:1'));
    expect(unit('x:1')).not.toBe(unit('x:2'));
    for (const s of ['', 'a', 'x:123', '#r']) {
      expect(unit(s)).toBeGreaterThanOrEqual(0);
      expect(unit(s)).toBeLessThan(1);
    }
  });

  it('starts a cluster member within 1.5 of its centre on a circle of radius 8', () => {
    const p = startPosition('x:1', 1, 4);
    expect(Math.hypot(p.x - 0, p.y - 8)).toBeLessThan(1.5);
    // One cluster: its centre is the origin.
    expect(Math.hypot(startPosition('x:1', 0, 1).x, startPosition('x:1', 0, 1).y)).toBeLessThan(
      1.5,
    );
  });

  it('starts an account outside the clusters further out, between 1 and 3 from the origin', () => {
    const r = Math.hypot(
      startPosition('x:9', undefined, 3).x,
      startPosition('x:9', undefined, 3).y,
    );
    expect(r).toBeGreaterThanOrEqual(1);
    expect(r).toBeLessThan(3);
  });
});

describe('networkGraph(nodes, edges, clusters, colours)', () => {
  it('keeps one node per account, and leaves out self links, repeats and links to accounts not drawn', () => {
    const graph = networkGraph(
      [node('1', 0), node('2', 0), node('1', 0), node('3', -1)],
      [
        edge('1', '2', 10),
        edge('2', '1', 99),
        edge('1', '1', 5),
        edge('1', '4', 5),
        edge('2', '3', 50),
      ],
      [0],
      grey,
    );
    expect(graph.nodes()).toEqual([nodeKey('x', '1'), 'x:2', 'x:3']);
    expect(graph.size).toBe(2);
    expect(graph.getEdgeAttribute(graph.edge('x:1', 'x:2'), 'size')).toBeCloseTo(0.9);
    // Link width grows with strength up to 3 pixels.
    expect(graph.getEdgeAttribute(graph.edge('x:2', 'x:3'), 'size')).toBe(2.9);
    expect(networkGraph([node('1', 0), node('2', 0)], [edge('1', '2', 500)], [0], grey).size).toBe(
      1,
    );
    expect(
      networkGraph([node('1', 0), node('2', 0)], [edge('1', '2', 500)], [0], grey).getEdgeAttribute(
        'x:1',
        'x:2',
        'size',
      ),
    ).toBe(3);
  });

  it('colours nodes by cluster, and links grey or by their strongest signal', () => {
    const nodes = [node('1', 2), node('2', -1)];
    const byCluster = networkGraph(nodes, [edge('1', '2', 1)], [2], grey);
    expect(byCluster.getNodeAttributes('x:1')).toMatchObject({
      label: '@1',
      size: 5,
      color: clusterColour(2),
    });
    expect(byCluster.getNodeAttribute('x:2', 'color')).toBe(clusterColour(-1));
    expect(byCluster.getEdgeAttribute('x:1', 'x:2', 'color')).toBe(NO_SIGNAL);
    const asked: Array<string | undefined> = [];
    const bySignal = networkGraph(nodes, [edge('1', '2', 1, ['co-reply', 'co-share:url'])], [2], {
      colourBy: 'signal',
      signalColour: (s) => {
        asked.push(s);
        return '#ff0000';
      },
    });
    expect(bySignal.getEdgeAttribute('x:1', 'x:2', 'color')).toBe('#ff0000');
    expect(asked).toEqual(['co-reply']);
  });

  it('lays the same data out the same way each time, and separates two clusters', () => {
    const nodes = ['1', '2', '3', '4', '5', '6'].map((id) => node(id, Number(id) <= 3 ? 0 : 1));
    const edges = [edge('1', '2', 5), edge('2', '3', 5), edge('4', '5', 5), edge('5', '6', 5)];
    const positions = () =>
      networkGraph(nodes, edges, [0, 1], grey)
        .mapNodes((key, a) => [key, a.x, a.y])
        .flat();
    const first = positions();
    expect(positions()).toEqual(first);
    const graph = networkGraph(nodes, edges, [0, 1], grey);
    const centre = (ids: string[]) =>
      ids
        .map((id) => graph.getNodeAttributes(`x:${id}`))
        .reduce((c, a) => ({ x: c.x + a.x / ids.length, y: c.y + a.y / ids.length }), {
          x: 0,
          y: 0,
        });
    const [a, b] = [centre(['1', '2', '3']), centre(['4', '5', '6'])];
    const spread = (ids: string[], c: { x: number; y: number }) =>
      Math.max(
        ...ids.map((id) =>
          Math.hypot(
            graph.getNodeAttribute(`x:${id}`, 'x') - c.x,
            graph.getNodeAttribute(`x:${id}`, 'y') - c.y,
          ),
        ),
      );
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(spread(['1', '2', '3'], a));
  });

  it('draws a single account where it starts (nothing to lay out)', () => {
    const graph = networkGraph([node('1', 0)], [], [0], grey);
    expect(graph.getNodeAttributes('x:1')).toMatchObject(startPosition('x:1', 0, 1));
  });
});

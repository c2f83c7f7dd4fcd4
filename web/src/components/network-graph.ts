// The graph a network drawing shows: accounts as nodes coloured by cluster, links by signal or grey,
// placed from seeded starting positions and laid out by ForceAtlas2, so the same data gives the
// same picture.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

import { clusterColour, NO_SIGNAL } from './colours';

/** An account in the drawing. */
export interface NetNode {
  readonly platform: string;
  readonly accountId: string;
  readonly label: string;
  /** Its cluster (−1: none). */
  readonly cluster: number;
  /** Radius in pixels at zoom 1. */
  readonly size: number;
}

/** A link in the drawing. */
export interface NetEdge {
  readonly platform_a: string;
  readonly account_a: string;
  readonly platform_b: string;
  readonly account_b: string;
  readonly strength: number;
  readonly signals: readonly string[];
}

/** What the nodes and links are coloured by. */
export type ColourBy = 'cluster' | 'signal';

/** A drawn account: where it is, its radius, label and colour. */
export interface NodeLook {
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly label: string;
  readonly color: string;
}

/** A drawn link: its width in pixels and colour. */
export interface EdgeLook {
  readonly size: number;
  readonly color: string;
}

/** The graph a network view draws. */
export type NetGraph = Graph<NodeLook, EdgeLook>;

/** How the links are coloured. */
export interface GraphColours {
  readonly colourBy: ColourBy;
  /** The colour of a signal's links (from the registry). */
  readonly signalColour: (signal: string | undefined) => string;
}

/** The graph's key of an account: "platform:accountId". */
export const nodeKey = (platform: string, accountId: string) => `${platform}:${accountId}`;

/** A number in [0, 1) from a string (FNV-1a): seeded starting positions. */
export function unit(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}

/**
 * Where a node starts: near the centre of its cluster (`index` of `count` centres around a circle
 * of radius 8; the origin when there is one), or further out when it is in none of them
 * (`index` undefined); its angle and distance come from its key.
 */
export function startPosition(key: string, index: number | undefined, count: number) {
  const [cx, cy] =
    index === undefined || count === 1
      ? [0, 0]
      : [8 * Math.cos((2 * Math.PI * index) / count), 8 * Math.sin((2 * Math.PI * index) / count)];
  const angle = 2 * Math.PI * unit(key);
  const r = (index === undefined ? 2 : 1) * (0.5 + unit(`${key}#r`));
  return { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) };
}

/**
 * The nodes and links as an undirected graph, laid out; `clusters` lists the clusters whose
 * members start near each other. A repeated node, a link to itself, a link to a node not drawn
 * and a repeated link are left out.
 */
export function networkGraph(
  nodes: readonly NetNode[],
  edges: readonly NetEdge[],
  clusters: readonly number[],
  colours: GraphColours,
): NetGraph {
  const graph: NetGraph = new Graph({ type: 'undirected' });
  const centre = new Map(clusters.map((c, i) => [c, i]));
  for (const n of nodes) {
    const key = nodeKey(n.platform, n.accountId);
    if (graph.hasNode(key)) continue;
    graph.addNode(key, {
      ...startPosition(key, centre.get(n.cluster), clusters.length),
      size: n.size,
      label: n.label,
      color: clusterColour(n.cluster),
    });
  }
  for (const e of edges) {
    const a = nodeKey(e.platform_a, e.account_a);
    const b = nodeKey(e.platform_b, e.account_b);
    if (a === b || !graph.hasNode(a) || !graph.hasNode(b) || graph.hasEdge(a, b)) continue;
    graph.addEdge(a, b, {
      size: Math.min(3, 0.4 + e.strength / 20),
      color: colours.colourBy === 'signal' ? colours.signalColour(e.signals[0]) : NO_SIGNAL,
    });
  }
  // A fixed number of iterations, run here: the picture is the same each time, and is drawn once.
  if (graph.order > 1)
    forceAtlas2.assign(graph, {
      iterations: graph.order > 1000 ? 50 : 150,
      settings: { ...forceAtlas2.inferSettings(graph), gravity: 1, scalingRatio: 4 },
    });
  return graph;
}

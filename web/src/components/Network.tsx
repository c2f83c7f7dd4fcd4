// A network of accounts in sigma (WebGL canvas): nodes coloured by cluster, links by signal or
// grey, laid out by ForceAtlas2 from seeded positions (the same data draws the same picture). It
// takes focus: + and − zoom, the arrow keys pan, 0 resets; Enter on it says where its table is.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { useEffect, useRef } from 'react';
import Sigma from 'sigma';

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

const nodeKey = (platform: string, accountId: string) => `${platform}:${accountId}`;

/** A number in [0, 1) from a string (FNV-1a): seeded starting positions. */
function unit(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}

/**
 * The drawing; `clusters` lists the clusters whose members start near each other (one centre per
 * cluster around a circle); others start outside.
 */
export function Network(props: {
  nodes: readonly NetNode[];
  edges: readonly NetEdge[];
  clusters: readonly number[];
  colourBy: ColourBy;
  /** The colour of a signal's links (from the registry). */
  signalColour: (signal: string | undefined) => string;
  label: string;
  onOpen: (platform: string, accountId: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const sigma = useRef<Sigma | null>(null);
  const { nodes, edges, clusters, colourBy, signalColour, onOpen } = props;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.dataset.state = 'drawing';
    const graph = new Graph({ type: 'undirected' });
    const centre = new Map(clusters.map((c, i) => [c, i]));
    for (const n of nodes) {
      const key = nodeKey(n.platform, n.accountId);
      if (graph.hasNode(key)) continue;
      const i = centre.get(n.cluster);
      const [cx, cy] =
        i === undefined || clusters.length === 1
          ? [0, 0]
          : [
              8 * Math.cos((2 * Math.PI * i) / clusters.length),
              8 * Math.sin((2 * Math.PI * i) / clusters.length),
            ];
      const angle = 2 * Math.PI * unit(key);
      const r = (i === undefined ? 2 : 1) * (0.5 + unit(`${key}#r`));
      graph.addNode(key, {
        x: cx + r * Math.cos(angle),
        y: cy + r * Math.sin(angle),
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
        color: colourBy === 'signal' ? signalColour(e.signals[0]) : NO_SIGNAL,
      });
    }
    // A fixed number of iterations, run here: the picture is the same each time, and is drawn once.
    if (graph.order > 1)
      forceAtlas2.assign(graph, {
        iterations: graph.order > 1000 ? 50 : 150,
        settings: { ...forceAtlas2.inferSettings(graph), gravity: 1, scalingRatio: 4 },
      });
    const renderer = new Sigma(graph, el, {
      renderLabels: true,
      // Labels for the larger nodes, and for all in a small network; sigma's grid keeps them
      // apart (one label per cell).
      labelRenderedSizeThreshold: graph.order <= 60 ? 0 : 6,
      labelDensity: 0.5,
      labelGridCellSize: 120,
      labelSize: 13,
      labelFont: 'Noto Sans, DejaVu Sans, sans-serif',
      zIndex: true,
    });
    sigma.current = renderer;
    renderer.on('afterRender', () => {
      el.dataset.state = 'drawn';
    });
    renderer.on('clickNode', ({ node }) => {
      const [platform, ...rest] = node.split(':');
      onOpen(platform as string, rest.join(':'));
    });
    renderer.refresh();
    return () => {
      sigma.current = null;
      renderer.kill();
    };
  }, [nodes, edges, clusters, colourBy, signalColour, onOpen]);
  const onKey = (e: React.KeyboardEvent) => {
    const camera = sigma.current?.getCamera();
    if (!camera) return;
    const step = 0.1 * camera.ratio;
    const s = camera.getState();
    const moves: Record<string, () => void> = {
      '+': () => void camera.animatedZoom({ duration: 150 }),
      '=': () => void camera.animatedZoom({ duration: 150 }),
      '-': () => void camera.animatedUnzoom({ duration: 150 }),
      '0': () => void camera.animatedReset({ duration: 150 }),
      ArrowLeft: () => camera.setState({ ...s, x: s.x - step }),
      ArrowRight: () => camera.setState({ ...s, x: s.x + step }),
      ArrowUp: () => camera.setState({ ...s, y: s.y + step }),
      ArrowDown: () => camera.setState({ ...s, y: s.y - step }),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      move();
    }
  };
  return (
    <div
      ref={box}
      className="network"
      data-testid="network"
      role="img"
      tabIndex={0}
      aria-label={`${props.label}. Keys: plus and minus zoom, arrows pan, 0 resets. The links are listed in the table below.`}
      onKeyDown={onKey}
    />
  );
}

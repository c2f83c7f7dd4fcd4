// The network of a cluster in sigma (WebGL canvas); ForceAtlas2 runs in a web worker, off the main thread.
import Graph from 'graphology';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import { useEffect, useRef } from 'react';
import Sigma from 'sigma';

import type { Edge, Member } from './api';

const PALETTE = ['#c62828', '#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00'];

/** A link from the cluster to an account outside it, with both ends' clusters (−1: none). */
export interface NeighbourEdge extends Edge {
  cluster_a: number;
  cluster_b: number;
}

const SIGNAL_COLOURS: Record<string, string> = {
  'co-share:post': '#c62828',
  'co-share:url': '#1565c0',
  'co-share:domain': '#64b5f6',
  'co-share:hashtag': '#ef6c00',
  'co-share:text': '#6a1b9a',
  'co-share:rare': '#ad1457',
  'co-share:media': '#00838f',
  'near-duplicate-text': '#ab47bc',
  'co-reply': '#2e7d32',
  'shared-infrastructure': '#4e342e',
};

export function Network(props: {
  cluster: number;
  members: Member[];
  edges: Edge[];
  neighbourhood: NeighbourEdge[];
  colourBy: 'cluster' | 'signal';
  onOpen: (platform: string, accountId: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const graph = new Graph({ type: 'undirected' });
    const clusterColour = (c: number) =>
      c < 0 ? '#9e9e9e' : (PALETTE[c % PALETTE.length] as string);
    const add = (
      platform: string,
      accountId: string,
      label: string,
      cluster: number,
      size: number,
    ) => {
      const key = `${platform}:${accountId}`;
      if (graph.hasNode(key)) return;
      const angle = 2 * Math.PI * Math.random();
      graph.addNode(key, {
        x: Math.cos(angle) * (cluster === props.cluster ? 1 : 2),
        y: Math.sin(angle) * (cluster === props.cluster ? 1 : 2),
        size,
        label,
        color:
          props.colourBy === 'cluster'
            ? clusterColour(cluster)
            : cluster === props.cluster
              ? '#546e7a'
              : '#cfd8dc',
        platform,
        accountId,
      });
    };
    for (const m of props.members)
      add(
        m.platform,
        m.account_id,
        `${m.platform} ${m.handle ?? m.account_id}`,
        props.cluster,
        4 + 6 * m.score,
      );
    for (const e of props.neighbourhood) {
      add(e.platform_a, e.account_a, `${e.platform_a} ${e.account_a}`, e.cluster_a, 3);
      add(e.platform_b, e.account_b, `${e.platform_b} ${e.account_b}`, e.cluster_b, 3);
    }
    for (const e of [...props.edges, ...props.neighbourhood]) {
      const a = `${e.platform_a}:${e.account_a}`;
      const b = `${e.platform_b}:${e.account_b}`;
      const signal = e.signals[0] ?? '';
      if (graph.hasNode(a) && graph.hasNode(b) && !graph.hasEdge(a, b))
        graph.addEdge(a, b, {
          size: Math.min(3, 0.3 + e.strength / 20),
          color: props.colourBy === 'signal' ? (SIGNAL_COLOURS[signal] ?? '#b0bec5') : '#b0bec5',
        });
    }
    const renderer = new Sigma(graph, box.current, {
      renderLabels: true,
      labelRenderedSizeThreshold: 8,
    });
    const layout = new FA2Layout(graph, { settings: { gravity: 1, scalingRatio: 4 } });
    layout.start();
    const stop = setTimeout(() => layout.stop(), 3000);
    renderer.on('clickNode', ({ node }) => {
      const [platform, ...rest] = node.split(':');
      props.onOpen(platform as string, rest.join(':'));
    });
    return () => {
      clearTimeout(stop);
      layout.kill();
      renderer.kill();
    };
  }, [props.cluster, props.members, props.edges, props.neighbourhood, props.colourBy]);
  return (
    <div
      ref={box}
      className="network"
      data-testid="network"
      style={{ height: 520, border: '1px solid #ddd' }}
    />
  );
}

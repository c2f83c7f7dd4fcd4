// The network of a cluster in sigma (WebGL canvas); ForceAtlas2 runs in a web worker, off the main thread.
import Graph from 'graphology';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import { useEffect, useRef } from 'react';
import Sigma from 'sigma';

import type { Edge, Member } from './api';

const PALETTE = ['#c62828', '#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00'];

export function Network(props: { members: Member[]; edges: Edge[]; onOpen: (m: Member) => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const graph = new Graph({ type: 'undirected' });
    const byKey = new Map(props.members.map((m) => [`${m.platform}:${m.account_id}`, m]));
    props.members.forEach((m, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, props.members.length);
      graph.addNode(`${m.platform}:${m.account_id}`, {
        x: Math.cos(angle),
        y: Math.sin(angle),
        size: 4 + 6 * m.score,
        label: `${m.platform} ${m.handle ?? m.account_id}`,
        color: PALETTE[Math.abs(hash(m.platform)) % PALETTE.length],
      });
    });
    for (const e of props.edges) {
      const a = `${e.platform_a}:${e.account_a}`;
      const b = `${e.platform_b}:${e.account_b}`;
      if (graph.hasNode(a) && graph.hasNode(b) && !graph.hasEdge(a, b))
        graph.addEdge(a, b, { size: Math.min(3, 0.3 + e.strength / 20), color: '#b0bec5' });
    }
    const renderer = new Sigma(graph, box.current, {
      renderLabels: true,
      labelRenderedSizeThreshold: 8,
    });
    const layout = new FA2Layout(graph, { settings: { gravity: 1, scalingRatio: 4 } });
    layout.start();
    const stop = setTimeout(() => layout.stop(), 3000);
    renderer.on('clickNode', ({ node }) => {
      const m = byKey.get(node);
      if (m) props.onOpen(m);
    });
    return () => {
      clearTimeout(stop);
      layout.kill();
      renderer.kill();
    };
  }, [props.members, props.edges]);
  return (
    <div
      ref={box}
      className="network"
      data-testid="network"
      style={{ height: 520, border: '1px solid #ddd' }}
    />
  );
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

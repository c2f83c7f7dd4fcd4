// A network of accounts in sigma (WebGL canvas): nodes coloured by cluster, links by signal or
// grey, laid out by ForceAtlas2 from seeded positions (the same data draws the same picture). It
// takes focus: + and − zoom, the arrow keys pan, 0 resets; Enter on it says where its table is.
import { useEffect, useRef } from 'react';
import Sigma from 'sigma';

import { cameraMove } from './camera-keys';
import type { ColourBy, EdgeLook, NetEdge, NetGraph, NetNode, NodeLook } from './network-graph';
import { networkGraph } from './network-graph';

export type { ColourBy, NetEdge, NetNode } from './network-graph';

/**
 * A sigma renderer of `graph` in `el`: it marks `el` drawn (data-state) after each render, and a
 * click on a node opens that account.
 */
function drawNetwork(
  el: HTMLElement,
  graph: NetGraph,
  onOpen: (platform: string, accountId: string) => void,
): Sigma<NodeLook, EdgeLook> {
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
  renderer.on('afterRender', () => {
    el.dataset.state = 'drawn';
  });
  renderer.on('clickNode', ({ node }) => {
    const [platform, ...rest] = node.split(':');
    onOpen(platform as string, rest.join(':'));
  });
  return renderer;
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
  const sigma = useRef<Sigma<NodeLook, EdgeLook> | null>(null);
  const { nodes, edges, clusters, colourBy, signalColour, onOpen } = props;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.dataset.state = 'drawing';
    const renderer = drawNetwork(
      el,
      networkGraph(nodes, edges, clusters, { colourBy, signalColour }),
      onOpen,
    );
    sigma.current = renderer;
    renderer.refresh();
    return () => {
      sigma.current = null;
      renderer.kill();
    };
  }, [nodes, edges, clusters, colourBy, signalColour, onOpen]);
  const onKey = (e: React.KeyboardEvent) => {
    const camera = sigma.current?.getCamera();
    const move = camera && cameraMove(camera, e.key);
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

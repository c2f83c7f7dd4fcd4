// A network drawing with what makes it readable: the colour choice, the legend, and its links as
// a table (the text alternative).
import { useId, useMemo, useState } from 'react';

import { openAccount } from '../api';
import { useSignals } from '../hooks/useSignals';
import type { ColourBy, NetEdge, NetNode } from './Network';
import { Network } from './Network';
import { NetworkLegend } from './NetworkLegend';
import type { TableEdge } from './NetworkTable';
import { NetworkTable } from './NetworkTable';

/** The drawing of `nodes` and `edges`; `clusters`: the clusters it is about (their own colours). */
export function NetworkView(props: {
  nodes: readonly NetNode[];
  edges: ReadonlyArray<NetEdge & TableEdge>;
  clusters: readonly number[];
  label: string;
}) {
  const id = useId();
  const [colourBy, setColourBy] = useState<ColourBy>('cluster');
  const registry = useSignals();
  const { nodes, edges, clusters } = props;
  const shown = useMemo(() => {
    const drawn = new Set(clusters);
    for (const n of nodes) drawn.add(n.cluster);
    return [...drawn].filter((c) => c >= 0).sort((a, b) => a - b);
  }, [nodes, clusters]);
  const signals = useMemo(
    () => [...new Set(edges.map((e) => e.signals[0]).filter((s): s is string => !!s))].sort(),
    [edges],
  );
  const names = useMemo(
    () => new Map(nodes.map((n) => [`${n.platform}:${n.accountId}`, n.label])),
    [nodes],
  );
  return (
    <section className="network-view" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Network</h2>
      <p>
        <label htmlFor={`${id}-colour`}>colour links by </label>
        <select
          id={`${id}-colour`}
          value={colourBy}
          onChange={(e) => setColourBy(e.target.value as ColourBy)}
          data-testid="colour-by"
        >
          <option value="cluster">none (grey)</option>
          <option value="signal">strongest signal</option>
        </select>{' '}
        <span className="muted">
          {nodes.length} accounts, {edges.length} significant links; click an account to open it
        </span>
      </p>
      <div className="network-box">
        <Network
          nodes={nodes}
          edges={edges}
          clusters={clusters}
          colourBy={colourBy}
          signalColour={registry.colour}
          label={props.label}
          onOpen={openAccount}
        />
        <NetworkLegend
          clusters={shown}
          outside={nodes.some((n) => n.cluster < 0)}
          signals={signals}
          colourBy={colourBy}
          registry={registry}
        />
      </div>
      <NetworkTable edges={edges} names={names} caption="Links in the drawing as a table" />
    </section>
  );
}

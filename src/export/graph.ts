// GEXF 1.3 and GraphML writers that stream nodes and edges to a file: a million edges never
// become one string or one array.
import { createWriteStream } from 'node:fs';

import type { Progress } from '../core/index.js';
import { escapeXml } from '../core/index.js';
import type { Store } from '../store/index.js';
import { scalar, streamRows } from '../store/index.js';
import type { GraphQueries } from './graph.sql.js';
import { dropGraphTables, graphQueries } from './graph.sql.js';

/** Which edges a graph export holds: significant links (default) or every raw signal edge. */
export type GraphEdges = 'significant' | 'all';

/** Writes the case's graph as GEXF or GraphML; returns node and edge counts. */
export async function writeGraph(
  store: Store,
  format: 'gexf' | 'graphml',
  path: string,
  edges: GraphEdges,
  progress: Progress,
): Promise<{ nodes: number; edges: number }> {
  try {
    return await writeGraphFile(
      store,
      format,
      path,
      edges,
      await graphQueries(store, edges),
      progress,
    );
  } finally {
    await dropGraphTables(store);
  }
}

async function writeGraphFile(
  store: Store,
  format: 'gexf' | 'graphml',
  path: string,
  edges: GraphEdges,
  q: GraphQueries,
  progress: Progress,
): Promise<{ nodes: number; edges: number }> {
  const total = await scalar(store, q.edgeCount);
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  if (format === 'gexf')
    await write(`<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <meta><creator>unmask</creator><description>${edges === 'significant' ? 'account pairs linked beyond chance' : 'raw signal edges'}</description></meta>
  <graph defaultedgetype="undirected" mode="static">
    <attributes class="node">
      <attribute id="platform" title="platform" type="string"/>
      <attribute id="cluster" title="cluster" type="integer"/>
      <attribute id="score" title="score" type="double"/>
      <attribute id="asset_type" title="asset_type" type="string"/>
    </attributes>
    <attributes class="edge">
      <attribute id="signals" title="signals" type="string"/>
    </attributes>
    <nodes>
`);
  else
    await write(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="platform" for="node" attr.name="platform" attr.type="string"/>
  <key id="cluster" for="node" attr.name="cluster" attr.type="int"/>
  <key id="score" for="node" attr.name="score" attr.type="double"/>
  <key id="asset_type" for="node" attr.name="asset_type" attr.type="string"/>
  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
  <key id="signals" for="edge" attr.name="signals" attr.type="string"/>
  <graph id="unmask" edgedefault="undirected">
`);
  let nodes = 0;
  for await (const chunk of streamRows(store, q.nodes)) {
    let s = '';
    for (const [id, label, platform, cluster, score, asset] of chunk) {
      const num = Math.round(Number(score) * 10000) / 10000;
      s +=
        format === 'gexf'
          ? `      <node id="${escapeXml(id)}" label="${escapeXml(label)}"><attvalues><attvalue for="platform" value="${escapeXml(platform)}"/><attvalue for="cluster" value="${Number(cluster)}"/><attvalue for="score" value="${num}"/><attvalue for="asset_type" value="${escapeXml(asset)}"/></attvalues></node>\n`
          : `    <node id="${escapeXml(id)}"><data key="label">${escapeXml(label)}</data><data key="platform">${escapeXml(platform)}</data><data key="cluster">${Number(cluster)}</data><data key="score">${num}</data><data key="asset_type">${escapeXml(asset)}</data></node>\n`;
      nodes++;
    }
    await write(s);
  }
  if (format === 'gexf') await write('    </nodes>\n    <edges>\n');
  progress.start(`export ${format}`, total);
  let n = 0;
  for await (const chunk of streamRows(store, q.edges)) {
    let s = '';
    for (const [a, b, weight, signals] of chunk) {
      const w = Math.round(Number(weight) * 1000) / 1000;
      s +=
        format === 'gexf'
          ? `      <edge id="${n}" source="${escapeXml(a)}" target="${escapeXml(b)}" weight="${w}"><attvalues><attvalue for="signals" value="${escapeXml(signals)}"/></attvalues></edge>\n`
          : `    <edge source="${escapeXml(a)}" target="${escapeXml(b)}"><data key="weight">${w}</data><data key="signals">${escapeXml(signals)}</data></edge>\n`;
      n++;
    }
    await write(s);
    progress.update(n, `${n.toLocaleString('en')} edges`);
  }
  progress.stop();
  await write(
    format === 'gexf' ? '    </edges>\n  </graph>\n</gexf>\n' : '  </graph>\n</graphml>\n',
  );
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
  return { nodes, edges: n };
}

// The clustering's cross-check: graphology's Louvain on the significant graph, with the same seed,
// on a worker thread past WORKER_PAIRS pairs so that it runs while detect writes its tables.
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';

import { Rng, workerAnswer } from '../core/index.js';

/** The significant graph as the cross-check reads it. */
export interface LouvainInput {
  /** Account numbers of the graph's nodes, in the order nodes are added. */
  readonly nodes: Int32Array;
  /** Each pair's accounts (account numbers) and weight, in the order edges are added. */
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly w: Float64Array;
  readonly seed: number;
  readonly resolution: number;
}

// The package is CommonJS: at run time the default import is the function; its typings say `.default`.
const louvain: typeof louvainModule.default =
  typeof louvainModule === 'function' ? louvainModule : louvainModule.default;

/** Louvain's community of each node (in `nodes` order). */
export function louvainLabels(g: LouvainInput): Int32Array {
  const graph = new UndirectedGraph();
  for (const a of g.nodes) graph.addNode(String(a));
  for (let i = 0; i < g.a.length; i++)
    graph.addEdge(String(g.a[i]), String(g.b[i]), { weight: g.w[i] });
  const rng = new Rng(`louvain:${g.seed}`);
  const lv = louvain(graph, {
    resolution: g.resolution,
    rng: () => rng.next(),
    getEdgeWeight: 'weight',
  });
  return Int32Array.from(g.nodes, (a) => lv[String(a)] as number);
}

/** Pairs from which {@link louvainLabelsAsync} runs on a worker thread. */
export const WORKER_PAIRS = 200_000;

/**
 * {@link louvainLabels}, on a worker thread from `workerPairs` pairs (building graphology's graph
 * of 1M pairs takes seconds). The promise is handled, so a failure while the caller goes on is
 * not unhandled; awaiting it still throws. Aborting `signal` stops the worker.
 */
export function louvainLabelsAsync(
  g: LouvainInput,
  workerPairs = WORKER_PAIRS,
  signal?: AbortSignal,
): Promise<Int32Array> {
  if (g.a.length < workerPairs) return Promise.resolve(louvainLabels(g));
  return workerAnswer<Int32Array>(import.meta.url, 'louvain-worker', g, 'louvain worker', signal);
}

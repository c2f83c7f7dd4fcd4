// An operation: all its clusters drawn together, with the links between them, and their decisions.
import { useMemo } from 'react';

import type { OperationDetail } from '../../../src/server/api-types';
import { NetworkView } from '../components/NetworkView';
import { ReviewBadge } from '../components/ReviewBadge';
import { TableScroll } from '../components/TableScroll';
import { formatP } from '../format';
import { useLoad } from '../hooks/useLoad';
import { clusterNodes } from './ClusterPage';

/** The operation page. */
export function OperationPage(props: { name: string }) {
  const { data, error } = useLoad<OperationDetail>(
    `/api/operations/${encodeURIComponent(props.name)}`,
  );
  const nodes = useMemo(() => (data ? clusterNodes(data.members, null, []) : []), [data]);
  const edges = useMemo(() => {
    if (!data) return [];
    const of = new Map(data.members.map((m) => [`${m.platform}:${m.account_id}`, m.cluster]));
    return [
      ...data.edges.map((e) => ({
        ...e,
        cluster_a: of.get(`${e.platform_a}:${e.account_a}`) ?? -1,
        cluster_b: of.get(`${e.platform_b}:${e.account_b}`) ?? -1,
      })),
      ...data.between,
    ];
  }, [data]);
  const clusters = useMemo(() => (data ? data.clusters.map((c) => c.id) : []), [data]);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>Loading…</p>;
  return (
    <>
      <h1>Operation {data.name}</h1>
      <p>
        {data.clusters.length} cluster{data.clusters.length === 1 ? '' : 's'},{' '}
        {data.clusters.reduce((n, c) => n + c.size, 0)} accounts, {data.between.length} links
        between its clusters.
      </p>
      <TableScroll label="clusters of the operation">
        <table data-testid="operation-clusters">
          <thead>
            <tr>
              <th scope="col">cluster</th>
              <th scope="col">review</th>
              <th scope="col">accounts</th>
              <th scope="col">score</th>
              <th scope="col">p</th>
              <th scope="col">flagged</th>
            </tr>
          </thead>
          <tbody>
            {data.clusters.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`#/clusters/${c.id}`}>#{c.id}</a>
                </td>
                <td>
                  <ReviewBadge review={c.review} />
                </td>
                <td>{c.size}</td>
                <td>{c.score.toFixed(3)}</td>
                <td>{formatP(c.p_value).replace(/^p /, '')}</td>
                <td>{c.flagged ? 'yes' : `no (${c.category})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <NetworkView
        nodes={nodes}
        edges={edges}
        clusters={clusters}
        label={`Network of operation ${data.name}: ${data.clusters.length} clusters, ${nodes.length} accounts, ${data.between.length} links between clusters`}
      />
    </>
  );
}

// The start page: search, the operations, and the clusters (flagged first) with their decisions.
import { useId, useState } from 'react';

import type { ClusterList, ClusterRow, OperationRow } from '../../../src/server/api-types';
import { ReviewBadge } from '../components/ReviewBadge';
import { Search } from '../components/Search';
import { TableScroll } from '../components/TableScroll';
import { formatPlatforms, utcLabel } from '../format';
import { useLoad } from '../hooks/useLoad';

/** The operations, each linked, with how many accounts and clusters it holds. */
function OperationList(props: { headingId: string; items: readonly OperationRow[] }) {
  return (
    <section aria-labelledby={props.headingId}>
      <h2 id={props.headingId}>Operations</h2>
      <ul className="operations" data-testid="operations">
        {props.items.map((o) => (
          <li key={o.name}>
            <a href={`#/operations/${encodeURIComponent(o.name)}`}>{o.name}</a>{' '}
            <span className="muted">
              {o.accounts} accounts in {o.clusters.length} cluster
              {o.clusters.length === 1 ? '' : 's'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The choice of the clusters' order: by score, size or id. */
function SortChoice(props: { id: string; value: string; onChange: (sort: string) => void }) {
  return (
    <p>
      <label htmlFor={props.id}>sort by </label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="score">score</option>
        <option value="size">size</option>
        <option value="id">id</option>
      </select>
    </p>
  );
}

/** One cluster as a table row: its link, decision, operation, size, score and profile. */
function ClusterTableRow(props: { cluster: ClusterRow }) {
  const c = props.cluster;
  return (
    <tr>
      <td>
        <a href={`#/clusters/${c.id}`} data-testid={`cluster-${c.id}`}>
          #{c.id}
        </a>
      </td>
      <td>
        <ReviewBadge review={c.review} />
      </td>
      <td>
        {c.operation ? (
          <a href={`#/operations/${encodeURIComponent(c.operation)}`}>{c.operation}</a>
        ) : (
          '—'
        )}
      </td>
      <td>{c.size}</td>
      <td>{c.score.toFixed(3)}</td>
      <td>{c.flagged ? 'yes' : `no (${c.category})`}</td>
      <td>{formatPlatforms(c.platforms)}</td>
      <td>{c.clock === 'office' ? utcLabel(c.utc_offset_minutes) : (c.clock ?? '—')}</td>
      <td>{(c.disarm ?? []).join(' ')}</td>
    </tr>
  );
}

/** The clusters as a table, in the order given. */
function ClusterTable(props: { items: readonly ClusterRow[] }) {
  return (
    <TableScroll label="clusters">
      <table data-testid="cluster-list">
        <thead>
          <tr>
            <th scope="col">cluster</th>
            <th scope="col">review</th>
            <th scope="col">operation</th>
            <th scope="col">accounts</th>
            <th scope="col">score</th>
            <th scope="col">flagged</th>
            <th scope="col">platforms</th>
            <th scope="col">operator clock</th>
            <th scope="col">DISARM</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((c) => (
            <ClusterTableRow key={c.id} cluster={c} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The cluster list page. */
export function ClusterListPage() {
  const id = useId();
  const [sort, setSort] = useState('score');
  const { data, error } = useLoad<ClusterList>(`/api/clusters?limit=200&sort=${sort}`);
  const ops = useLoad<{ items: OperationRow[] }>('/api/operations').data;
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>Loading…</p>;
  return (
    <>
      <h1>Clusters ({data.total})</h1>
      <Search />
      {ops && ops.items.length > 0 && <OperationList headingId={`${id}-ops`} items={ops.items} />}
      <section aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>All clusters</h2>
        <SortChoice id={`${id}-sort`} value={sort} onChange={setSort} />
        <ClusterTable items={data.items} />
      </section>
    </>
  );
}

// A cluster: its decision and review form, its network (members and links to the outside) with
// legend and table, its operators' clock, members, tactics and copy-pasted texts.
import { useMemo, useState } from 'react';

import type { ClusterDetail, Member, Review } from '../../../src/server/api-types';
import { accountHref } from '../api';
import { Heatmap } from '../components/Heatmap';
import type { NetNode } from '../components/Network';
import { NetworkView } from '../components/NetworkView';
import { Pager } from '../components/Pager';
import { ReviewBadge } from '../components/ReviewBadge';
import { ReviewForm } from '../components/ReviewForm';
import { TableScroll } from '../components/TableScroll';
import { formatP, utcLabel } from '../format';
import { useLoad } from '../hooks/useLoad';

const MEMBER_PAGE = 200;

/**
 * A cluster's members, a page at a time (strongest first), as a table, each with its review
 * status: its own decision, or else the cluster's (`clusterReview`), marked as the cluster's.
 */
function MemberTable(props: { id: number; size: number; clusterReview: Review | null }) {
  const [offset, setOffset] = useState(0);
  const { data } = useLoad<ClusterDetail>(
    `/api/clusters/${props.id}?limit=${MEMBER_PAGE}&offset=${offset}&edges=0&neighbours=0`,
  );
  return (
    <>
      <Pager
        what="members"
        offset={offset}
        size={MEMBER_PAGE}
        total={props.size}
        onChange={setOffset}
      />
      <TableScroll label="members">
        <table data-testid="members">
          <thead>
            <tr>
              <th scope="col">account</th>
              <th scope="col">review</th>
              <th scope="col">platform</th>
              <th scope="col">type</th>
              <th scope="col">score</th>
            </tr>
          </thead>
          <tbody>
            {(data?.members ?? []).map((m) => (
              <tr key={`${m.platform}:${m.account_id}`} data-testid="member-row">
                <td>
                  <a href={accountHref(m.platform, m.account_id)} data-testid="member-link">
                    {m.handle ?? m.account_id}
                  </a>
                </td>
                <td>
                  {m.review || !props.clusterReview ? (
                    <ReviewBadge review={m.review} />
                  ) : (
                    <ReviewBadge review={props.clusterReview} inherited />
                  )}
                </td>
                <td>{m.platform}</td>
                <td>{m.asset_type}</td>
                <td>{m.score.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/** The drawing's nodes: the members, then the accounts outside the cluster it links to. */
export function clusterNodes(
  members: readonly (Member & { cluster?: number })[],
  cluster: number | null,
  outside: ReadonlyArray<{
    platform_a: string;
    account_a: string;
    platform_b: string;
    account_b: string;
    cluster_a: number;
    cluster_b: number;
  }>,
): NetNode[] {
  const nodes: NetNode[] = members.map((m) => ({
    platform: m.platform,
    accountId: m.account_id,
    label: m.handle ?? m.account_id,
    cluster: m.cluster ?? cluster ?? -1,
    size: 4 + 6 * m.score,
  }));
  const seen = new Set(nodes.map((n) => `${n.platform}:${n.accountId}`));
  for (const e of outside)
    for (const [platform, accountId, c] of [
      [e.platform_a, e.account_a, e.cluster_a],
      [e.platform_b, e.account_b, e.cluster_b],
    ] as const)
      if (!seen.has(`${platform}:${accountId}`)) {
        seen.add(`${platform}:${accountId}`);
        nodes.push({ platform, accountId, label: accountId, cluster: c, size: 3 });
      }
  return nodes;
}

/** The cluster page. */
export function ClusterPage(props: { id: number }) {
  const { data, error } = useLoad<ClusterDetail>(`/api/clusters/${props.id}?limit=200&edges=3000`);
  const [decided, setDecided] = useState<Review | null>(null);
  const nodes = useMemo(
    () => (data ? clusterNodes(data.members, data.id, data.neighbourhood) : []),
    [data],
  );
  const edges = useMemo(() => (data ? [...data.edges, ...data.neighbourhood] : []), [data]);
  const clusters = useMemo(() => (data ? [data.id] : []), [data]);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>Loading…</p>;
  const p = data.profile;
  return (
    <>
      <h1>
        Cluster #{data.id} <ReviewBadge review={decided ?? data.review} />
      </h1>
      <p>
        {data.operation && (
          <>
            part of{' '}
            <a href={`#/operations/${encodeURIComponent(data.operation)}`}>{data.operation}</a>{' '}
            ·{' '}
          </>
        )}
        {data.size} accounts · score {data.score.toFixed(3)} · {formatP(data.p_value)} ·{' '}
        {data.flagged ? 'flagged' : `not flagged (${data.category})`} · clock{' '}
        {utcLabel(p?.timezone.utcOffsetMinutes)} (daylight saving: {p?.timezone.dst ?? '—'})
      </p>
      <ReviewForm
        title="Review"
        target={`cluster:${data.id}`}
        actions={[
          { action: 'confirm-cluster', label: 'Confirm cluster', testId: 'confirm' },
          { action: 'dismiss-cluster', label: 'Dismiss cluster' },
        ]}
        testId="review"
        onDecided={setDecided}
      />
      <NetworkView
        nodes={nodes}
        edges={edges}
        clusters={clusters}
        label={`Network of cluster #${data.id}: ${data.members.length} members and ${data.neighbourhood.length} links to accounts outside it`}
      />
      {p && (
        <Heatmap
          grid={p.heatmap}
          caption={`Activity by weekday and hour, ${utcLabel(p.timezone.utcOffsetMinutes)}`}
        />
      )}
      <h2>Members</h2>
      <MemberTable id={data.id} size={data.size} clusterReview={decided ?? data.review} />
      {p && (
        <>
          <h2>Tactics</h2>
          <ul>
            {p.disarm.map((t) => (
              <li key={t.id}>
                <b>{t.id}</b> {t.name}: {t.evidence}
              </li>
            ))}
          </ul>
          <h2>Copy-pasted texts</h2>
          <ul>
            {p.samplePosts.map((s, i) => (
              <li key={i}>
                {s.text} <i>({s.accounts} accounts)</i>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

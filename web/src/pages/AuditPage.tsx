// The audit log: every decision, who made it, when and why, and whether the hash chain verifies.
import type { AuditPage as Audit } from '../../../src/server/api-types';
import { TableScroll } from '../components/TableScroll';
import { formatTime } from '../format';
import { useLoad } from '../hooks/useLoad';

/** The audit log page. */
export function AuditPage() {
  const { data, error } = useLoad<Audit>('/api/audit?limit=200');
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>Loading…</p>;
  return (
    <>
      <h1>Audit log</h1>
      <p data-testid="audit-verified">
        {data.verified.ok
          ? 'chain verified'
          : `CHAIN BROKEN: entry ${data.verified.brokenAt} was changed`}
      </p>
      <TableScroll label="audit log">
        <table data-testid="audit">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">time</th>
              <th scope="col">reviewer</th>
              <th scope="col">action</th>
              <th scope="col">target</th>
              <th scope="col">rationale</th>
              <th scope="col">hash</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td>{formatTime(e.at)}</td>
                <td>{e.reviewer}</td>
                <td>{e.action}</td>
                <td>{e.target}</td>
                <td>{e.rationale}</td>
                <td>
                  <code>{e.hash.slice(0, 12)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

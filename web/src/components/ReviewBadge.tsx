// The latest decision on a cluster or account as a badge: status, who and when (why on hover).
import type { Review } from '../../../src/server/api-types';
import { formatTime } from '../format';

/** A review badge; "not reviewed" without a decision; `inherited`: the decision is its cluster's. */
export function ReviewBadge(props: { review: Review | null; inherited?: boolean }) {
  const r = props.review;
  if (!r)
    return (
      <span className="badge" data-testid="review-none">
        not reviewed
      </span>
    );
  return (
    <span className={`badge badge-${r.status}`} title={r.rationale} data-testid="review-status">
      {props.inherited ? `cluster ${r.status}` : r.status} by {r.reviewer},{' '}
      {formatTime(r.at, false)}
    </span>
  );
}

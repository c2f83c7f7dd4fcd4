// A decision on a cluster or an account, with why, written to the audit log under the name of this
// tab's token (the server takes it from the token, not from the form).
import { useId, useState } from 'react';

import type {
  AuditEntry,
  Review,
  ReviewAction,
  ReviewRequest,
} from '../../../src/server/api-types';
import { post, reviewOf } from '../api';
import { useMe } from '../hooks/useMe';

/** The form: a rationale and one button per action; `onDecided` gets the recorded review. */
export function ReviewForm(props: {
  title: string;
  target: string;
  actions: Array<{ action: ReviewAction; label: string; testId?: string }>;
  testId?: string;
  onDecided?: (review: Review) => void;
}) {
  const me = useMe();
  const id = useId();
  const [rationale, setRationale] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = (action: ReviewAction) => {
    setBusy(true);
    post<AuditEntry>('/api/review', {
      action,
      target: props.target,
      rationale,
    } satisfies ReviewRequest)
      .then(
        (e) => {
          setDone(`${action} recorded as audit entry ${e.seq}, by ${e.reviewer}`);
          props.onDecided?.(reviewOf(e));
        },
        (e: Error) => setDone(e.message),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className="review" data-testid={props.testId} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      {me && <p>Recorded as {me}.</p>}
      <label htmlFor={`${id}-rationale`}>Rationale (why; goes into the audit log)</label>
      <textarea
        id={`${id}-rationale`}
        value={rationale}
        onChange={(e) => setRationale(e.target.value)}
        data-testid="rationale"
      />
      {props.actions.map((a) => (
        <button
          key={a.action}
          onClick={() => decide(a.action)}
          disabled={!rationale || busy}
          data-testid={a.testId}
        >
          {a.label}
        </button>
      ))}
      {done && (
        <p data-testid="review-result" role="status">
          {done}
        </p>
      )}
    </section>
  );
}

// The evidence of one link: the two accounts' posts side by side with their times and the gap
// between them (with thumbnails of their pictures), the post both replied to (or shared), or the
// infrastructure values they share.
import type { EvidencePost, EvidenceResponse } from '../../../src/server/api-types';
import { formatDuration, formatTime } from '../format';

/** The names the two columns go under. */
export interface EvidenceSides {
  readonly a: string;
  readonly b: string;
}

function Post(props: { who: string; post: EvidencePost }) {
  return (
    <div className="post">
      <p className="post-head">
        <b>{props.who}</b> ·{' '}
        <time dateTime={props.post.createdAt}>{formatTime(props.post.createdAt)}</time>
      </p>
      {props.post.images && props.post.images.length > 0 && (
        <p className="post-images" data-testid="post-images">
          {props.post.images.map((src, i) => (
            <img key={i} src={src} alt={`picture ${i + 1} of ${props.who}'s post`} />
          ))}
        </p>
      )}
      {(props.post.text !== null || !props.post.images?.length) && (
        <p className="post-text">
          {props.post.text ?? <i>(no text: a share of the post above)</i>}
        </p>
      )}
      {props.post.urls.length > 0 && <p className="muted small">{props.post.urls.join(' ')}</p>}
    </div>
  );
}

/** The evidence as it came from GET /api/evidence; `limit` pairs shown (the rest counted). */
export function EvidenceView(props: {
  evidence: EvidenceResponse;
  sides: EvidenceSides;
  signal: string;
  limit?: number;
}) {
  const { pairs, values } = props.evidence;
  const limit = props.limit ?? 5;
  if (pairs.length === 0 && values.length === 0)
    return <p className="muted">No evidence items are kept for this signal.</p>;
  return (
    <div className="evidence" data-testid="evidence">
      {values.length > 0 && (
        <table data-testid="shared-values">
          <caption>Infrastructure both accounts were seen with, rarest first</caption>
          <thead>
            <tr>
              <th scope="col">kind</th>
              <th scope="col">shared value</th>
              <th scope="col">accounts with it</th>
            </tr>
          </thead>
          <tbody>
            {values.map((v) => (
              <tr key={`${v.kind}:${v.value}`}>
                <td>{v.kind}</td>
                <td>
                  <code>{v.value}</code>
                </td>
                <td>{v.accounts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pairs.slice(0, limit).map((p, i) => (
        <div key={i} className="pair" data-testid="evidence-pair">
          {p.parent && (
            <p className="parent" data-testid="parent-post">
              {props.signal === 'co-reply' ? 'Both replied to' : 'Both shared'}{' '}
              {p.parent.handle ?? p.parent.accountId ?? 'a post not in the case'}
              {p.parent.createdAt ? `, ${formatTime(p.parent.createdAt)}` : ''}:{' '}
              <q>{p.parent.text ?? `post ${p.parent.postId}`}</q>
            </p>
          )}
          <div className="side-by-side">
            <Post who={props.sides.a} post={p.a} />
            <Post who={props.sides.b} post={p.b} />
          </div>
          <p className="gap" data-testid="gap">
            {formatDuration(p.dtSeconds)} apart
          </p>
        </div>
      ))}
      {pairs.length > limit && (
        <p className="muted">
          and {pairs.length - limit} more pair{pairs.length - limit === 1 ? '' : 's'} (
          {pairs.length >= 100 ? 'the first 100 kept' : 'all kept'})
        </p>
      )}
    </div>
  );
}

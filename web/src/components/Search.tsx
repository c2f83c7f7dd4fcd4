// Search by handle, text, URL or hashtag; results link to the accounts.
import { useId, useState } from 'react';

import type { SearchResults } from '../../../src/server/api-types';
import { accountHref, get } from '../api';
import { ReviewBadge } from './ReviewBadge';

/** The search box and its results. */
export function Search() {
  const id = useId();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('handle');
  const [items, setItems] = useState<SearchResults['items'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = () =>
    get<SearchResults>(`/api/search?kind=${kind}&q=${encodeURIComponent(q)}&limit=50`).then(
      (r) => {
        setItems(r.items);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  return (
    <section className="search" aria-label="search the case">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (q) run();
        }}
      >
        <label htmlFor={`${id}-kind`} className="visually-hidden">
          search in
        </label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="handle">handles</option>
          <option value="text">texts</option>
          <option value="url">URLs</option>
          <option value="hashtag">hashtags</option>
        </select>{' '}
        <label htmlFor={`${id}-q`} className="visually-hidden">
          search
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="search"
        />{' '}
        <button type="submit" disabled={!q}>
          Search
        </button>
      </form>
      {error && <p className="error">{error}</p>}
      {items && (
        <ul data-testid="search-results">
          {items.length === 0 && <li>nothing found</li>}
          {items.map((i, n) => (
            <li key={n}>
              <a href={accountHref(i.platform, i.account_id)}>
                {i.platform} {i.handle ?? i.account_id}
              </a>{' '}
              {i.review || !i.clusterReview ? (
                <ReviewBadge review={i.review} />
              ) : (
                <ReviewBadge review={i.clusterReview} inherited />
              )}{' '}
              {i.cluster !== null && <a href={`#/clusters/${i.cluster}`}>cluster #{i.cluster}</a>}{' '}
              {i.text ?? ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

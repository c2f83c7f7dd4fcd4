// @vitest-environment happy-dom
// SignificantLinks, an account's "why": which links show open and which fold, how they are ranked
// across pages, and which signal's evidence the strongest link opens with.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { AccountLink } from '../../../src/server/api-types';
import { firstEvidence, SignificantLinks, splitLinks } from './SignificantLinks';

afterEach(cleanup);

const link = (id: string, signals = ['co-share:url']): AccountLink => ({
  other: { platform: 'x', account_id: id, handle: `h${id}`, cluster_id: null, review: null },
  p_value: 1e-9,
  q_value: 1e-7,
  log10_p: -9,
  significant: signals,
  signals: signals.map((signal) => ({
    signal,
    observed: 5,
    expected: 0.5,
    log10_p: -9,
    weight: 5,
  })),
});
const ids = (links: readonly AccountLink[]) => links.map((l) => l.other.account_id);
const paging = (offset: number) => ({ offset, size: 20, setOffset: () => {} });
const me = { platform: 'x', account_id: '0' };

describe('firstEvidence(link)', () => {
  it('opens the strongest signal with posts to show, else the strongest, else none', () => {
    expect(
      firstEvidence(link('1', ['rhythm', 'shared-infrastructure', 'co-reply', 'co-share:url'])),
    ).toBe('co-reply');
    expect(firstEvidence(link('1', ['shared-infrastructure', 'rhythm']))).toBe(
      'shared-infrastructure',
    );
    expect(firstEvidence(link('1', []))).toBeNull();
  });
});

describe('splitLinks(links, offset)', () => {
  const page = ['1', '2', '3', '4', '5'].map((id) => link(id));
  it('shows the three strongest open on the first page and folds the rest', () => {
    const { strong, weak } = splitLinks(page, 0);
    expect(ids(strong)).toEqual(['1', '2', '3']);
    expect(ids(weak)).toEqual(['4', '5']);
    expect(ids(splitLinks(page.slice(0, 2), 0).strong)).toEqual(['1', '2']);
    expect(splitLinks(page.slice(0, 2), 0).weak).toEqual([]);
  });
  it('folds every link on a later page', () => {
    const { strong, weak } = splitLinks(page, 20);
    expect(strong).toEqual([]);
    expect(ids(weak)).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('SignificantLinks', () => {
  it('says when there is no significant link, with no cards and no pager', () => {
    render(
      <SignificantLinks headingId="why" account={me} links={[]} total={0} paging={paging(0)} />,
    );
    expect(screen.getByTestId('why').textContent).toContain('No significant link');
    expect(screen.queryAllByTestId('link-card')).toEqual([]);
    expect(screen.queryByTestId('weaker-links')).toBeNull();
    expect(screen.queryByTestId('pager-significant links')).toBeNull();
  });

  it('ranks a later page from its offset, open, with the range it shows and a pager', () => {
    render(
      <SignificantLinks
        headingId="why"
        account={me}
        links={[link('21'), link('22')]}
        total={22}
        paging={paging(20)}
      />,
    );
    expect(screen.getByTestId('why').textContent).toContain('22 significant links');
    const folded = screen.getByTestId('weaker-links');
    expect(folded.hasAttribute('open')).toBe(true);
    expect(folded.querySelector('summary')?.textContent).toBe('links 21–22');
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => [h.id, h.textContent])).toEqual([
      ['link-21', expect.stringContaining('h21')],
      ['link-22', expect.stringContaining('h22')],
    ]);
    // No evidence is asked for on a later page: every card is closed.
    for (const b of screen.getAllByRole('button', { name: 'evidence' }))
      expect(b.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByTestId('pager-significant links').textContent).toContain(
      'significant links 21–22 of 22',
    );
  });
});

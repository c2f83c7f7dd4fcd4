// @vitest-environment happy-dom
// LinkCard: the other account named and linked with its platform, cluster and decision; the
// pair's p and q; each signal's observed count against the expected one; a signal's evidence
// asked for once, however often it is opened.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { AccountLink } from '../../../src/server/api-types';
import { LinkCard } from './LinkCard';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const link: AccountLink = {
  other: {
    platform: 'x',
    account_id: '0042',
    handle: 'renrenai765334',
    cluster_id: 2,
    review: {
      status: 'excluded',
      action: 'exclude-account',
      reviewer: 'bo',
      at: '2024-05-01T09:30:00.000Z',
      seq: 3,
      rationale: 'a news outlet',
    },
  },
  p_value: 6.7e-28,
  q_value: 1.7e-25,
  log10_p: -27.17,
  significant: ['co-share:rare'],
  signals: [
    {
      signal: 'co-share:rare',
      observed: 43,
      expected: 6.2925,
      log10_p: -21.1,
      weight: 43,
    },
    {
      signal: 'co-share:url',
      observed: 3,
      expected: 1.2,
      log10_p: -1.0,
      weight: 3,
    },
  ],
};

describe('LinkCard', () => {
  it('names the other account with a link, its platform, cluster and decision, and the pair p and q', () => {
    render(
      <LinkCard
        account={{ platform: 'facebook', account_id: '1', handle: 'me' }}
        link={link}
        rank={1}
      />,
    );
    const other = screen.getByTestId('link-other');
    expect(other.textContent).toBe('renrenai765334');
    expect(other.getAttribute('href')).toBe('#/accounts/x/0042');
    const heading = screen.getByRole('heading', { level: 3 });
    expect(heading.textContent).toContain('x · cluster #2');
    expect(heading.textContent).toContain('excluded by bo');
    expect(screen.getByTestId('link-p').textContent).toMatch(/^p 6\.7e-28 · q 1\.7e-25/);
  });

  it("shows each signal's observed count beside the expected one and its p, significant ones marked", () => {
    render(<LinkCard account={{ platform: 'x', account_id: '1' }} link={link} rank={1} />);
    expect(screen.getAllByTestId('observed').map((c) => c.textContent)).toEqual(['43', '3']);
    expect(screen.getAllByTestId('expected').map((c) => c.textContent)).toEqual(['6.3', '1.2']);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]?.className).toBe('strong');
    expect(rows[1]?.className).toBe('');
    expect(rows[0]?.textContent).toContain('7.9e-22');
    // Nothing is fetched until asked: every evidence button is closed.
    for (const b of screen.getAllByRole('button', { name: 'evidence' }))
      expect(b.getAttribute('aria-expanded')).toBe('false');
  });

  it('says when the other account is in no cluster', () => {
    render(
      <LinkCard
        account={{ platform: 'x', account_id: '1' }}
        link={{ ...link, other: { ...link.other, cluster_id: null, handle: null, review: null } }}
        rank={2}
      />,
    );
    expect(screen.getByTestId('link-other').textContent).toBe('0042');
    expect(screen.getByRole('heading', { level: 3 }).textContent).toContain('in no cluster');
    expect(screen.getByRole('heading', { level: 3 }).textContent).toContain('not reviewed');
  });

  it("asks for a signal's evidence once, however often it is opened, and shows the server's error", async () => {
    // The API answers through fetch: a stand-in that records each request and answers when told.
    const asked: string[] = [];
    let answer: (r: Response) => void = () => {};
    vi.stubGlobal('fetch', (path: string) => {
      asked.push(path);
      return new Promise<Response>((resolve) => (answer = resolve));
    });
    render(<LinkCard account={{ platform: 'facebook', account_id: '1' }} link={link} rank={1} />);
    const button = () => screen.getAllByRole('button')[0] as HTMLElement;
    fireEvent.click(button());
    expect(button().getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('Loading evidence…')).toBeTruthy();
    fireEvent.click(button());
    fireEvent.click(button());
    expect(asked).toEqual([
      '/api/evidence?signal=co-share%3Arare&platformA=facebook&accountA=1&platformB=x&accountB=0042',
    ]);
    answer(new Response(JSON.stringify({ message: 'no such pair' }), { status: 404 }));
    expect((await screen.findByText('404: no such pair')).className).toBe('error');
    fireEvent.click(button());
    fireEvent.click(button());
    expect(screen.getByText('404: no such pair')).toBeTruthy();
    expect(asked).toHaveLength(1);
  });
});

// @vitest-environment happy-dom
// EvidenceView: both posts side by side with their gap in human units, the parent post of a
// co-reply, the shared infrastructure values as a table.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { EvidenceResponse } from '../../../src/server/api-types';
import { EvidenceView } from './EvidenceView';

afterEach(cleanup);

const reply: EvidenceResponse = {
  pairs: [
    {
      a: { postId: '1', createdAt: '2024-03-06T05:57:09Z', text: 'Very good article', urls: [] },
      b: { postId: '2', createdAt: '2024-03-06T06:01:19Z', text: 'So true!', urls: [] },
      dtSeconds: 250.004,
      parent: {
        postId: '9',
        createdAt: '2024-03-06T05:55:26Z',
        text: 'The labs are everywhere',
        accountId: '77',
        handle: 'peace_lover',
      },
    },
  ],
  values: [],
};

describe('EvidenceView', () => {
  it("shows both accounts' posts side by side, the gap in minutes and seconds, and the post both replied to", () => {
    render(<EvidenceView evidence={reply} signal="co-reply" sides={{ a: 'ana_1', b: 'bo_2' }} />);
    const pair = screen.getByTestId('evidence-pair');
    const posts = pair.querySelectorAll('.side-by-side > .post');
    expect(posts).toHaveLength(2);
    expect(posts[0]?.textContent).toContain('ana_1');
    expect(posts[0]?.textContent).toContain('Very good article');
    expect(posts[0]?.textContent).toContain('2024-03-06 05:57:09 UTC');
    expect(posts[1]?.textContent).toContain('bo_2');
    expect(posts[1]?.textContent).toContain('So true!');
    expect(within(pair).getByTestId('gap').textContent).toBe('4 min 10 s apart');
    expect(within(pair).getByTestId('parent-post').textContent).toBe(
      'Both replied to peace_lover, 2024-03-06 05:55:26 UTC: The labs are everywhere',
    );
  });

  it("shows the thumbnails of both accounts' pictures side by side, and no share note for a picture without text", () => {
    const dot = (colour: string) =>
      `data:image/svg+xml;base64,${btoa(`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><rect width="4" height="3" fill="${colour}"/></svg>`)}`;
    render(
      <EvidenceView
        evidence={{
          pairs: [
            {
              a: {
                postId: 'p1',
                createdAt: '2024-03-06T05:57:09Z',
                text: null,
                urls: [],
                images: [dot('red')],
              },
              b: {
                postId: 'p2',
                createdAt: '2024-03-07T05:57:09Z',
                text: 'Look',
                urls: [],
                images: [dot('blue')],
              },
              dtSeconds: 86_400,
            },
          ],
          values: [],
        }}
        signal="near-duplicate-image"
        sides={{ a: 'ana_1', b: 'bo_2' }}
      />,
    );
    const posts = screen.getByTestId('evidence-pair').querySelectorAll('.side-by-side > .post');
    const images = [...posts].map((p) =>
      [...p.querySelectorAll('img')].map((i) => i.getAttribute('src')),
    );
    expect(images).toEqual([[dot('red')], [dot('blue')]]);
    expect(posts[0]?.querySelector('img')?.getAttribute('alt')).toBe("picture 1 of ana_1's post");
    expect(posts[0]?.textContent).not.toContain('no text');
    expect(posts[1]?.textContent).toContain('Look');
  });

  it('lists shared infrastructure values with how many accounts have each, under headers', () => {
    render(
      <EvidenceView
        evidence={{
          pairs: [],
          values: [
            { kind: 'ip', value: '203.0.113.3', accounts: 2 },
            { kind: 'asn', value: 'AS4134', accounts: 57 },
          ],
        }}
        signal="shared-infrastructure"
        sides={{ a: 'a', b: 'b' }}
      />,
    );
    const table = screen.getByTestId('shared-values');
    expect([...table.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'kind',
      'shared value',
      'accounts with it',
    ]);
    expect([...table.querySelectorAll('tbody tr')].map((tr) => tr.textContent)).toEqual([
      'ip203.0.113.32',
      'asnAS413457',
    ]);
  });

  it('says when a signal keeps no evidence items, and counts the pairs it does not show', () => {
    const { unmount } = render(
      <EvidenceView
        evidence={{ pairs: [], values: [] }}
        signal="rhythm"
        sides={{ a: 'a', b: 'b' }}
      />,
    );
    expect(screen.getByText(/No evidence items/)).toBeTruthy();
    unmount();
    const many = { pairs: Array.from({ length: 7 }, () => reply.pairs[0]!), values: [] };
    render(<EvidenceView evidence={many} signal="co-reply" sides={{ a: 'a', b: 'b' }} limit={5} />);
    expect(screen.getAllByTestId('evidence-pair')).toHaveLength(5);
    expect(screen.getByText(/and 2 more pairs/)).toBeTruthy();
  });
});

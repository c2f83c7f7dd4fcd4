// @vitest-environment happy-dom
// NetworkLegend: a swatch per cluster drawn (and for accounts in none); signals when links are
// coloured by signal, in the colours the drawing uses.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { signalsOf } from '../hooks/useSignals';
import { clusterColour } from './colours';
import { NetworkLegend } from './NetworkLegend';

afterEach(cleanup);

const registry = signalsOf({
  signals: [
    {
      name: 'co-reply',
      description: 'replies to one post',
      family: 'timing',
      tested: true,
      colour: '#2e7d32',
    },
    {
      name: 'co-share:post',
      description: 'shares of one post',
      family: 'timing',
      tested: true,
      colour: '#c62828',
    },
  ],
});

/** The legend's items as "text=colour". */
const items = () =>
  [...screen.getByTestId('legend').querySelectorAll('li')].map(
    (li) => `${li.textContent}=${(li.firstElementChild as HTMLElement).style.background}`,
  );

describe('NetworkLegend', () => {
  it('lists each cluster drawn in its colour, and accounts in no cluster', () => {
    render(
      <NetworkLegend
        clusters={[2, 4]}
        outside
        signals={['co-reply']}
        colourBy="cluster"
        registry={registry}
      />,
    );
    const got = items();
    expect(got.slice(0, 3)).toEqual([
      `cluster #2=${hex(clusterColour(2))}`,
      `cluster #4=${hex(clusterColour(4))}`,
      `in no cluster=${hex(clusterColour(-1))}`,
    ]);
    expect(got[3]).toMatch(/^significant link/);
  });
  it('lists the signals of the links when they are coloured by signal', () => {
    render(
      <NetworkLegend
        clusters={[1]}
        outside={false}
        signals={['co-reply', 'co-share:post']}
        colourBy="signal"
        registry={registry}
      />,
    );
    expect(items()).toEqual([
      `cluster #1=${hex(clusterColour(1))}`,
      `co-reply=${hex('#2e7d32')}`,
      `co-share:post=${hex('#c62828')}`,
    ]);
    expect(screen.getByText('co-reply').getAttribute('title')).toBe('replies to one post');
  });
});

/** How the DOM gives back a colour set as #rrggbb (kept as written by happy-dom). */
function hex(c: string): string {
  const probe = document.createElement('span');
  probe.style.background = c;
  return probe.style.background;
}

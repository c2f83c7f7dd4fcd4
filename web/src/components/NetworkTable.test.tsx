// @vitest-environment happy-dom
// NetworkTable, the drawing's text alternative: its links under headers, strongest first, each
// account by handle with a link to its page, 100 rows a page.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { TableEdge } from './NetworkTable';
import { NetworkTable } from './NetworkTable';

afterEach(cleanup);

const edge = (a: string, b: string, strength: number): TableEdge => ({
  platform_a: 'x',
  account_a: a,
  platform_b: 'x',
  account_b: b,
  strength,
  signals: ['co-share:post'],
});

describe('NetworkTable', () => {
  it('lists the links strongest first under headers, with handles linking to the accounts', () => {
    render(
      <NetworkTable
        edges={[edge('1', '2', 3), edge('2', '3', 12.34)]}
        names={
          new Map([
            ['x:1', 'ana'],
            ['x:2', 'bo'],
          ])
        }
        caption="Links"
      />,
    );
    const table = screen.getByRole('table', { hidden: true });
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'account',
      'linked account',
      'strength (−log₁₀ q)',
      'signals',
    ]);
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelectorAll('td')[2]?.textContent)).toEqual(['12.3', '3.0']);
    const first = rows[0]!.querySelectorAll('a');
    expect([...first].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['bo', '#/accounts/x/2'],
      ['3', '#/accounts/x/3'],
    ]);
    expect(screen.getByTestId('network-table').querySelector('summary')?.textContent).toBe(
      'Links (2)',
    );
  });

  it('pages a long list 100 rows at a time', () => {
    const edges = Array.from({ length: 150 }, (_, i) => edge(String(i), String(i + 1), 150 - i));
    render(<NetworkTable edges={edges} names={new Map()} caption="Links" />);
    const rows = () => screen.getByRole('table', { hidden: true }).querySelectorAll('tbody tr');
    expect(rows()).toHaveLength(100);
    fireEvent.click(screen.getByRole('button', { name: 'next', hidden: true }));
    expect(rows()).toHaveLength(50);
    expect(rows()[0]?.querySelectorAll('td')[2]?.textContent).toBe('50.0');
  });
});

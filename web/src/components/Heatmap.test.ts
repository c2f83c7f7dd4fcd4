// hourOfWeekGrid: an account's posts per weekday and hour as the heatmap's 7 × 24 grid, moved into
// the operators' time and wrapped around the week.
import { describe, expect, it } from 'vitest';

import { hourOfWeekGrid } from './Heatmap';

/** The grid's non-zero cells as "weekday hour: posts". */
const cells = (grid: number[][]) =>
  grid.flatMap((row, d) => row.flatMap((v, h) => (v ? [`${d} ${h}: ${v}`] : [])));

describe('hourOfWeekGrid(cells, shiftHours)', () => {
  it('is 7 rows of 24 zeros for no posts', () => {
    const grid = hourOfWeekGrid([], 0);
    expect(grid).toHaveLength(7);
    for (const row of grid) expect(row).toEqual(new Array(24).fill(0));
  });

  it('puts each count at its weekday and hour, adding counts that land on the same cell', () => {
    const grid = hourOfWeekGrid(
      [
        { weekday: 0, hour: 9, posts: 4 },
        { weekday: 6, hour: 23, posts: 2 },
        { weekday: 0, hour: 9, posts: 1 },
      ],
      0,
    );
    expect(cells(grid)).toEqual(['0 9: 5', '6 23: 2']);
  });

  it('moves counts later or earlier, wrapping from Sunday night to Monday and back', () => {
    const week = [
      { weekday: 6, hour: 23, posts: 2 },
      { weekday: 0, hour: 0, posts: 3 },
    ];
    expect(cells(hourOfWeekGrid(week, 1))).toEqual(['0 0: 2', '0 1: 3']);
    expect(cells(hourOfWeekGrid(week, -1))).toEqual(['6 22: 2', '6 23: 3']);
    expect(cells(hourOfWeekGrid(week, 8 + 168))).toEqual(['0 7: 2', '0 8: 3']);
  });

  it('takes counts that arrive as strings (DuckDB numbers in JSON) as numbers', () => {
    const grid = hourOfWeekGrid([{ weekday: '2', hour: '5', posts: '7' } as never], 0);
    expect(cells(grid)).toEqual(['2 5: 7']);
  });
});

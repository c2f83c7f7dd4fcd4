// Posts per weekday and hour as a grid (an SVG that scales to the width it is given), and the grid
// from an account's counts.
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const WEEK_HOURS = 7 * 24;

/**
 * Posts per weekday (0: Monday) and hour as a 7 × 24 grid, each count moved `shiftHours` later
 * (earlier when negative), wrapping around the week: Sunday 23:00 shifted by +1 is Monday 0:00.
 */
export function hourOfWeekGrid(
  cells: ReadonlyArray<{ weekday: number; hour: number; posts: number }>,
  shiftHours: number,
): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const c of cells) {
    const how =
      (((Number(c.weekday) * 24 + Number(c.hour) + shiftHours) % WEEK_HOURS) + WEEK_HOURS) %
      WEEK_HOURS;
    (grid[Math.floor(how / 24)] as number[])[how % 24] += Number(c.posts);
  }
  return grid;
}

/** A 7 × 24 grid of counts, Monday first, with its caption; the busiest cell is darkest. */
export function Heatmap(props: { grid: ReadonlyArray<readonly number[]>; caption: string }) {
  const max = Math.max(1, ...props.grid.flat());
  const total = props.grid.flat().reduce((a, b) => a + b, 0);
  return (
    <figure className="heatmap">
      <figcaption>{props.caption}</figcaption>
      <svg
        viewBox={`0 0 ${40 + 24 * 18} ${7 * 18 + 20}`}
        role="img"
        aria-label={`${props.caption}: ${total} posts; busiest hour ${max} posts`}
        data-testid="heatmap"
      >
        {props.grid.map((row, d) => (
          <g key={d}>
            <text x={0} y={d * 18 + 13} fontSize={11}>
              {DAYS[d]}
            </text>
            {row.map((v, h) => (
              <rect
                key={h}
                x={40 + h * 18}
                y={d * 18}
                width={16}
                height={16}
                fill="#c62828"
                fillOpacity={v === 0 ? 0 : 0.12 + (0.88 * v) / max}
                stroke="#ddd"
              >
                <title>{`${DAYS[d]} ${h}:00 — ${v}`}</title>
              </rect>
            ))}
          </g>
        ))}
        {[0, 6, 12, 18].map((h) => (
          <text key={h} x={40 + h * 18} y={7 * 18 + 14} fontSize={10}>
            {h}:00
          </text>
        ))}
      </svg>
    </figure>
  );
}

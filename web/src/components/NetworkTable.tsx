// The text alternative of a network drawing: its links as a table, strongest first, each account
// a link to its page (the way to the nodes from the keyboard).
import { useState } from 'react';

import { accountHref } from '../api';
import { Pager } from './Pager';
import { TableScroll } from './TableScroll';

/** A link of the table: both ends named, with their clusters where known. */
export interface TableEdge {
  readonly platform_a: string;
  readonly account_a: string;
  readonly platform_b: string;
  readonly account_b: string;
  readonly strength: number;
  readonly signals: readonly string[];
  readonly cluster_a?: number;
  readonly cluster_b?: number;
}

const PAGE = 100;

/** The links of a drawing as a table, 100 at a time; `names` gives handles by "platform:id". */
export function NetworkTable(props: {
  edges: readonly TableEdge[];
  names: ReadonlyMap<string, string>;
  caption: string;
}) {
  const [offset, setOffset] = useState(0);
  const sorted = [...props.edges].sort((x, y) => y.strength - x.strength);
  const name = (p: string, a: string) => props.names.get(`${p}:${a}`) ?? a;
  const end = (p: string, a: string, c: number | undefined) => (
    <>
      <a href={accountHref(p, a)}>{name(p, a)}</a> <span className="muted">{p}</span>
      {c !== undefined && <span className="muted">{c < 0 ? ' · no cluster' : ` · #${c}`}</span>}
    </>
  );
  return (
    <details className="network-table" data-testid="network-table">
      <summary>
        {props.caption} ({sorted.length})
      </summary>
      <Pager what="rows" offset={offset} size={PAGE} total={sorted.length} onChange={setOffset} />
      <TableScroll label={props.caption}>
        <table>
          <caption className="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">account</th>
              <th scope="col">linked account</th>
              <th scope="col">strength (−log₁₀ q)</th>
              <th scope="col">signals</th>
            </tr>
          </thead>
          <tbody>
            {sorted.slice(offset, offset + PAGE).map((e) => (
              <tr key={`${e.platform_a}:${e.account_a}|${e.platform_b}:${e.account_b}`}>
                <td>{end(e.platform_a, e.account_a, e.cluster_a)}</td>
                <td>{end(e.platform_b, e.account_b, e.cluster_b)}</td>
                <td>{e.strength.toFixed(1)}</td>
                <td>{e.signals.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}

// A wide table in a box that scrolls sideways on a narrow screen (the page itself does not), and
// can be scrolled from the keyboard (it takes focus).
import type { ReactNode } from 'react';

/** Wraps a table; `label` names the region for screen readers. */
export function TableScroll(props: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}

// Previous/next buttons over a list shown a page at a time.
/** "links 1–100 of 340" with previous and next; nothing when one page holds the list. */
export function Pager(props: {
  offset: number;
  size: number;
  total: number;
  onChange: (offset: number) => void;
  what: string;
}) {
  const { offset, size, total } = props;
  if (total <= size) return null;
  return (
    <p className="pager" data-testid={`pager-${props.what}`}>
      {props.what} {offset + 1}–{Math.min(offset + size, total)} of {total}{' '}
      <button disabled={offset === 0} onClick={() => props.onChange(Math.max(0, offset - size))}>
        previous
      </button>{' '}
      <button disabled={offset + size >= total} onClick={() => props.onChange(offset + size)}>
        next
      </button>
    </p>
  );
}

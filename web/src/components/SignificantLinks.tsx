// "Why it is flagged": an account's significant links, strongest first, as cards; the strongest
// open on the first page, the weaker ones folded behind a toggle, a page at a time.
import type { AccountLink } from '../../../src/server/api-types';
import type { Paging } from '../hooks/useAccountDetail';
import type { PageAccount } from './LinkCard';
import { LinkCard } from './LinkCard';
import { Pager } from './Pager';

/** Links shown open; the weaker ones are folded behind a toggle. */
const STRONG = 3;
/** Signals whose evidence is not a pair of posts. */
const NOT_POSTS = new Set(['shared-infrastructure', 'rhythm']);

/** The signal whose evidence a link shows at first: its strongest with posts to show. */
export const firstEvidence = (link: AccountLink) =>
  (link.signals.find((s) => !NOT_POSTS.has(s.signal)) ?? link.signals[0])?.signal ?? null;

/**
 * A page of links split into those shown open (the strongest, on the first page only) and those
 * folded (the rest of the page).
 */
export const splitLinks = (links: readonly AccountLink[], offset: number) => ({
  strong: offset === 0 ? links.slice(0, STRONG) : [],
  weak: offset === 0 ? links.slice(STRONG) : links,
});

const linkKey = (l: AccountLink) => `${l.other.platform}:${l.other.account_id}`;

/** What the links are and how to read them; or that there is none. */
function LinksLead(props: { total: number }) {
  const { total } = props;
  if (total === 0)
    return (
      <p>
        No significant link: no other account shares this one's activity more than chance explains.
        Its raw signal links are listed below.
      </p>
    );
  return (
    <p>
      {total} significant link{total === 1 ? '' : 's'} to other accounts, strongest first. For each,
      the chance (p) that the pair's shared activity is a coincidence, and per signal what was
      observed against what chance predicts; the evidence shows both accounts' posts side by side.
    </p>
  );
}

/** The folded links, ranked from `firstRank`; open past the first page. */
function WeakerLinks(props: {
  account: PageAccount;
  links: readonly AccountLink[];
  offset: number;
  firstRank: number;
}) {
  const { links, offset } = props;
  return (
    <details data-testid="weaker-links" open={offset > 0 || undefined}>
      <summary>
        {offset === 0
          ? `${links.length} weaker link${links.length === 1 ? '' : 's'}`
          : `links ${offset + 1}–${offset + links.length}`}
      </summary>
      {links.map((l, i) => (
        <LinkCard key={linkKey(l)} account={props.account} link={l} rank={props.firstRank + i} />
      ))}
    </details>
  );
}

/** The section: a page of `links` of `total`, the first one's evidence open on the first page. */
export function SignificantLinks(props: {
  headingId: string;
  account: PageAccount;
  links: readonly AccountLink[];
  total: number;
  paging: Paging;
}) {
  const { headingId, account, paging } = props;
  const { strong, weak } = splitLinks(props.links, paging.offset);
  return (
    <section aria-labelledby={headingId} data-testid="why">
      <h2 id={headingId}>Why it is flagged</h2>
      <LinksLead total={props.total} />
      {strong.map((l, i) => (
        <LinkCard
          key={linkKey(l)}
          account={account}
          link={l}
          rank={i + 1}
          open={i === 0 ? firstEvidence(l) : null}
        />
      ))}
      {weak.length > 0 && (
        <WeakerLinks
          account={account}
          links={weak}
          offset={paging.offset}
          firstRank={paging.offset + strong.length + 1}
        />
      )}
      <Pager
        what="significant links"
        offset={paging.offset}
        size={paging.size}
        total={props.total}
        onChange={paging.setOffset}
      />
    </section>
  );
}

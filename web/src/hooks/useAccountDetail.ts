// An account's page of detail from the API, with its three lists (significant links, signal links,
// posts) each paged on its own.
import { useState } from 'react';

import type { AccountDetail } from '../../../src/server/api-types';
import { useLoad } from './useLoad';

/** Significant links per page. */
const LINK_PAGE = 20;
/** Signal links (significant or not) per page. */
const EDGE_PAGE = 100;
/** Posts per page. */
const POST_PAGE = 50;

/** Where one of the lists stands: its first row shown, its page size, and how to move. */
export interface Paging {
  readonly offset: number;
  readonly size: number;
  readonly setOffset: (offset: number) => void;
}

/** What {@link useAccountDetail} gives: the detail once loaded, or the error's message. */
export interface AccountDetailLoad {
  readonly data: AccountDetail | null;
  readonly error: string | null;
  readonly links: Paging;
  readonly edges: Paging;
  readonly posts: Paging;
}

/** The offset of a list of `size` rows a page, starting at its first page. */
function usePaging(size: number): Paging {
  const [offset, setOffset] = useState(0);
  return { offset, size, setOffset };
}

/** The account's detail at the pages its lists are on; loaded again when a page changes. */
export function useAccountDetail(platform: string, accountId: string): AccountDetailLoad {
  const links = usePaging(LINK_PAGE);
  const edges = usePaging(EDGE_PAGE);
  const posts = usePaging(POST_PAGE);
  const { data, error } = useLoad<AccountDetail>(
    `/api/accounts/${encodeURIComponent(platform)}/${encodeURIComponent(accountId)}?limit=${posts.size}&offset=${posts.offset}&edgeLimit=${edges.size}&edgeOffset=${edges.offset}&linkLimit=${links.size}&linkOffset=${links.offset}`,
  );
  return { data, error, links, edges, posts };
}

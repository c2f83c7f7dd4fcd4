// The evidence of a link between two accounts, fetched a signal at a time as it is asked for.
import { useEffect, useRef, useState } from 'react';

import type { EvidenceResponse } from '../../../src/server/api-types';
import { get } from '../api';

/** An account as the evidence API names it. */
export interface AccountKey {
  readonly platform: string;
  readonly account_id: string;
}

/**
 * The evidence of `signal` between accounts `a` and `b`: undefined while loading (or when
 * `signal` is null), the error's message when it failed. Each signal is fetched once, however
 * often it is asked for (a request in flight is not repeated): the pair is meant to stay the same
 * for the life of the component (a link card is keyed by the other account).
 */
export function useEvidence(
  a: AccountKey,
  b: AccountKey,
  signal: string | null,
): EvidenceResponse | string | undefined {
  const [evidence, setEvidence] = useState<Record<string, EvidenceResponse | string>>({});
  const asked = useRef(new Set<string>());
  useEffect(() => {
    if (!signal || asked.current.has(signal)) return;
    asked.current.add(signal);
    get<EvidenceResponse>(
      `/api/evidence?signal=${encodeURIComponent(signal)}&platformA=${encodeURIComponent(a.platform)}&accountA=${encodeURIComponent(a.account_id)}&platformB=${encodeURIComponent(b.platform)}&accountB=${encodeURIComponent(b.account_id)}`,
    ).then(
      (r) => setEvidence((e) => ({ ...e, [signal]: r })),
      (err: Error) => setEvidence((e) => ({ ...e, [signal]: err.message })),
    );
  }, [signal, a.platform, a.account_id, b.platform, b.account_id]);
  return signal ? evidence[signal] : undefined;
}

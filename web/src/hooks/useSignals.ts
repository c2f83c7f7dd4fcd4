// The signal registry (GET /api/signals), loaded once per tab: each signal's colour and description
// for the network views and their legends.
import { useEffect, useState } from 'react';

import type { SignalList } from '../../../src/server/api-types';
import { get } from '../api';
import { NO_SIGNAL } from '../components/colours';

/** A signal's colour and description by name. */
export interface Signals {
  readonly colour: (signal: string | undefined) => string;
  readonly description: (signal: string) => string;
}

let once: Promise<SignalList> | null = null;

/** Builds {@link Signals} from the registry's list. */
export function signalsOf(list: SignalList): Signals {
  const by = new Map(list.signals.map((s) => [s.name, s]));
  return {
    colour: (signal) => (signal && by.get(signal)?.colour) || NO_SIGNAL,
    description: (signal) => by.get(signal)?.description ?? signal,
  };
}

const NONE = signalsOf({ signals: [] });

/** The registry's colours and descriptions (grey and the bare name until it has loaded). */
export function useSignals(): Signals {
  const [signals, setSignals] = useState<Signals>(NONE);
  useEffect(() => {
    let live = true;
    (once ??= get<SignalList>('/api/signals')).then(
      (list) => live && setSignals(signalsOf(list)),
      () => {
        once = null;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return signals;
}

// The hash route (#/clusters/3 → ['clusters', '3']): the static build works from any path.
import { useEffect, useState } from 'react';

/** The parts of the hash route, decoded, kept current as it changes. */
export function useRoute(): string[] {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

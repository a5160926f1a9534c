import { useEffect, useState } from 'react';

/**
 * Hash routes (#/contracts/…): the API serves one page at / and every link keeps working on
 * reload, in a new tab and from an e-mail, with no server-side fallback.
 */
export function useRoute(): string {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash.replace(/^#/, '') || '/';
}

/** Matches `path` against a pattern such as /contracts/:id; the named parts, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const [pathOnly] = path.split('?');
  const p = pattern.split('/');
  const s = pathOnly.split('/');
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) out[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return out;
}

/** The query part of a hash route (#/contracts?status=ACTIVE). */
export function routeQuery(path: string): URLSearchParams {
  const i = path.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : path.slice(i + 1));
}

export function go(path: string): void {
  location.hash = '#' + path;
}

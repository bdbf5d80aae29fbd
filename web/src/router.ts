// A small history router under Vite's base (/console/). `pol serve` answers
// every unknown /console/... path with index.html, so deep links and reloads work.
import { useEffect, useState } from 'react';

export const BASE = import.meta.env.BASE_URL.replace(/\/$/, ''); // "/console"

/** The app path ("/users/3") of the current location. */
export function currentPath(): string {
  let p = window.location.pathname;
  if (p.startsWith(BASE)) p = p.slice(BASE.length);
  if (!p.startsWith('/')) p = '/' + p;
  if (p === '/index.html') return '/';
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

export function href(path: string): string {
  return BASE + (path.startsWith('/') ? path : '/' + path);
}

const EVENT = 'pol:navigate';

export function navigate(path: string, opts: { replace?: boolean } = {}) {
  const url = href(path);
  if (opts.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(EVENT));
  window.scrollTo(0, 0);
}

/** The current app path; also re-renders when only the query string changes. */
export function usePath(): string {
  const [loc, setLoc] = useState(() => ({ path: currentPath(), search: window.location.search }));
  const path = loc.path;
  useEffect(() => {
    const on = () =>
      setLoc((old) => {
        const next = { path: currentPath(), search: window.location.search };
        return old.path === next.path && old.search === next.search ? old : next;
      });
    window.addEventListener('popstate', on);
    window.addEventListener(EVENT, on);
    return () => {
      window.removeEventListener('popstate', on);
      window.removeEventListener(EVENT, on);
    };
  }, []);
  return path;
}

/** Matches "/users/:id" against "/users/12" → {id: "12"}; null when no match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/').filter(Boolean);
  const b = path.split('/').filter(Boolean);
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith(':')) params[a[i].slice(1)] = decodeURIComponent(b[i]);
    else if (a[i] !== b[i]) return null;
  }
  return params;
}

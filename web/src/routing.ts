// Hash routing: `#/verwijzingen/<id>` works in a link from an e-mail, survives a reload and needs
// nothing from the server (S3 + CloudFront serve one index.html). Each role's pages declare their
// routes in web/src/pages/<name>/routes.ts; the build collects them (see web/build.ts).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Role } from '#shared/access/policy.ts';
import type { User } from './session.ts';

export interface PageProps {
  /** The route's `:name` segments, decoded. */
  params: Record<string, string>;
  /** The hash's query (`#/verwijzingen?state=closed`). */
  query: URLSearchParams;
  user: User;
}

export interface PageRoute {
  /** The path after `#`, with `:name` for a parameter: `/verwijzingen/:referralId`. */
  path: string;
  /** Who may open the page; the navigation shows it only to them. */
  roles: readonly Role[];
  /** The browser tab's title (pages show their own heading). */
  title: string;
  /** Shown in the main navigation under this label, in the order the routes come. */
  nav?: string;
  /** What `#/` shows for these roles: each role has one home page. */
  home?: boolean;
  /** The page, loaded when first opened (each page is its own chunk). */
  load: () => Promise<{ default: ComponentType<PageProps> }>;
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

/** `#/verwijzingen/abc?x=1` → path `/verwijzingen/abc`, query `x=1`. Anything else is the home page. */
export function parseHash(hash: string): Location {
  if (!hash.startsWith('#/')) return { path: '/', query: new URLSearchParams() };
  const [path, query = ''] = hash.slice(1).split('?', 2) as [string, string?];
  return { path: path.replace(/\/+$/, '') || '/', query: new URLSearchParams(query) };
}

const segments = (path: string) => path.split('/').filter(Boolean);

/** The route for a path: a literal segment wins over a parameter, as in the API's routing. */
export function matchRoute(routes: readonly PageRoute[], path: string): { route: PageRoute; params: Record<string, string> } | undefined {
  const wanted = segments(path);
  const candidates = routes
    .filter((route) => segments(route.path).length === wanted.length)
    .sort((a, b) => segments(a.path).filter((s) => s.startsWith(':')).length - segments(b.path).filter((s) => s.startsWith(':')).length);
  for (const route of candidates) {
    const params: Record<string, string> = {};
    const matches = segments(route.path).every((segment, index) => {
      const actual = wanted[index]!;
      if (segment.startsWith(':')) {
        try {
          params[segment.slice(1)] = decodeURIComponent(actual);
        } catch {
          return false;
        }
        return true;
      }
      return segment === actual;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

export const mayOpen = (route: PageRoute, user: Pick<User, 'roles'>) => route.roles.some((role) => user.roles.includes(role));

/** The page `#/` shows: the home of the user's first role that has one. */
export const homeRoute = (routes: readonly PageRoute[], user: Pick<User, 'roles'>) =>
  user.roles.map((role) => routes.find((route) => route.home && route.roles.includes(role))).find(Boolean);

/** A link target inside the app: `href(`/verwijzingen/${id}`)`. */
export const href = (path: string, query?: Record<string, string>) => {
  const search = query ? new URLSearchParams(query).toString() : '';
  return `#${path}${search ? `?${search}` : ''}`;
};

export function navigate(path: string, { replace = false } = {}): void {
  const target = href(path);
  if (replace) {
    history.replaceState(null, '', target);
    dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = target;
  }
}

/** The current location, following every hash change. Hashes that are not routes (`#main`) are ignored. */
export function useLocation(): Location {
  const [location, setLocation] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => {
      if (window.location.hash === '' || window.location.hash.startsWith('#/')) setLocation(parseHash(window.location.hash));
    };
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return location;
}

import type { ComponentType } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import routes from 'overbrug:pages';
import { ROLE_LABELS } from '#shared/access/policy.ts';
import type { WebConfig } from '../config.ts';
import { AppContext, regionOf, type AppContextValue } from './app-context.ts';
import { Button } from './components/button.tsx';
import { LoadFailed, Loading } from './components/loading.tsx';
import { markNavigation, Page } from './components/page.tsx';
import { Badge } from './components/status-badge.tsx';
import { homeRoute, href, matchRoute, mayOpen, useLocation, type PageProps, type PageRoute } from './routing.ts';
import { signOut, type Session } from './session.ts';

const loaded = new Map<PageRoute, ComponentType<PageProps>>();

/** Loads a route's page (its own chunk) once, and shows it. */
function RouteView({ route, props }: { route: PageRoute; props: PageProps }) {
  const [component, setComponent] = useState<ComponentType<PageProps> | undefined>(() => loaded.get(route));
  const [failed, setFailed] = useState<unknown>(undefined);
  useEffect(() => {
    if (loaded.has(route)) {
      setComponent(() => loaded.get(route));
      return;
    }
    let current = true;
    setComponent(undefined);
    route.load().then(
      (module) => {
        loaded.set(route, module.default);
        if (current) setComponent(() => module.default);
      },
      (error: unknown) => current && setFailed(error),
    );
    return () => {
      current = false;
    };
  }, [route]);
  if (failed) return <LoadFailed error={failed} retry={() => location.reload()} />;
  if (!component) return <Loading />;
  const Component = component;
  return <Component {...props} />;
}

function NotFound({ forbidden }: { forbidden: boolean }) {
  return (
    <Page title={forbidden ? 'Niet voor uw rol' : 'Pagina niet gevonden'}>
      <p>{forbidden ? 'Deze pagina hoort bij een andere rol dan de uwe.' : 'Deze pagina bestaat niet (meer).'}</p>
      <p>
        <a href="#/">Naar de startpagina</a>
      </p>
    </Page>
  );
}

function NoPagesYet({ roles }: { roles: string[] }) {
  return (
    <Page title="Welkom">
      <p>De web-app heeft nog geen pagina’s voor uw rol ({roles.join(', ')}).</p>
    </Page>
  );
}

const roleName = (role: keyof typeof ROLE_LABELS) => ROLE_LABELS[role].split(' (')[0]!;

/** The signed-in app: header, navigation, the current page. */
export function App({ config, session }: { config: WebConfig; session: Session }) {
  const { user } = session;
  const location = useLocation();
  const region = regionOf(user);
  const context = useMemo<AppContextValue>(() => ({ config, session, user, region }), [config, session, user, region]);
  const mine = useMemo(() => routes.filter((route) => mayOpen(route, user)), [user]);
  const home = homeRoute(routes, user);
  const matched = location.path === '/' ? (home ? { route: home, params: {} } : undefined) : matchRoute(routes, location.path);
  const allowed = matched && mayOpen(matched.route, user) ? matched : undefined;
  const title = allowed?.route.title ?? (location.path === '/' ? 'Welkom' : 'Pagina niet gevonden');

  const main = useRef<HTMLElement>(null);
  // Which page is shown: `#/` is the role's home page, the same page as its own path (the kaart list
  // moves `#/` to `#/kaart?zoek=…` as the beheerder types, and must not be mounted anew for it).
  const pageKey = location.path === '/' && home ? home.path : location.path;
  // A navigation inside the app (not the first page): the next page's heading takes the focus.
  const shownKey = useRef(pageKey);
  if (shownKey.current !== pageKey) {
    shownKey.current = pageKey;
    markNavigation();
  }
  useEffect(() => {
    document.title = `${title} · Overbrug`;
  }, [title]);

  return (
    <AppContext.Provider value={context}>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          // Hash routing: move to the content without touching the address.
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Naar de inhoud
      </a>
      <header class="site-header">
        <div class="site-header-inner">
          <div class="brand">
            <a class="brand-name" href="#/">
              Overbrug
            </a>
            {region ? <span class="brand-region">{region.name}</span> : null}
            {region?.fictional ? <Badge tone="attention">Demo: fictieve gegevens</Badge> : null}
            {config.environment === 'local' ? <Badge tone="neutral">lokaal</Badge> : null}
          </div>
          <div class="user">
            <span class="user-name">{user.name ?? user.email ?? 'Ingelogd'}</span>
            <span class="user-role">{user.roles.map(roleName).join(', ') || 'geen rol'}</span>
            <Button variant="quiet" onClick={() => signOut(config)}>
              Uitloggen
            </Button>
          </div>
        </div>
        {mine.some((route) => route.nav) ? (
          <nav class="site-nav" aria-label="Hoofdmenu">
            <ul>
              {mine
                .filter((route) => route.nav)
                .map((route) => {
                  const current = allowed?.route === route || (location.path === '/' && route === home);
                  return (
                    <li key={route.path}>
                      <a href={href(route.path)} aria-current={current ? 'page' : undefined}>
                        {route.nav}
                      </a>
                    </li>
                  );
                })}
            </ul>
          </nav>
        ) : null}
      </header>
      {/* data-page: the path of the page below, so a test that followed a link waits for the new page,
          not the old one still on screen until the hash change renders. */}
      <main id="main" class="main" tabIndex={-1} ref={main} data-page={pageKey}>
        {allowed ? (
          <RouteView key={pageKey} route={allowed.route} props={{ params: allowed.params, query: location.query, user }} />
        ) : location.path === '/' ? (
          <NoPagesYet roles={user.roles.map(roleName)} />
        ) : (
          <NotFound forbidden={Boolean(matched)} />
        )}
      </main>
      <footer class="site-footer">
        <p>
          Overbrug · {config.environment === 'local' ? 'lokale ontwikkelomgeving' : `omgeving ${config.stage}`}
          {region?.fictional ? ' · alle personen, organisaties en cliënten hier zijn verzonnen' : ''}
        </p>
      </footer>
    </AppContext.Provider>
  );
}

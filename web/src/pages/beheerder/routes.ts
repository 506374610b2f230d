import type { PageRoute } from '../../routing.ts';

// The beheerder's pages (the one regional keeper of the sociale kaart): the kaart with search and
// freshness, the stale entries, the HSDS import, and one entry, which its partner opens too.
export const routes: PageRoute[] = [
  { path: '/kaart', roles: ['beheerder'], title: 'Sociale kaart', nav: 'Sociale kaart', home: true, load: () => import('./kaart-list.tsx') },
  { path: '/kaart/verouderd', roles: ['beheerder'], title: 'Verouderd aanbod', nav: 'Verouderd', load: () => import('./stale-list.tsx') },
  { path: '/kaart/import', roles: ['beheerder'], title: 'HSDS importeren', nav: 'Importeren', load: () => import('./import.tsx') },
  { path: '/kaart/:serviceId', roles: ['beheerder', 'partner'], title: 'Dienst', load: () => import('./kaart-entry.tsx') },
];

import type { PageRoute } from '../../routing.ts';

// The cliëntondersteuner's pages (the client's vaste contactpersoon): the inbox of their cases, and
// one case with the consented intake, the matches and what they do next.
export const routes: PageRoute[] = [
  { path: '/zaken', roles: ['clientondersteuner'], title: 'Zaken', nav: 'Zaken', home: true, load: () => import('./inbox.tsx') },
  { path: '/zaken/:referralId', roles: ['clientondersteuner'], title: 'Zaak', load: () => import('./case.tsx') },
];

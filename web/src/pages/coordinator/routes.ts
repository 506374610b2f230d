import type { PageRoute } from '../../routing.ts';

// The coordinator's pages (issue 16): the desk of the region's cases that wait for a person to
// decide (nobody had room, or the contact person did not react in time), and one case with who
// could take it and their load: assign by hand, or look in a neighbouring gemeente too.
export const routes: PageRoute[] = [
  { path: '/bureau', roles: ['coordinator'], title: 'Bureau van de coördinator', nav: 'Bureau', home: true, load: () => import('./desk.tsx') },
  { path: '/bureau/:referralId', roles: ['coordinator'], title: 'Zaak op het bureau', load: () => import('./desk-case.tsx') },
];

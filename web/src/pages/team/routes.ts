import type { PageRoute } from '../../routing.ts';

// The region's team of cliëntondersteuners, for its manager and its coordinator: who is in it and
// how full their caseload is, adding and changing people, absence with hand-over of open cases, and
// the history of every change. Counts only: nothing here shows a client.
export const routes: PageRoute[] = [
  { path: '/team', roles: ['manager', 'coordinator'], title: 'Team cliëntondersteuners', nav: 'Team', load: () => import('./team-list.tsx') },
  { path: '/team/nieuw', roles: ['manager', 'coordinator'], title: 'Cliëntondersteuner toevoegen', load: () => import('./new-person.tsx') },
  { path: '/team/:contactPersonId', roles: ['manager', 'coordinator'], title: 'Cliëntondersteuner', load: () => import('./person.tsx') },
];

import type { PageRoute } from '../../routing.ts';

// The partner's pages (an organisation on the sociale kaart, waitlist-bridging partners among them):
// the clients handed to it, and its own entries (each opens the kaart's entry page, with the form to
// update places and waiting time).
export const routes: PageRoute[] = [
  { path: '/overdrachten', roles: ['partner'], title: 'Overdrachten', nav: 'Overdrachten', home: true, load: () => import('./hand-offs.tsx') },
  { path: '/aanbod', roles: ['partner'], title: 'Ons aanbod', nav: 'Ons aanbod', load: () => import('./own-entries.tsx') },
];

import type { PageRoute } from '../../routing.ts';

// The manager's pages (regio, gemeente, zorgverzekeraar): the region's figures, and the cases
// waiting beyond the treeknorm by case number. Aggregates only: nothing here opens a client record.
export const routes: PageRoute[] = [
  { path: '/dashboard', roles: ['manager'], title: 'Dashboard', nav: 'Dashboard', home: true, load: () => import('./dashboard.tsx') },
  { path: '/treeknorm', roles: ['manager'], title: 'Wachten boven de treeknorm', nav: 'Boven de treeknorm', load: () => import('./treeknorm.tsx') },
];

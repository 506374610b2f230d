import type { PageRoute } from '../../routing.ts';

// The privacy officer's page (functionaris gegevensbescherming): the region's access log, who read
// which case when and why, with its signals and a CSV export. Every use of it is itself logged.
export const routes: PageRoute[] = [
  { path: '/toegangslog', roles: ['privacy'], title: 'Toegangslog', nav: 'Toegangslog', home: true, load: () => import('./access-log.tsx') },
];

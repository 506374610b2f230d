import type { PageRoute } from '../../routing.ts';

// The verwijzer's pages (huisarts, POH-ggz, wijkteam): their organisation's referrals, a new
// referral, and the status and feedback of one.
export const routes: PageRoute[] = [
  { path: '/verwijzingen', roles: ['verwijzer'], title: 'Verwijzingen', nav: 'Verwijzingen', home: true, load: () => import('./referral-list.tsx') },
  { path: '/verwijzingen/nieuw', roles: ['verwijzer'], title: 'Nieuwe verwijzing', nav: 'Nieuwe verwijzing', load: () => import('./referral-form.tsx') },
  { path: '/verwijzingen/:referralId', roles: ['verwijzer'], title: 'Verwijzing', load: () => import('./referral-status.tsx') },
];

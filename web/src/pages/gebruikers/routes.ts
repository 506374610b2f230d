import type { PageRoute } from '../../routing.ts';

// The region's users, for its beheerder: who has which role, inviting someone, deactivating an account.
export const routes: PageRoute[] = [{ path: '/gebruikers', roles: ['beheerder'], title: 'Gebruikers', nav: 'Gebruikers', load: () => import('./users.tsx') }];

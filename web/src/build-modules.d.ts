// Modules web/build.ts generates at build time.

declare module 'overbrug:pages' {
  /** Every role's routes, from web/src/pages/<name>/routes.ts. */
  const routes: import('./routing.ts').PageRoute[];
  export default routes;
}

declare module 'overbrug:regions' {
  /** The regions this deployment serves (web/build.ts `publicRegions`). */
  const regions: import('../config.ts').PublicRegion[];
  export default regions;
}

declare module '*.css';

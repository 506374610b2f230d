// Modules web/build.ts generates at build time.

declare module 'overbrug:pages' {
  /** Every role's routes, from web/src/pages/<name>/routes.ts. */
  const routes: import('./routing.ts').PageRoute[];
  export default routes;
}

declare module 'overbrug:regions' {
  /** The regions built in (web/build.ts `publicRegions`): what the app knows until GET /regions answers. */
  const regions: import('../config.ts').PublicRegion[];
  export default regions;
}

declare module '*.css';

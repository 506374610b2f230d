// How long browsers and CloudFront's edge keep the web app's files, defined once for the local
// runtime (local/web-host.ts) and the deployment to S3 (infra/web-app.ts).

/** Where the build puts the files whose names carry a hash of their content (web/build.ts). */
export const HASHED_ASSETS_DIR = 'assets/';

/**
 * A content-hashed file: a changed file gets a new name, so a browser keeps it a year and never
 * asks again, not even on a reload (`immutable`).
 */
export const HASHED_FILE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * index.html, config.json and the favicon keep their names: a browser asks again at each load (a
 * 304 when unchanged), so the load after a deploy has the new page, which names the new scripts.
 */
export const REVALIDATED_CACHE_CONTROL = 'no-cache';

/** The Cache-Control of a file of the app, by its path from the site root (`assets/app-5LQ3X2.js`, `index.html`). */
export const cacheControlOf = (path: string) => (path.replace(/^\//, '').startsWith(HASHED_ASSETS_DIR) ? HASHED_FILE_CACHE_CONTROL : REVALIDATED_CACHE_CONTROL);

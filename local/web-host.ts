// The web app on the local stack: built in memory at start-up and served at `/` by the API
// Gateway stand-in, with `/config.json` for this stack, and the security headers, the strict CSP
// (web/security-headers.ts) and the caching (web/caching.ts) CloudFront uses on AWS.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeOf, type WebAppBundle } from '#web/build.ts';
import { WebConfigSchema, type WebConfig } from '#web/config.ts';
import { cacheControlOf } from '#web/caching.ts';
import { securityHeaders } from '#web/security-headers.ts';

/**
 * A build of the app kept in a file, so that stacks started from the same sources serve it instead
 * of each bundling its own: the test suite builds once per run (test/support/web-bundle-setup.ts).
 */
export async function saveWebBundle(bundle: WebAppBundle, file: string): Promise<void> {
  const files = bundle.files.map(({ path, contentType, contents }) => ({ path, contentType, contents: Buffer.from(contents).toString('base64') }));
  await writeFile(file, JSON.stringify({ entry: bundle.entry, files }));
}

export async function loadWebBundle(file: string): Promise<WebAppBundle> {
  const saved = JSON.parse(await readFile(file, 'utf8')) as { entry: WebAppBundle['entry']; files: { path: string; contentType: string; contents: string }[] };
  return { entry: saved.entry, files: saved.files.map(({ path, contentType, contents }) => ({ path, contentType, contents: Buffer.from(contents, 'base64') })) };
}

export interface LocalWebApp {
  config: WebConfig;
  handle(request: IncomingMessage, response: ServerResponse, path: string): void;
}

/** The configuration the app reads locally: the API on the same origin, sign-in at the dev IdP. */
export function localWebConfig(idp: { discovery(): { issuer: string; authorization_endpoint: string; token_endpoint: string; end_session_endpoint: string } }, clientId: string): WebConfig {
  const discovery = idp.discovery();
  return WebConfigSchema.parse({
    apiBaseUrl: '',
    auth: {
      issuer: discovery.issuer,
      authorizationEndpoint: discovery.authorization_endpoint,
      tokenEndpoint: discovery.token_endpoint,
      logoutEndpoint: discovery.end_session_endpoint,
      clientId,
    },
    environment: 'local',
    stage: 'local',
  });
}

/**
 * Serves a built app (from bundleWebApp) and its configuration: the hashed assets kept a year by
 * the browser, the rest asked again at each load, a 304 when the browser has it.
 */
export function serveWebApp(bundle: WebAppBundle, config: WebConfig): LocalWebApp {
  const headers = securityHeaders({ apiOrigin: config.apiBaseUrl, signInOrigin: new URL(config.auth.tokenEndpoint).origin });
  const entry = (path: string, contents: Uint8Array | string) => ({
    contents,
    contentType: contentTypeOf(path),
    cacheControl: cacheControlOf(path),
    etag: `"${createHash('sha256').update(contents).digest('base64url').slice(0, 27)}"`,
  });
  const files = new Map(bundle.files.map((file) => [file.path, entry(file.path, file.contents)]));
  files.set('config.json', entry('config.json', JSON.stringify(config)));
  return {
    config,
    handle(request, response, path) {
      request.resume();
      const method = request.method ?? 'GET';
      const file = files.get(path === '/' ? 'index.html' : path.slice(1));
      for (const [header, value] of Object.entries(headers)) response.setHeader(header, value);
      if (!file || (method !== 'GET' && method !== 'HEAD')) {
        // As API Gateway answers a path it has no route for.
        response.statusCode = 404;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ message: 'Not Found' }));
        return;
      }
      response.setHeader('cache-control', file.cacheControl);
      response.setHeader('etag', file.etag);
      if (request.headers['if-none-match'] === file.etag) {
        response.statusCode = 304;
        response.end();
        return;
      }
      response.statusCode = 200;
      response.setHeader('content-type', file.contentType);
      response.end(method === 'HEAD' ? undefined : file.contents);
    },
  };
}

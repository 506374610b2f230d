// The web app on the local stack: built in memory at start-up and served at `/` by the API
// Gateway stand-in, with `/config.json` for this stack and the security headers (the same strict
// CSP) CloudFront sends on AWS.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WebConfigSchema, type WebConfig } from '#web/config.ts';
import { contentTypeOf, type WebAppBundle } from '#web/build.ts';
import { cacheControlFor, securityHeaders } from '#web/security-headers.ts';

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

/** Serves a built app (from bundleWebApp) and its configuration. */
export function serveWebApp(bundle: WebAppBundle, config: WebConfig): LocalWebApp {
  const headers = securityHeaders(config);
  const files = new Map(bundle.files.map((file) => [file.path, file]));
  const configJson = JSON.stringify(config);
  return {
    config,
    handle(request, response, path) {
      request.resume();
      const method = request.method ?? 'GET';
      const name = path === '/' ? 'index.html' : path.slice(1);
      const file = name === 'config.json' ? { contents: configJson, contentType: contentTypeOf(name) } : files.get(name);
      for (const [header, value] of Object.entries(headers)) response.setHeader(header, value);
      if (!file || (method !== 'GET' && method !== 'HEAD')) {
        // As API Gateway answers a path it has no route for.
        response.statusCode = 404;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ message: 'Not Found' }));
        return;
      }
      response.statusCode = 200;
      response.setHeader('content-type', file.contentType);
      response.setHeader('cache-control', cacheControlFor(name));
      response.end(method === 'HEAD' ? undefined : file.contents);
    },
  };
}

import type { WebConfig } from './config.ts';

// The headers every response of the web app carries: the local runtime sends them
// (local/web-host.ts), and CloudFront sends the same ones on AWS. The CSP is strict: no inline
// script or style anywhere in the app, so none is allowed.

/** A CSP source for a base URL: its origin with its path as a prefix (`/` matches everything). */
function source(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.replace(/\/?$/, '/')}`;
}

export function contentSecurityPolicy(config: WebConfig): string {
  const connect = ["'self'", ...(config.apiBaseUrl ? [source(config.apiBaseUrl)] : []), config.auth.tokenEndpoint];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    `form-action 'self' ${config.auth.authorizationEndpoint}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function securityHeaders(config: WebConfig): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(config),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'cross-origin-opener-policy': 'same-origin',
    // Browsers ignore it over plain http (locally); over HTTPS it keeps them there.
    'strict-transport-security': 'max-age=63072000; includeSubDomains',
  };
}

/** Hashed assets never change; the page and its configuration are checked on every load. */
export function cacheControlFor(path: string): string {
  return path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

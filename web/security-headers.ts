import { CLIENT_LETTER_STYLE_SOURCE } from '../shared/http/client-letter-page.ts';

// The headers every response of the web app carries, defined once: CloudFront sends them on AWS
// (infra/web-app.ts), the local runtime sends them locally (local/web-host.ts). The CSP is strict:
// the app has no inline script or style anywhere, so none is allowed. Plain strings only, so the
// CDK stack can pass its tokens (the API's URL, the Cognito domain) through unchanged.

export interface AppOrigins {
  /** The API's URL; '' when the API is on the app's own origin (locally). */
  apiOrigin: string;
  /** The origin of the sign-in pages (the Cognito domain, the dev IdP): the app calls its token endpoint, sign-in forms post there. */
  signInOrigin: string;
}

/**
 * Scripts, styles and everything else from the app's own origin only, no inline code; calls only to
 * the API and the sign-in domain; forms post only to the sign-in domain; never framed. One inline
 * stylesheet is allowed, by its hash: the client letter's, which the app opens in a window of its
 * own (a blob document keeps the app's CSP).
 */
export function contentSecurityPolicy({ apiOrigin, signInOrigin }: AppOrigins): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${CLIENT_LETTER_STYLE_SOURCE}`,
    "img-src 'self' data:",
    `connect-src ${["'self'", apiOrigin, signInOrigin].filter(Boolean).join(' ')}`,
    `form-action 'self' ${signInOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** No device features: the web app uses none, and nothing it loads may ask for them. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** Two years, subdomains included: once on HTTPS, browsers stay there. */
export const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 60 * 60;

/** Every header CloudFront's response headers policy sets, as one map (what the local runtime sends). */
export function securityHeaders(origins: AppOrigins): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(origins),
    // Browsers ignore it over plain http (locally); over HTTPS it keeps them there.
    'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'permissions-policy': PERMISSIONS_POLICY,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

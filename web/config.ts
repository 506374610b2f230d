import * as z from '../shared/domain/zod.ts';

/**
 * What the web app reads from `GET /config.json` at start: where the API is and how to sign in.
 * The local runtime serves it (local/web-host.ts); on AWS the CDK stack writes the same file to
 * the bucket. Nothing in it is secret: it is what any browser gets.
 */
export const WebConfigSchema = z.strictObject({
  /** Base URL of the API; '' when the API is on the same origin as the app (locally). */
  apiBaseUrl: z.union([z.literal(''), z.url()]),
  auth: z.strictObject({
    issuer: z.url(),
    authorizationEndpoint: z.url(),
    tokenEndpoint: z.url(),
    /** `<logoutEndpoint>?client_id=..&logout_uri=..` ends the session (Cognito's and the dev IdP's alike). */
    logoutEndpoint: z.url(),
    clientId: z.string().check(z.minLength(1)),
  }),
  environment: z.enum(['local', 'aws']),
  stage: z.string().check(z.minLength(1)),
});
export type WebConfig = z.infer<typeof WebConfigSchema>;

/** What the app knows of a region this deployment serves: from `GET /regions` at start, the build's list until then. */
export type { PublicRegion } from '../shared/domain/public-region.ts';

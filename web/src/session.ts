// Sign-in: OAuth 2.0 authorization code with PKCE against the configured identity provider
// (Cognito's hosted UI on AWS, the development IdP locally), done by oauth4webapi. The ID token is
// kept in sessionStorage: it lives as long as the tab, and goes with every API call.
import * as oauth from 'oauth4webapi';
import { ROLES, type Role } from '#shared/access/policy.ts';
import { REFERRER_KINDS, type ReferrerKind } from '#shared/domain/vocabulary.ts';
import type { WebConfig } from '../config.ts';

export interface User {
  /** The identity provider's subject: pseudonymous. */
  id: string;
  name?: string;
  email?: string;
  roles: Role[];
  organisationId?: string;
  organisationName?: string;
  referrerKind?: ReferrerKind;
  contactPersonId?: string;
  regionId?: string;
  /** When the ID token expires (ms since the epoch). */
  expiresAt: number;
}

export interface Session {
  idToken: string;
  user: User;
  /** When this tab signed in (ms since the epoch). */
  signedInAt: number;
}

const SESSION_KEY = 'overbrug.session';
const PENDING_KEY = 'overbrug.sign-in';
const SIGNED_OUT_KEY = 'overbrug.signed-out';
/** Sign in again this long before the token runs out, rather than fail halfway through a request. */
const EXPIRY_MARGIN_MS = 30_000;

interface PendingSignIn {
  state: string;
  codeVerifier: string;
  returnTo: string;
}

const redirectUri = () => `${location.origin}/`;

function server(config: WebConfig): oauth.AuthorizationServer {
  return {
    issuer: config.auth.issuer,
    authorization_endpoint: config.auth.authorizationEndpoint,
    token_endpoint: config.auth.tokenEndpoint,
    end_session_endpoint: config.auth.logoutEndpoint,
  };
}

const client = (config: WebConfig): oauth.Client => ({ client_id: config.auth.clientId });
// The local stack runs on plain http://localhost; everywhere else it is HTTPS only.
const requestOptions = (config: WebConfig) => (config.environment === 'local' ? { [oauth.allowInsecureRequests]: true } : {});

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** The user an ID token's claims describe: roles from `cognito:groups`, the rest from the custom attributes. */
export function userFromClaims(claims: Record<string, unknown>): User {
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'].map(String) : [];
  const kind = text(claims['custom:referrer_kind']);
  const optional = (key: keyof User, value: string | undefined) => (value ? { [key]: value } : {});
  return {
    id: String(claims.sub),
    roles: ROLES.filter((role) => groups.includes(role)),
    expiresAt: Number(claims.exp) * 1000,
    ...optional('name', text(claims.name)),
    ...optional('email', text(claims.email)),
    ...optional('organisationId', text(claims['custom:organisation_id'])),
    ...optional('organisationName', text(claims['custom:organisation_name'])),
    ...optional('contactPersonId', text(claims['custom:contact_person_id'])),
    ...optional('regionId', text(claims['custom:region_id'])),
    ...(kind && (REFERRER_KINDS as readonly string[]).includes(kind) ? { referrerKind: kind as ReferrerKind } : {}),
  };
}

/** The signed-in session of this tab, if it is still valid. */
export function currentSession(): Session | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return session && session.user.expiresAt - EXPIRY_MARGIN_MS > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

/** Whether this tab just signed out (the start page says so). */
export function justSignedOut(): boolean {
  return sessionStorage.getItem(SIGNED_OUT_KEY) !== null;
}

const draftSavers = new Set<() => void>();

/**
 * Lets a page keep what the user typed when sign-in interrupts it (an expired session): `save` runs
 * just before the browser leaves for the identity provider. Returns the unregister function.
 */
export function onBeforeSignIn(save: () => void): () => void {
  draftSavers.add(save);
  return () => draftSavers.delete(save);
}

/** Leaves for the identity provider's sign-in page; afterwards the app returns to `returnTo` (a hash). */
export async function signIn(config: WebConfig, returnTo = location.hash): Promise<never> {
  draftSavers.forEach((save) => save());
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const pending: PendingSignIn = { state, codeVerifier, returnTo: returnTo.startsWith('#/') ? returnTo : '#/' };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(config.auth.authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: config.auth.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: 'openid email profile',
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
  return new Promise<never>(() => undefined);
}

export class SignInFailed extends Error {
  override readonly name = 'SignInFailed';
}

/**
 * Finishes a sign-in when the identity provider sent the browser back with a code: exchanges it
 * (with the PKCE verifier) for the tokens, keeps the session, and answers where to go. Undefined
 * when this page load is not a sign-in callback.
 */
export async function completeSignIn(config: WebConfig): Promise<{ session: Session; returnTo: string } | undefined> {
  const url = new URL(location.href);
  if (!url.searchParams.has('state') || !(url.searchParams.has('code') || url.searchParams.has('error'))) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as PendingSignIn | null;
  sessionStorage.removeItem(PENDING_KEY);
  // The code is single-use: take it out of the address bar and the history at once.
  history.replaceState(null, '', `/${pending?.returnTo ?? '#/'}`);
  if (!pending) throw new SignInFailed('Deze inlogpoging is niet in dit tabblad begonnen.');
  try {
    const as = server(config);
    const params = oauth.validateAuthResponse(as, client(config), url, pending.state);
    const response = await oauth.authorizationCodeGrantRequest(as, client(config), oauth.None(), params, redirectUri(), pending.codeVerifier, requestOptions(config));
    const result = await oauth.processAuthorizationCodeResponse(as, client(config), response, { requireIdToken: true });
    const claims = oauth.getValidatedIdTokenClaims(result)!;
    const session: Session = { idToken: result.id_token!, user: userFromClaims(claims), signedInAt: Date.now() };
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    sessionStorage.removeItem(SIGNED_OUT_KEY);
    return { session, returnTo: pending.returnTo };
  } catch (error) {
    const reason = error instanceof oauth.AuthorizationResponseError ? error.error_description || error.error : (error as Error).message;
    throw new SignInFailed(`Inloggen is niet gelukt: ${reason}`);
  }
}

/** Ends the session here and at the identity provider, which sends the browser back to the start page. */
export function signOut(config: WebConfig): void {
  sessionStorage.removeItem(SESSION_KEY);
  sessionStorage.setItem(SIGNED_OUT_KEY, '1');
  const url = new URL(config.auth.logoutEndpoint);
  url.search = new URLSearchParams({ client_id: config.auth.clientId, logout_uri: redirectUri() }).toString();
  location.assign(url.toString());
}

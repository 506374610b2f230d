// The local development identity provider: it signs in demo users of every role and issues ID
// tokens shaped like Cognito's (RS256, the same claims), with a JWKS endpoint, an OAuth 2.0
// authorization-code flow with PKCE for the web app, and a token shortcut for curl and tests.
// The handlers verify its tokens with exactly the code that verifies Cognito's on AWS. It lives in
// local/, which no Lambda bundle contains: it cannot exist in a deployed stack.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { ROLE_LABELS, ROLES } from '#shared/access/policy.ts';
import { escapeHtml } from '#shared/http/html.ts';
import { DEMO_SYSTEM_CLIENTS } from '#shared/regions/demo-systems.ts';
import { DEMO_USERS, type DemoUser } from '#shared/regions/demo-users.ts';
import { SYSTEM_SCOPES } from '#shared/http/auth.ts';
import type { UserAccount } from '#shared/domain/user-account.ts';

/** The accounts a region's beheerder invited (the users table, as the users function keeps it): who signs in by e-mail. */
export interface InvitedUsers {
  byEmail(email: string): Promise<UserAccount | undefined>;
}

export const DEV_CLIENT_ID = 'overbrug-local-web';
type SigningKey = Awaited<ReturnType<typeof importJWK>>;
const TOKEN_SECONDS = 60 * 60;
const CODE_SECONDS = 120;

interface PendingCode {
  username: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
}

export interface DevIdpOptions {
  /** The issuer URL: where this provider is served, e.g. http://localhost:3000/dev-idp. */
  issuer: string;
  /** Redirect URIs must start with one of these (the web app's origin). */
  allowedRedirectPrefixes: string[];
  /** Keeps the signing key between restarts, so signed-in browsers stay signed in. */
  keyFile?: string;
}

const stableSubject = (username: string) => {
  const hex = createHash('sha256').update(`overbrug-dev-idp:${username}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const base64url = (buffer: Buffer) => buffer.toString('base64url');

export class DevIdentityProvider {
  readonly issuer: string;
  readonly #options: DevIdpOptions;
  readonly #privateKey: SigningKey;
  readonly #publicJwk: JWK;
  readonly #codes = new Map<string, PendingCode>();
  #invited: InvitedUsers | undefined;

  private constructor(options: DevIdpOptions, privateKey: SigningKey, publicJwk: JWK) {
    this.issuer = options.issuer.replace(/\/$/, '');
    this.#options = options;
    this.#privateKey = privateKey;
    this.#publicJwk = publicJwk;
  }

  static async create(options: DevIdpOptions): Promise<DevIdentityProvider> {
    let privateJwk: JWK | undefined;
    if (options.keyFile) privateJwk = await readFile(options.keyFile, 'utf8').then((text) => JSON.parse(text) as JWK, () => undefined);
    if (!privateJwk) {
      const { privateKey } = await generateKeyPair('RS256', { extractable: true });
      privateJwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
      if (options.keyFile) await writeFile(options.keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
    }
    const privateKey = await importJWK(privateJwk, "RS256");
    const { kty, n, e, kid } = privateJwk;
    return new DevIdentityProvider(options, privateKey, { kty, n, e, kid, alg: 'RS256', use: 'sig' });
  }

  /** Signs in the users a beheerder invited too (the users table), once the stack has its tables. */
  useDirectory(invited: InvitedUsers): void {
    this.#invited = invited;
  }

  /**
   * Who signs in as `username`: a demo user by name, or an invited user by e-mail. An invited user
   * who was deactivated is refused (DeactivatedUser), as Cognito refuses a disabled user.
   */
  async #account(username: string): Promise<{ subject: string; claims: Record<string, unknown> }> {
    const user = DEMO_USERS.find((candidate) => candidate.username === username);
    if (user) {
      return {
        subject: stableSubject(user.username),
        claims: {
          'cognito:username': user.username,
          'cognito:groups': user.roles,
          email: user.email,
          name: user.name,
          ...(user.organisationId ? { 'custom:organisation_id': user.organisationId } : {}),
          ...(user.organisationName ? { 'custom:organisation_name': user.organisationName } : {}),
          ...(user.referrerKind ? { 'custom:referrer_kind': user.referrerKind } : {}),
          ...(user.contactPersonId ? { 'custom:contact_person_id': user.contactPersonId } : {}),
          ...(user.regionId ? { 'custom:region_id': user.regionId } : {}),
        },
      };
    }
    const account = username.includes('@') && username.length <= 254 ? await this.#invited?.byEmail(username.trim()) : undefined;
    if (!account) throw new UnknownUser(username);
    if (!account.active) throw new DeactivatedUser();
    return {
      subject: account.userId,
      claims: {
        'cognito:username': account.email,
        'cognito:groups': [account.role],
        email: account.email,
        name: account.name,
        'custom:organisation_id': account.organisationId,
        ...(account.organisationName ? { 'custom:organisation_name': account.organisationName } : {}),
        ...(account.referrerKind ? { 'custom:referrer_kind': account.referrerKind } : {}),
        ...(account.contactPersonId ? { 'custom:contact_person_id': account.contactPersonId } : {}),
        'custom:region_id': account.regionId,
      },
    };
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.#publicJwk] };
  }

  /**
   * An ID token for a demo user, as Cognito would issue it. For tests of what the API refuses:
   * `expiresIn` below 0 makes an expired one, `null` one without `exp`; `now` sets `iat`; `claims`
   * change the user's (an account with a region this deployment does not serve).
   */
  async idToken(
    username: string,
    { expiresIn = TOKEN_SECONDS as number | null, now = Date.now(), use = 'id' as 'id' | 'access', claims = {} as Record<string, string> } = {},
  ): Promise<string> {
    const account = await this.#account(username);
    const issuedAt = Math.floor(now / 1000);
    const token = new SignJWT({
      token_use: use,
      auth_time: issuedAt,
      email_verified: true,
      ...account.claims,
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.#publicJwk.kid!, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(DEV_CLIENT_ID)
      .setSubject(account.subject)
      .setIssuedAt(issuedAt);
    if (expiresIn !== null) token.setExpirationTime(issuedAt + expiresIn);
    return token.sign(this.#privateKey);
  }

  /** Serves a request under the issuer's path; `path` is what follows it. */
  async handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    // Only on this machine: a page of another site that makes a browser resolve its own name to
    // 127.0.0.1 (DNS rebinding) sends its own Host, and gets nothing here.
    if (!isLoopbackHost(request.headers.host)) {
      request.resume();
      return sendJson(response, 421, { error: 'invalid_host', detail: 'The development sign-in answers on localhost only' });
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/.well-known/openid-configuration') return sendJson(response, 200, this.discovery());
    if (method === 'GET' && path === '/.well-known/jwks.json') return sendJson(response, 200, this.jwks());
    if (method === 'GET' && path === '/oauth2/authorize') return this.#signInPage(response, url.searchParams);
    if (method === 'POST' && path === '/oauth2/authorize') return this.#authorize(response, new URLSearchParams(await readText(request)));
    if (method === 'POST' && path === '/oauth2/token') {
      const params = new URLSearchParams(await readText(request));
      return params.get('grant_type') === 'client_credentials' ? this.#clientCredentials(request, response, params) : this.#token(response, params);
    }
    if (method === 'GET' && path === '/logout') return this.#logout(response, url.searchParams);
    if (method === 'GET' && path === '/token') return this.#shortcut(response, url.searchParams);
    return sendJson(response, 404, { error: 'not_found' });
  }

  /** The OpenID Connect discovery document: where to sign in, get tokens, sign out. */
  discovery() {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/oauth2/authorize`,
      token_endpoint: `${this.issuer}/oauth2/token`,
      end_session_endpoint: `${this.issuer}/logout`,
      jwks_uri: `${this.issuer}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: Object.values(SYSTEM_SCOPES),
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
    };
  }

  #checkClient(params: URLSearchParams): string | undefined {
    if (params.get('client_id') !== DEV_CLIENT_ID) return `client_id must be ${DEV_CLIENT_ID}`;
    const redirectUri = params.get('redirect_uri') ?? '';
    if (!this.#options.allowedRedirectPrefixes.some((prefix) => redirectUri.startsWith(prefix))) return 'redirect_uri is not allowed';
    if (params.get('response_type') !== 'code') return 'response_type must be code';
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) return 'PKCE with S256 is required';
    return undefined;
  }

  #signInPage(response: ServerResponse, params: URLSearchParams): void {
    const problem = this.#checkClient(params);
    if (problem) return sendHtml(response, 400, page('Inloggen mislukt', `<p>${escapeHtml(problem)}</p>`));
    const hidden = ['client_id', 'redirect_uri', 'response_type', 'state', 'code_challenge', 'code_challenge_method', 'scope']
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? '')}">`)
      .join('');
    const groups = ROLES.map((role) => {
      const users = DEMO_USERS.filter((user) => user.roles.includes(role));
      const buttons = users
        .map((user) => `<li><button type="submit" name="username" value="${escapeHtml(user.username)}">${escapeHtml(user.name)}</button> <span class="who">${escapeHtml(describe(user))}</span></li>`)
        .join('');
      return `<section aria-labelledby="role-${role}"><h2 id="role-${role}">${escapeHtml(ROLE_LABELS[role])}</h2><ul>${buttons}</ul></section>`;
    }).join('');
    const body = `
      <div class="banner" role="note"><strong>Alleen voor ontwikkeling.</strong> Dit is de lokale ontwikkel-inlog van Overbrug met fictieve
      demo-accounts, zonder wachtwoord. Gebruik hem nooit voor echte gegevens: op AWS logt u in via Cognito, met wachtwoord en MFA.</div>
      <section aria-labelledby="invited"><h2 id="invited">Uitgenodigd door de beheerder?</h2>
      <form method="post" action="${escapeHtml(this.issuer)}/oauth2/authorize">${hidden}
        <p><label for="email">Uw e-mailadres</label><br><input id="email" name="email" type="email" autocomplete="email" required></p>
        <p><button type="submit">Inloggen met e-mailadres</button></p>
      </form></section>
      <h2>Of kies een demo-account</h2>
      <p>Kies als wie u wilt inloggen.</p>
      <form method="post" action="${escapeHtml(this.issuer)}/oauth2/authorize">${hidden}${groups}</form>`;
    sendHtml(response, 200, page('Inloggen (ontwikkeling)', body));
  }

  async #authorize(response: ServerResponse, params: URLSearchParams): Promise<void> {
    const problem = this.#checkClient(params);
    const username = params.get('username') || params.get('email') || '';
    if (problem) return sendHtml(response, 400, page('Inloggen mislukt', `<p>${escapeHtml(problem)}</p>`));
    try {
      await this.#account(username);
    } catch (error) {
      if (error instanceof DeactivatedUser) {
        return sendHtml(response, 403, page('Inloggen mislukt', '<p>Uw account is uitgezet. U kunt niet meer inloggen. Denkt u dat dit niet klopt? Vraag het de beheerder van uw regio.</p>'));
      }
      if (error instanceof UnknownUser) {
        return sendHtml(response, 400, page('Inloggen mislukt', '<p>Wij kennen dit account niet. Kijk of u het e-mailadres goed heeft getypt, of vraag de beheerder van uw regio om een uitnodiging.</p>'));
      }
      throw error;
    }
    const code = base64url(randomBytes(32));
    const redirectUri = params.get('redirect_uri')!;
    this.#codes.set(code, { username, redirectUri, codeChallenge: params.get('code_challenge')!, expiresAt: Date.now() + CODE_SECONDS * 1000 });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    if (params.get('state')) target.searchParams.set('state', params.get('state')!);
    response.statusCode = 303;
    response.setHeader('location', target.toString());
    response.end();
  }

  async #token(response: ServerResponse, params: URLSearchParams): Promise<void> {
    const code = params.get('code') ?? '';
    const pending = this.#codes.get(code);
    this.#codes.delete(code);
    const verifier = params.get('code_verifier') ?? '';
    const challenge = base64url(createHash('sha256').update(verifier).digest());
    if (
      params.get('grant_type') !== 'authorization_code' ||
      params.get('client_id') !== DEV_CLIENT_ID ||
      !pending ||
      pending.expiresAt < Date.now() ||
      pending.redirectUri !== params.get('redirect_uri') ||
      pending.codeChallenge !== challenge
    ) {
      return sendJson(response, 400, { error: 'invalid_grant' });
    }
    const [idToken, accessToken] = await Promise.all([this.idToken(pending.username), this.idToken(pending.username, { use: 'access' })]);
    sendJson(response, 200, { id_token: idToken, access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_SECONDS });
  }

  /**
   * OAuth 2.0 client credentials (RFC 6749 §4.4) for a demo practice system: its id and secret by
   * HTTP Basic auth or in the body (§2.3.1). The access token is shaped like Cognito's for a
   * resource server: token_use access, client_id, the scopes granted, no audience.
   */
  async #clientCredentials(request: IncomingMessage, response: ServerResponse, params: URLSearchParams): Promise<void> {
    let clientId = params.get('client_id') ?? '';
    let secret = params.get('client_secret') ?? '';
    const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (basic) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
    }
    const client = DEMO_SYSTEM_CLIENTS.find((candidate) => candidate.clientId === clientId);
    if (!client || client.localSecret !== secret) {
      response.setHeader('www-authenticate', 'Basic realm="dev-idp"');
      return sendJson(response, 401, { error: 'invalid_client' });
    }
    const all = Object.values(SYSTEM_SCOPES) as string[];
    const asked = (params.get('scope') ?? '').split(' ').filter(Boolean);
    if (asked.some((scope) => !all.includes(scope))) return sendJson(response, 400, { error: 'invalid_scope' });
    const scope = (asked.length ? asked : all).join(' ');
    const issuedAt = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({ token_use: 'access', client_id: client.clientId, scope })
      .setProtectedHeader({ alg: 'RS256', kid: this.#publicJwk.kid!, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setSubject(client.clientId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + TOKEN_SECONDS)
      .sign(this.#privateKey);
    sendJson(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_SECONDS, scope });
  }

  #logout(response: ServerResponse, params: URLSearchParams): void {
    const target = params.get('logout_uri') ?? '';
    if (params.get('client_id') !== DEV_CLIENT_ID || !this.#options.allowedRedirectPrefixes.some((prefix) => target.startsWith(prefix))) {
      return sendHtml(response, 400, page('Uitloggen', '<p>Onbekende logout_uri.</p>'));
    }
    response.statusCode = 303;
    response.setHeader('location', target);
    response.end();
  }

  /**
   * `GET /dev-idp/token?user=poh-delinde`: an ID token without the browser flow, for curl and tests
   * (`&format=text` gives the bare token; `&expires_in=-60` an expired one). An invited user by
   * e-mail: `?user=<e-mail>`; a deactivated one gets 403 `user_disabled`.
   */
  async #shortcut(response: ServerResponse, params: URLSearchParams): Promise<void> {
    const username = params.get('user') ?? '';
    const expiresIn = Number(params.get('expires_in') ?? TOKEN_SECONDS);
    if (!Number.isInteger(expiresIn) || expiresIn < -86_400 || expiresIn > 86_400) return sendJson(response, 400, { error: 'expires_in must be whole seconds within a day' });
    try {
      const idToken = await this.idToken(username, { expiresIn });
      if (params.get('format') === 'text') {
        response.setHeader('content-type', 'text/plain');
        response.end(idToken);
        return;
      }
      sendJson(response, 200, { id_token: idToken, token_type: 'Bearer', expires_in: expiresIn });
    } catch (error) {
      if (error instanceof DeactivatedUser) return sendJson(response, 403, { error: 'user_disabled', detail: error.message });
      if (!(error instanceof UnknownUser)) throw error;
      sendJson(response, 404, { error: 'unknown_user', detail: error.message });
    }
  }
}

/** An ID token for a demo user from a running dev IdP (`GET <issuer>/token?user=`): for scripts and tests. */
export async function fetchDevToken(issuer: string, username: string, { expiresIn }: { expiresIn?: number } = {}): Promise<string> {
  const response = await fetch(`${issuer}/token?user=${encodeURIComponent(username)}${expiresIn === undefined ? '' : `&expires_in=${expiresIn}`}`);
  if (!response.ok) throw new Error(`The dev IdP gave no token for ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id_token: string }).id_token;
}

export class UnknownUser extends Error {
  constructor(username: string) {
    super(`No demo user '${username}' and no invited user with that e-mail. Demo users: ${DEMO_USERS.map((user) => user.username).join(', ')}`);
    this.name = 'UnknownUser';
  }
}

export class DeactivatedUser extends Error {
  constructor() {
    super('This account is deactivated: it cannot sign in');
    this.name = 'DeactivatedUser';
  }
}

function describe(user: DemoUser): string {
  return user.organisationName ?? user.contactPersonId ?? user.regionId ?? user.username;
}

/** `localhost`, `127.x.x.x` or `[::1]`, with or without a port. */
export function isLoopbackHost(host: string | undefined): boolean {
  const name = /^(\[[^\]]*\]|[^:]*)(?::\d{1,5})?$/.exec(host ?? '')?.[1]?.toLowerCase();
  return name === 'localhost' || name === '[::1]' || (name !== undefined && /^127(?:\.\d{1,3}){3}$/.test(name));
}

function readText(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 16_384) request.destroy(new Error('Body too large'));
    });
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.setHeader('cache-control', 'no-store');
  response.end(JSON.stringify(body));
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.statusCode = status;
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  // Never inside another page's frame: a sign-in page in a frame is how clickjacking picks the account.
  response.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  response.setHeader('x-frame-options', 'DENY');
  response.end(html);
}


function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Overbrug</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 46rem; padding: 1rem; color: #1a1a1a; }
  .banner { background: #fff4ce; border: 2px solid #8a6d00; padding: .75rem 1rem; border-radius: .25rem; }
  h1 { font-size: 1.5rem; } h2 { font-size: 1.1rem; margin-top: 1.5rem; }
  ul { list-style: none; padding: 0; } li { margin: .4rem 0; }
  button { font: inherit; padding: .4rem .8rem; border: 2px solid #004b87; background: #004b87; color: #fff; border-radius: .25rem; cursor: pointer; }
  button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
  .who { color: #444; }
</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

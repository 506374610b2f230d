// The API as the pages use it: JSON in and out, the signed-in user's ID token on every call,
// problem details (RFC 9457) as ApiProblem, and a new sign-in when the session has run out.
import type { WebConfig } from '../config.ts';
import { currentSession, signIn } from './session.ts';

export interface FieldError {
  path: string;
  message: string;
}

/** A problem+json answer: `type` names the problem, `errors` lists failing fields. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  /** The whole body, for extension members such as `openReferralId`. */
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>) {
    super(typeof body.detail === 'string' ? body.detail : `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.type = typeof body.type === 'string' ? body.type : 'about:blank';
    this.title = typeof body.title === 'string' ? body.title : '';
    this.detail = typeof body.detail === 'string' ? body.detail : undefined;
    this.errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : [];
  }
}

/** The API could not be reached (network down, server gone): nothing is known about the request's fate. */
export class ApiUnreachable extends Error {
  override readonly name = 'ApiUnreachable';
}

let configured: WebConfig | undefined;
const FRESH_SESSION_MS = 60_000;

export function configureApi(config: WebConfig): void {
  configured = config;
}

/**
 * Calls the API with JSON. A session that ran out, or a 401, sends the browser to sign in again; it
 * comes back to the page it was on (pages keep what was typed with onBeforeSignIn).
 */
export async function api<T>(method: 'GET' | 'POST' | 'PUT', path: string, options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<T> {
  const { text } = await call(method, path, 'application/json, application/problem+json', options);
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return body as T;
}

/** A GET of something other than JSON (the client letter's HTML): its text and content type. */
export async function apiText(path: string, accept: string): Promise<{ text: string; contentType: string }> {
  return call('GET', path, `${accept}, application/problem+json`, {});
}

async function call(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  accept: string,
  options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal },
): Promise<{ text: string; contentType: string }> {
  const config = configured!;
  const session = currentSession();
  if (!session) return signIn(config);
  let response: Response;
  try {
    response = await fetch(`${config.apiBaseUrl}${path}`, {
      method,
      headers: {
        accept,
        authorization: `Bearer ${session.idToken}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiUnreachable('Overbrug is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.');
  }
  // A refused session signs in again, unless it is brand new: then signing in again would only go
  // round in circles (an identity provider that remembers the user sends them straight back).
  if (response.status === 401 && Date.now() - session.signedInAt > FRESH_SESSION_MS) return signIn(config);
  const text = await response.text();
  if (!response.ok) {
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    throw new ApiProblem(response.status, body && typeof body === 'object' ? (body as Record<string, unknown>) : {});
  }
  return { text, contentType: response.headers.get('content-type') ?? '' };
}

/** What a problem type means to the user, in Dutch (the API's own details are in English). */
const PROBLEM_MESSAGES: Record<string, string> = {
  '/problems/wrong-status': 'Dat kan nu niet meer: de verwijzing is intussen verder gegaan. Bekijk de actuele stand.',
  '/problems/conflict': 'Iemand anders veranderde de verwijzing net. Bekijk de actuele stand en probeer het opnieuw.',
  '/problems/invalid-action': 'Dat kan zo niet; controleer wat u invulde.',
  '/problems/body-too-large': 'Wat u invulde is te lang om te versturen.',
  '/problems/hand-off-ended': 'Deze overdracht is voorbij: de cliënt trok de toestemming in, of de zaak is afgesloten. Neem geen contact meer op.',
  '/problems/duplicate-referral': 'Deze cliënt heeft al een open verwijzing voor die hulpvraag, van een andere verwijzer of een andere verwijzing.',
};

/** A Dutch sentence for any error an API call can end in. */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiUnreachable) return error.message;
  if (error instanceof ApiProblem) {
    const known = PROBLEM_MESSAGES[error.type];
    if (known) return known;
    if (error.status === 401) return 'U bent net ingelogd, maar Overbrug accepteert uw account niet. Vraag de beheerder om uw account na te kijken.';
    if (error.status === 403) return 'U mag dit niet met uw rol. Vraag de beheerder als dat niet klopt.';
    if (error.status === 404) return 'Niet gevonden. Misschien bestaat het niet (meer), of is het niet van uw organisatie.';
    if (error.status >= 500) return 'Er ging bij Overbrug iets mis. Probeer het over een ogenblik opnieuw.';
    return `Dat werd geweigerd (${error.status}${error.detail ? `: ${error.detail}` : ''}).`;
  }
  return 'Er ging iets mis in de app. Laad de pagina opnieuw.';
}

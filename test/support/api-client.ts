import { fetchDevToken } from '#local/dev-idp.ts';
import { DEMO_USERS } from '#shared/regions/demo-users.ts';
// Speaks to Overbrug over HTTP only, so the same cases can run against a deployed base URL.

export interface ReferralView {
  referralId: string;
  status: string;
  triage: { route: string; urgency: string; reasons: string[] } | null;
  matches: { serviceId: string; name: string; kind: string; placeReserved: boolean; reasons: string[] }[];
  contactPerson: { id: string; name: string; phone: string | null; email: string } | null;
  notifications: { kind: string; sentAt: string }[];
  timeline: { event: string; at: string }[];
}

export const FINAL_STATUSES = ['notified', 'crisis-handed-off', 'flagged-for-region'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class OverbrugClient {
  readonly baseUrl: string;
  readonly #auth: Record<string, string>;

  /** `auth`: headers that sign the requests in, e.g. a bearer token for a deployed stack. */
  constructor(baseUrl: string, auth: Record<string, string> = {}) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.#auth = auth;
  }

  /** A client of the local stack, signed in at its dev IdP as this demo user. */
  static async local(endpoints: { api: string; idp: string }, username = 'poh-delinde'): Promise<OverbrugClient> {
    return new OverbrugClient(endpoints.api, { authorization: `Bearer ${await devToken(endpoints.idp, username)}` });
  }

  /** Any request, signed in, with a JSON body when given. */
  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...this.#auth, ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as Record<string, any> };
  }

  /** A case action (accept, decline, record-first-contact, ...) on a referral. */
  act(referralId: string, action: Record<string, unknown>) {
    return this.request('POST', `/referrals/${encodeURIComponent(referralId)}/actions`, action);
  }

  async submit(body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.baseUrl}/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.#auth, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, any> };
  }

  async get(referralId: string) {
    const response = await fetch(`${this.baseUrl}/referrals/${encodeURIComponent(referralId)}`, { headers: this.#auth });
    return { status: response.status, headers: response.headers, json: (await response.json()) as ReferralView & Record<string, any> };
  }

  /** Polls until the referral reaches one of `statuses`; fails with its last state when it does not. */
  async waitForStatus(referralId: string, statuses: string[] = FINAL_STATUSES, timeoutMs = 30_000): Promise<ReferralView> {
    const deadline = Date.now() + timeoutMs;
    let last: ReferralView | undefined;
    while (Date.now() < deadline) {
      const { status, json } = await this.get(referralId);
      if (status === 200) {
        last = json;
        if (statuses.includes(json.status)) return json;
      }
      await sleep(100);
    }
    throw new Error(`Referral ${referralId} did not reach ${statuses.join('/')} in ${timeoutMs} ms; last: ${JSON.stringify(last?.status)}`);
  }
}

/**
 * The demo partner user whose organisation keeps this service on the kaart, found as a partner finds
 * its own entries (`GET /kaart`): who is told of a hand-off to that service.
 */
export async function demoPartnerOf(endpoints: { api: string; idp: string }, serviceId: string): Promise<string> {
  for (const user of DEMO_USERS.filter((candidate) => candidate.roles.includes('partner'))) {
    const partner = await OverbrugClient.local(endpoints, user.username);
    const { json } = await partner.request('GET', '/kaart');
    if ((json.items as { serviceId: string }[]).some((entry) => entry.serviceId === serviceId)) return user.username;
  }
  throw new Error(`No demo partner keeps ${serviceId}`);
}

/** An ID token for a demo user from the local stack's dev IdP. */
export const devToken = fetchDevToken;

export interface MailboxEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
  headers?: { name: string; value: string }[];
}

export async function mailbox(sesUrl: string): Promise<MailboxEmail[]> {
  const store = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: MailboxEmail[] };
  return store.emails;
}

export const notificationIdOf = (email: MailboxEmail) =>
  email.headers?.find((header) => header.name === 'X-Overbrug-Notification-Id')?.value;

/** The kind of a notification (contact-person, bridging-partner, ...), from its id. */
export const notificationKindOf = (email: MailboxEmail) => notificationIdOf(email)?.split(':')[1];

import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { normaliseReferral, ReferralRequestSchema } from '#shared/domain/referral-request.ts';
import { referrerOf, type ReferralRequest, type Referrer, type ReferrerAccount } from '#shared/domain/referral.ts';
import { DEMO_USERS } from '#shared/regions/demo-users.ts';
import type { Route } from '#shared/domain/vocabulary.ts';

/** The sample referrals in events/referrals: one per route, named after it. */
export const SAMPLE_ROUTES: readonly Route[] = ['crisis', 'specialised-ggz', 'basic-ggz', 'social-domain', 'combined', 'advice-only'];

export const samplePath = (route: Route) => fileURLToPath(new URL(`../../events/referrals/${route}.json`, import.meta.url));

/**
 * A sample referral for a client of its own: the client reference gets a unique suffix, because a
 * second open referral for the same client and need is refused (the duplicate guard).
 */
export async function sampleBody(route: Route, { sameClient = false } = {}): Promise<Record<string, any>> {
  const body = JSON.parse(await readFile(samplePath(route), 'utf8')) as Record<string, any>;
  if (!sameClient) body.client.ref = `${body.client.ref}-${randomUUID().slice(0, 8)}`;
  return body;
}

/** Who the samples are referred by: the demo POH's account (a referral names its referrer from the account, not the body). */
const demoPoh = DEMO_USERS.find((user) => user.username === 'poh-delinde')!;
export const SAMPLE_REFERRER_ACCOUNT: ReferrerAccount = { name: demoPoh.name, organisationName: demoPoh.organisationName!, email: demoPoh.email };

/** A sample as the pipeline stores it: the referrer from the demo POH's account. */
export async function loadSample(route: Route): Promise<ReferralRequest & { referrer: Referrer }> {
  const { request } = normaliseReferral(ReferralRequestSchema.parse(await sampleBody(route, { sameClient: true })));
  return { ...request, referrer: referrerOf(request, SAMPLE_REFERRER_ACCOUNT) };
}

export async function readEvent<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(fileURLToPath(new URL(`../../events/${path}`, import.meta.url)), 'utf8')) as T;
}

import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { normaliseReferral, ReferralRequestSchema, type ReferralRequest } from '#shared/domain/referral.ts';
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

export async function loadSample(route: Route): Promise<ReferralRequest> {
  return normaliseReferral(ReferralRequestSchema.parse(await sampleBody(route, { sameClient: true }))).request;
}

export async function readEvent<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(fileURLToPath(new URL(`../../events/${path}`, import.meta.url)), 'utf8')) as T;
}

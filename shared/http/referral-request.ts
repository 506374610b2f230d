import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { MAX_REFERRAL_BODY_BYTES } from '../domain/referral.ts';
import { normaliseReferral, ReferralRequestSchema, type ReferralRequest } from '../domain/referral-request.ts';
import type { RegionConfig } from '../domain/region.ts';
import { regionForGemeente, SERVED_GEMEENTEN } from '../regions/index.ts';
import { issuesToErrors, readJsonBody } from './request.ts';
import { problem, type FieldError } from './responses.ts';

export type ParsedReferral =
  | { ok: true; request: ReferralRequest; awaitingIntake: boolean; config: RegionConfig; idempotencyKey?: string }
  | { ok: false; response: APIGatewayProxyStructuredResultV2 };

const invalid = (errors: FieldError[], detail = 'The referral has invalid fields; nothing was stored.') =>
  ({
    ok: false,
    response: problem(400, { type: '/problems/invalid-referral', title: 'Invalid referral', detail, errors }),
  }) as const;

// Idempotency keys are opaque to us; a UUID is what clients should send.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Reads and validates a POST /referrals request. Every failing field is reported at once; nothing
 * about the body reaches a log.
 */
/** `callerRegionId`: the referrer's region (`custom:region_id`), where their account has one: they refer clients of that region only. */
export function parseReferralRequest(event: APIGatewayProxyEventV2, callerRegionId?: string): ParsedReferral {
  const idempotencyKey = event.headers?.['idempotency-key'];
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return invalid(
      [{ path: 'Idempotency-Key', message: 'Must be 1 to 255 visible ASCII characters; send a UUID' }],
      'The Idempotency-Key header is invalid; nothing was stored.',
    );
  }
  const read = readJsonBody(event, MAX_REFERRAL_BODY_BYTES);
  if (!read.ok) {
    // A body that does not parse is an invalid referral like any other.
    return read.response.statusCode === 400
      ? invalid([{ path: '(body)', message: 'Must be a JSON object in UTF-8' }], 'The body is not valid JSON; nothing was stored.')
      : read;
  }
  const checked = checkReferral(read.value, callerRegionId);
  if (!checked.ok) return invalid(checked.errors);
  return { ok: true, request: checked.request, awaitingIntake: checked.awaitingIntake, config: checked.config, ...(idempotencyKey ? { idempotencyKey } : {}) };
}

/**
 * The validation every referral goes through, whichever way it came (POST /referrals, or a FHIR
 * Bundle made into the same body): the schema, and a gemeente this instance serves (of the
 * referrer's own region, where their account names one). Every failing field at once.
 */
export function checkReferral(body: unknown, callerRegionId?: string): { ok: true; request: ReferralRequest; awaitingIntake: boolean; config: RegionConfig } | { ok: false; errors: FieldError[] } {
  const parsed = ReferralRequestSchema.safeParse(body);
  const gemeente = (body as { client?: { gemeente?: unknown } } | null)?.client?.gemeente;
  const served = typeof gemeente === 'string' ? regionForGemeente(gemeente) : undefined;
  const errors = parsed.success ? [] : issuesToErrors(parsed.error.issues);
  // Every failing field at once: an unserved gemeente too, even when other fields fail.
  if (typeof gemeente === 'string' && !served && !errors.some((error) => error.path === 'client.gemeente')) {
    errors.push({ path: 'client.gemeente', message: `Not served by this Overbrug instance; served gemeenten: ${SERVED_GEMEENTEN.join(', ')}` });
  }
  // Every user belongs to one region: a referrer of one region does not file cases in another.
  if (served && callerRegionId !== undefined && served.config.region.regionId !== callerRegionId) {
    errors.push({ path: 'client.gemeente', message: `${served.gemeente} is not a gemeente of your region; refer this client through the region that serves ${served.gemeente}` });
  }
  if (!parsed.success || !served || errors.length) return { ok: false, errors };
  const { request, awaitingIntake } = normaliseReferral({ ...parsed.data, client: { ...parsed.data.client, gemeente: served.gemeente } });
  return { ok: true, request, awaitingIntake, config: served.config };
}

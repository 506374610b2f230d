import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { MAX_REFERRAL_BODY_BYTES, ReferralRequestSchema, type ReferralRequest } from '../domain/referral.ts';
import type { RegionConfig } from '../domain/region.ts';
import { regionForGemeente, SERVED_GEMEENTEN } from '../regions/index.ts';
import { problem, type FieldError } from './responses.ts';

export type ParsedReferral =
  | { ok: true; request: ReferralRequest; config: RegionConfig; idempotencyKey?: string }
  | { ok: false; response: APIGatewayProxyStructuredResultV2 };

const invalid = (errors: FieldError[], detail = 'The referral has invalid fields; nothing was stored.') =>
  ({
    ok: false,
    response: problem(400, { type: '/problems/invalid-referral', title: 'Invalid referral', detail, errors }),
  }) as const;

// Idempotency keys are opaque to us; a UUID is what clients should send.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join('.') || '(body)';
}

function issuesToErrors(issues: z.core.$ZodIssue[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const base = pathOf(issue);
      for (const key of issue.keys) {
        errors.push({
          path: base === '(body)' ? key : `${base}.${key}`,
          message: 'Unknown field: send only the fields of the contract (no names, no BSN)',
        });
      }
    } else {
      errors.push({ path: pathOf(issue), message: issue.message });
    }
  }
  return errors;
}

/**
 * Reads and validates a POST /referrals request. Every failing field is reported at once; nothing
 * about the body reaches a log.
 */
export function parseReferralRequest(event: APIGatewayProxyEventV2): ParsedReferral {
  const idempotencyKey = event.headers?.['idempotency-key'];
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return invalid(
      [{ path: 'Idempotency-Key', message: 'Must be 1 to 255 visible ASCII characters; send a UUID' }],
      'The Idempotency-Key header is invalid; nothing was stored.',
    );
  }
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    return {
      ok: false,
      response: problem(415, {
        type: '/problems/unsupported-media-type',
        title: 'Unsupported media type',
        detail: 'Send the referral as JSON with Content-Type: application/json.',
      }),
    };
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > MAX_REFERRAL_BODY_BYTES) {
    return {
      ok: false,
      response: problem(413, {
        type: '/problems/body-too-large',
        title: 'Body too large',
        detail: `A referral is at most ${MAX_REFERRAL_BODY_BYTES} bytes.`,
      }),
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return invalid([{ path: '(body)', message: 'Must be a JSON object in UTF-8' }], 'The body is not valid JSON; nothing was stored.');
  }
  const parsed = ReferralRequestSchema.safeParse(body);
  const gemeente = (body as { client?: { gemeente?: unknown } } | null)?.client?.gemeente;
  const served = typeof gemeente === 'string' ? regionForGemeente(gemeente) : undefined;
  const errors = parsed.success ? [] : issuesToErrors(parsed.error.issues);
  // Every failing field at once: an unserved gemeente too, even when other fields fail.
  if (typeof gemeente === 'string' && !served && !errors.some((error) => error.path === 'client.gemeente')) {
    errors.push({ path: 'client.gemeente', message: `Not served by this Overbrug instance; served gemeenten: ${SERVED_GEMEENTEN.join(', ')}` });
  }
  if (!parsed.success || !served) return invalid(errors);
  const request: ReferralRequest = { ...parsed.data, client: { ...parsed.data.client, gemeente: served.gemeente } };
  return { ok: true, request, config: served.config, ...(idempotencyKey ? { idempotencyKey } : {}) };
}

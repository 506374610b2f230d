import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { problem, type FieldError } from './responses.ts';

/** Referral ids are UUIDs; anything else cannot exist, and answers 404 like an unknown one. */
export const REFERRAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join('.') || '(body)';
}

/** Zod issues as the problem's `errors`, one per failing field; unknown keys each by name. */
export function issuesToErrors(issues: z.core.$ZodIssue[]): FieldError[] {
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

export const invalidBody = (issues: z.core.$ZodIssue[] | FieldError[], detail: string) =>
  problem(400, {
    type: '/problems/invalid-request',
    title: 'Invalid request',
    detail,
    errors: issues.length && 'code' in issues[0]! ? issuesToErrors(issues as z.core.$ZodIssue[]) : (issues as FieldError[]),
  });

/** The request's JSON body: refused with 415 unless JSON, 413 above `maxBytes`, 400 unless it parses. */
export function readJsonBody(
  event: APIGatewayProxyEventV2,
  maxBytes: number,
): { ok: true; value: unknown } | { ok: false; response: APIGatewayProxyStructuredResultV2 } {
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    return {
      ok: false,
      response: problem(415, {
        type: '/problems/unsupported-media-type',
        title: 'Unsupported media type',
        detail: 'Send JSON with Content-Type: application/json.',
      }),
    };
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) {
    return {
      ok: false,
      response: problem(413, { type: '/problems/body-too-large', title: 'Body too large', detail: `The body is at most ${maxBytes} bytes.` }),
    };
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, response: invalidBody([{ path: '(body)', message: 'Must be a JSON object in UTF-8' }], 'The body is not valid JSON; nothing changed.') };
  }
}

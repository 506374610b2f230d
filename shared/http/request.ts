import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from '../domain/zod.ts';
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

/**
 * How deep JSON may nest in a request body: far more than any contract of ours needs (an HSDS
 * document nests about 6 deep), far less than what makes a recursive walk overflow its stack
 * (a kaart import nested 20,000 arrays deep was a 500).
 */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in JSON text, counted without parsing it (strings skipped). */
export function jsonDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92 /* \ */) index++;
      else if (char === 34 /* " */) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 91 /* [ */ || char === 123 /* { */) {
      if (++depth > maxDepth) return true;
    } else if (char === 93 /* ] */ || char === 125 /* } */) depth--;
  }
  return false;
}

/**
 * The request's JSON body: refused with 415 unless JSON, 413 above `maxBytes`, 400 unless it
 * parses, and 400 when it nests deeper than `maxDepth` (checked before parsing).
 */
export function readJsonBody(
  event: APIGatewayProxyEventV2,
  maxBytes: number,
  { maxDepth = MAX_JSON_DEPTH } = {},
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
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (jsonDepthExceeds(text, maxDepth)) {
      return { ok: false, response: invalidBody([{ path: '(body)', message: `Must not nest deeper than ${maxDepth} levels` }], 'The body nests too deep; nothing changed.') };
    }
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: invalidBody([{ path: '(body)', message: 'Must be a JSON object in UTF-8' }], 'The body is not valid JSON; nothing changed.') };
  }
}

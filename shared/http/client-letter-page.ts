import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CLIENT_LETTER_STYLE } from '../domain/client-letter.ts';

/** The CSP source that allows the client letter's one stylesheet and nothing else. */
export const CLIENT_LETTER_STYLE_SOURCE = `'sha256-${createHash('sha256').update(CLIENT_LETTER_STYLE).digest('base64')}'`;

/** The client letter as a page: its own stylesheet (by hash), no script, nothing loaded, never framed. */
export function clientLetterPage(body: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `default-src 'none'; style-src ${CLIENT_LETTER_STYLE_SOURCE}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    },
    body,
  };
}

import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { escapeHtml } from '../domain/text.ts';

export { escapeHtml };

/**
 * A small page in Dutch, for the few answers a person opens from an e-mail rather than the web app.
 * No script and no style: the CSP allows nothing but posting a form back to this page.
 */
export function htmlPage(status: number, title: string, bodyHtml: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    },
    body: `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Overbrug</title></head><body><main><h1>${escapeHtml(title)}</h1>${bodyHtml}</main></body></html>`,
  };
}


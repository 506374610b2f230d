import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldError } from '../domain/field-error.ts';

export type { FieldError } from '../domain/field-error.ts';

export interface Problem {
  /** A relative URI naming the kind of problem; docs/api.md describes each. */
  type: string;
  title: string;
  detail?: string;
  errors?: FieldError[];
  /** Extension members (RFC 9457 §3.2), e.g. the id of the open referral in the way. */
  [extension: string]: unknown;
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** An RFC 9457 problem details response. */
export function problem(status: number, body: Problem, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify({ ...body, status }),
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

export const notFound = (what: string) =>
  problem(404, { type: '/problems/not-found', title: 'Not found', detail: `${what} does not exist` });

/** A referral whose retention period passed: only the counted facts remain, nothing to show a person. */
export const pseudonymised = () =>
  problem(410, {
    type: '/problems/pseudonymised',
    title: 'Pseudonymised',
    detail: 'This case was closed long enough ago that its retention period passed: the client details are removed.',
  });

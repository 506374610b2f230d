import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ROLES, type Role } from '../topology.ts';
import { problem } from './responses.ts';

export interface Caller {
  /** The identity provider's subject: a pseudonymous user id, what the access log records. */
  id: string;
  roles: Role[];
  /** For a cliëntondersteuner: which contact person they are (Cognito attribute `custom:contact_person_id`). */
  contactPersonId?: string;
}

/**
 * Who calls, from the JWT claims API Gateway verified (Cognito groups are the roles). API Gateway
 * already refused requests without a valid token; the handler checks the role itself as well, so
 * a route wired without its authorizer still lets nobody in.
 *
 * `AUTHORIZATION=none` is set by the local runtime only, which has no sign-in yet: every call is
 * then an anonymous caller with every role. The CDK stack never sets it (a template test holds it
 * to that), and without it the handler refuses a request without verified claims.
 */
export function callerOf(event: APIGatewayProxyEventV2): Caller | undefined {
  const claims = (event as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext.authorizer?.jwt?.claims;
  if (claims?.sub) {
    const groups = parseGroups(claims['cognito:groups']);
    const contactPersonId = claims['custom:contact_person_id'];
    return {
      id: String(claims.sub),
      roles: ROLES.filter((role) => groups.includes(role)),
      ...(contactPersonId ? { contactPersonId: String(contactPersonId) } : {}),
    };
  }
  if (process.env.AUTHORIZATION === 'none') return { id: 'anonymous', roles: [...ROLES] };
  return undefined;
}

/** Cognito puts groups in the token as an array, which API Gateway hands over as "[a b]". */
function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

/** The caller, or the problem to answer: 401 without a verified identity, 403 without the role. */
export function authorize(event: APIGatewayProxyEventV2): { caller: Caller } | { denied: APIGatewayProxyStructuredResultV2 } {
  const caller = callerOf(event);
  if (!caller) {
    return { denied: problem(401, { type: '/problems/unauthorized', title: 'Sign-in required', detail: 'Send a valid bearer token.' }) };
  }
  const allowed = (process.env.ALLOWED_ROLES ?? '').split(',').filter(Boolean);
  if (!caller.roles.some((role) => allowed.includes(role))) {
    return { denied: problem(403, { type: '/problems/forbidden', title: 'Not allowed', detail: 'Your role may not do this.' }) };
  }
  return { caller };
}

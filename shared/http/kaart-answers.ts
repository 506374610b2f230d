import type { Answer, KaartKeeper } from '../pipeline/kaart-admin.ts';
import type { Access } from './auth.ts';
import { invalidBody } from './request.ts';
import { json, notFound } from './responses.ts';

// What the kaart functions (kaart-admin, kaart-import) share at the HTTP edge: who keeps the kaart
// in this request, and how a use case's answer becomes a response.

/** The signed-in caller as the access policy scoped them. */
export const keeperOf = ({ caller, role, scope }: Access): KaartKeeper => ({
  id: caller.id,
  role,
  scope,
  ...(caller.regionId !== undefined ? { regionId: caller.regionId } : {}),
  ...(caller.organisationId !== undefined ? { organisationId: caller.organisationId } : {}),
});

/** 200 with the answer, or the refusal as a problem (400 with the fields, 404 as if it did not exist). */
export function respond(answer: Answer<unknown>) {
  if (!('refused' in answer)) return json(200, answer.value);
  return answer.refused === 'invalid' ? invalidBody(answer.issues, answer.detail) : notFound(answer.what);
}

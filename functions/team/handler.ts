import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { sqsClient } from '#shared/adapters/sqs-client.ts';
import { ContactPersonHistory } from '#shared/adapters/contact-person-history.ts';
import { ContactPersonStore, type StoredContactPerson } from '#shared/adapters/contact-person-store.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { queueUrl, tableName } from '#shared/config.ts';
import { CONTACT_PERSON_ID, ContactPersonInputSchema, NewContactPersonSchema } from '#shared/domain/contact-person-entry.ts';
import { authorize, type Access } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { invalidBody, readJsonBody } from '#shared/http/request.ts';
import { json, notFound, problem } from '#shared/http/responses.ts';
import type { HandOverReport } from '#shared/pipeline/hand-over.ts';
import { addContactPerson, checkGemeenten, contactPersonView, replaceContactPerson, type TeamDeps } from '#shared/pipeline/team.ts';
import { logger } from '#shared/powertools.ts';

const deps: TeamDeps = {
  contactPersons: new ContactPersonStore(documentClient(), tableName('contact-persons')),
  history: new ContactPersonHistory(documentClient(), tableName('contact-person-history')),
  referrals: new ReferralStore(documentClient(), tableName('referrals')),
  queue: new PipelineQueue(sqsClient(), queueUrl),
  now: () => new Date(),
};
const accessLog = new AccessLog(documentClient(), tableName('access-log'));

const MAX_BODY_BYTES = 8 * 1024;

/** One contact person, if they are of the caller's region; otherwise as if they did not exist. */
async function personFor(access: Access, contactPersonId: string): Promise<StoredContactPerson | undefined> {
  // An id no contact person can have is not looked up (an empty or 3 KB key is DynamoDB's ValidationException).
  if (!CONTACT_PERSON_ID.test(contactPersonId)) return undefined;
  const person = await deps.contactPersons.get(contactPersonId);
  return person?.regionId === access.caller.regionId ? person : undefined;
}

const actorOf = (access: Access) => ({ id: access.caller.id, role: access.role, ...(access.caller.name ? { name: access.caller.name } : {}) });

/**
 * The region's team: its manager or coordinator lists the cliëntondersteuners with their load,
 * adds and edits them, deactivates them, records an absence (with hand-over of open cases) and
 * reads the history of every change. The clients a person has are never shown, only how many.
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorize(event);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  const regionId = access.caller.regionId!;
  const contactPersonId = event.pathParameters?.contactPersonId ?? '';

  switch (access.route) {
    case 'GET /contact-persons': {
      const people = await deps.contactPersons.listRegion(regionId);
      return json(200, { items: people.map(contactPersonView).sort((a, b) => a.name.localeCompare(b.name, 'nl')) });
    }
    case 'POST /contact-persons': {
      const body = readJsonBody(event, MAX_BODY_BYTES);
      if (!body.ok) return body.response;
      const parsed = NewContactPersonSchema.safeParse(body.value);
      if (!parsed.success) return invalidBody(parsed.error.issues, 'The contact person is invalid; nothing was saved.');
      const { errors, gemeenten } = checkGemeenten(regionId, parsed.data.gemeenten);
      if (errors.length) return invalidBody(errors, 'The contact person is invalid; nothing was saved.');
      const taken = parsed.data.contactPersonId !== undefined && (await deps.contactPersons.get(parsed.data.contactPersonId)) !== undefined;
      const person = taken ? undefined : await addContactPerson(deps, regionId, { ...parsed.data, gemeenten }, actorOf(access));
      if (!person) {
        return problem(409, { type: '/problems/conflict', title: 'Already exists', detail: `A contact person with id ${parsed.data.contactPersonId} exists already; choose another id.` });
      }
      logger.info('Contact person added', { contactPersonId: person.contactPersonId, role: access.role });
      return json(201, contactPersonView(person), { location: `/contact-persons/${person.contactPersonId}` });
    }
    case 'GET /contact-persons/{contactPersonId}': {
      const person = await personFor(access, contactPersonId);
      if (!person) return notFound('This contact person');
      return json(200, contactPersonView(person));
    }
    case 'PUT /contact-persons/{contactPersonId}': {
      const body = readJsonBody(event, MAX_BODY_BYTES);
      if (!body.ok) return body.response;
      const parsed = ContactPersonInputSchema.safeParse(body.value);
      if (!parsed.success) return invalidBody(parsed.error.issues, 'The contact person is invalid; nothing changed.');
      const { errors, gemeenten } = checkGemeenten(regionId, parsed.data.gemeenten);
      if (errors.length) return invalidBody(errors, 'The contact person is invalid; nothing changed.');
      const person = await personFor(access, contactPersonId);
      if (!person) return notFound('This contact person');
      const result = await replaceContactPerson(deps, person, { ...parsed.data, gemeenten }, actorOf(access));
      if (!result) return problem(409, { type: '/problems/conflict', title: 'Changed meanwhile', detail: 'Someone else keeps changing this contact person; load it again and retry.' });
      await logShownCases(event, access, result.handOver);
      logger.info('Contact person changed', { contactPersonId, role: access.role, moved: result.handOver.moved.length, stayed: result.handOver.stayed.length, returned: result.handOver.returned.length });
      return json(200, { ...contactPersonView(result.person), handOver: result.handOver });
    }
    case 'GET /contact-persons/{contactPersonId}/history': {
      const person = await personFor(access, contactPersonId);
      if (!person) return notFound('This contact person');
      return json(200, { contactPersonId: person.contactPersonId, name: person.name, changes: await deps.history.of(person.contactPersonId) });
    }
    default:
      throw new Error(`team does not serve ${access.route}`);
  }
});

/** The answer names the cases that moved or stayed (by case number): each is a read of a client record, logged. */
async function logShownCases(event: Parameters<typeof authorize>[0], access: Access, report: HandOverReport): Promise<void> {
  const shown = [...report.moved, ...report.stayed, ...report.returned];
  if (shown.length) await accessLog.recordAll(shown.map((move) => AccessLog.entry(event, access, move.referralId, 'case-action:hand-over')));
}

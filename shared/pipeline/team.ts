import { randomUUID } from 'node:crypto';
import { changedFields } from '../domain/changes.ts';
import type { ContactPersonChanges, ContactPersonRecords, StoredContactPerson } from './ports.ts';
import type { FieldError } from '../domain/field-error.ts';
import { CONTACT_PERSON_ID, type ContactPersonInput, type ContactPersonView, type NewContactPerson } from '../domain/contact-person-entry.ts';
import { EDITABLE_FIELDS } from '../domain/contact-person.ts';
import { regionById } from '../regions/index.ts';
import { settleAbsence, type HandOverActor, type HandOverDeps, type HandOverReport } from './hand-over.ts';

// The region's team of cliëntondersteuners as its manager and coordinator keep it (GET/POST
// /contact-persons, GET/PUT /contact-persons/{id}, its history): the people, their gemeenten,
// languages and caseload limits, deactivation and absence, every change kept with who and when.

export type { ContactPersonView };

export function contactPersonView(person: StoredContactPerson): ContactPersonView {
  return {
    contactPersonId: person.contactPersonId,
    name: person.name,
    organisation: person.organisation,
    email: person.email,
    ...(person.phone ? { phone: person.phone } : {}),
    gemeenten: person.gemeenten,
    caseloadLimit: person.caseloadLimit,
    languages: person.languages,
    active: person.active,
    ...(person.absence ? { absence: person.absence } : {}),
    caseload: person.caseload,
  };
}

/** Gemeenten that are not the region's, each named with its index; the region's own spelling otherwise. */
export function checkGemeenten(regionId: string, gemeenten: readonly string[]): { errors: FieldError[]; gemeenten: string[] } {
  const own = regionById(regionId).region.gemeenten.map((gemeente) => gemeente.name);
  const errors: FieldError[] = [];
  const spelled = gemeenten.map((name, index) => {
    const found = own.find((candidate) => candidate.localeCompare(name, 'nl', { sensitivity: 'accent' }) === 0);
    if (!found) errors.push({ path: `gemeenten.${index}`, message: `Not a gemeente of your region; its gemeenten: ${own.join(', ')}` });
    return found ?? name;
  });
  return { errors, gemeenten: spelled };
}

/** An id for a new contact person from their name: cp-anouk-de-vries-3f9a. */
export function newContactPersonId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const id = `cp-${slug || 'persoon'}-${randomUUID().slice(0, 4)}`;
  return CONTACT_PERSON_ID.test(id) ? id : `cp-${randomUUID().slice(0, 8)}`;
}

export interface TeamDeps extends HandOverDeps {
  contactPersons: ContactPersonRecords;
  history: ContactPersonChanges;
}

const actorFields = (actor: HandOverActor) => ({ by: actor.id, ...(actor.role ? { role: actor.role } : {}), ...(actor.name ? { name: actor.name } : {}) });

/** Adds a contact person to the region: undefined when the id is taken. */
export async function addContactPerson(deps: TeamDeps, regionId: string, input: NewContactPerson, actor: HandOverActor): Promise<StoredContactPerson | undefined> {
  const { contactPersonId = newContactPersonId(input.name), ...fields } = input;
  const entry = { contactPersonId, ...fields };
  if (!(await deps.contactPersons.create(regionId, entry))) return undefined;
  await deps.history.record({
    contactPersonId,
    changedAt: deps.now().toISOString(),
    change: 'created',
    ...actorFields(actor),
    fields: changedFields({}, entry, EDITABLE_FIELDS),
  });
  return (await deps.contactPersons.get(contactPersonId))!;
}

/**
 * Replaces what the region edits, kept in the history field by field; then settles an absence
 * (hand-over of the open cases, or their return once it is over). Written against what was read:
 * when someone else changed the person meanwhile, read again and apply again.
 */
export async function replaceContactPerson(
  deps: TeamDeps,
  current: StoredContactPerson,
  input: ContactPersonInput,
  actor: HandOverActor,
): Promise<{ person: StoredContactPerson; handOver: HandOverReport } | undefined> {
  let before: StoredContactPerson | undefined = current;
  for (let attempt = 0; attempt < 3 && before; attempt++) {
    const updated = await deps.contactPersons.replace(before, input);
    if (updated) {
      const fields = changedFields(before as unknown as Record<string, unknown>, updated as unknown as Record<string, unknown>, EDITABLE_FIELDS);
      if (Object.keys(fields).length) {
        await deps.history.record({ contactPersonId: updated.contactPersonId, changedAt: deps.now().toISOString(), change: 'updated', ...actorFields(actor), fields });
      }
      const handOver = await settleAbsence(deps, updated, actor);
      // The caseload as it is after the hand-over.
      return { person: (await deps.contactPersons.get(updated.contactPersonId)) ?? updated, handOver };
    }
    before = await deps.contactPersons.get(current.contactPersonId);
    if (before && before.regionId !== current.regionId) return undefined;
  }
  return undefined;
}

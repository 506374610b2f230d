import type { Absence, ContactPersonEntry, ContactPersonInput } from './contact-person-entry.ts';

export type { Absence, ContactPersonEntry };

/**
 * What `PUT /contact-persons/{id}` replaces: every field but the id and the caseload. Listed here,
 * not read from the input schema, so that the store and the functions that only read people do not
 * carry the phone-number metadata; contact-person-entry.ts fails to compile when the two part.
 */
export const EDITABLE_FIELDS = ['name', 'organisation', 'email', 'phone', 'gemeenten', 'caseloadLimit', 'languages', 'active', 'absence'] as const satisfies readonly (keyof ContactPersonInput)[];
// ...and every field of the input is named: a field added to the schema and not here fails to compile.
true satisfies (keyof ContactPersonInput extends (typeof EDITABLE_FIELDS)[number] ? true : false);

export interface ContactPerson extends ContactPersonEntry {
  regionId: string;
  /** Number of clients assigned; always the size of `clients`. */
  caseload: number;
  /** Pseudonymous references of the clients this person is the contact person for. */
  clients: string[];
}

export interface ContactPersonChoice {
  /** In order of preference; assignment tries them one by one, since a place can go meanwhile. */
  candidates: ContactPerson[];
  /** True when the first candidate already is this client's contact person. */
  continuing: boolean;
}

export interface ChoiceOptions {
  /** Who declined this client's case: never chosen again for it. */
  exclude?: readonly string[];
  /** The contact person of the client's earlier case (re-entry): first choice while they have room. */
  previous?: string;
  /**
   * Today in the Netherlands (YYYY-MM-DD): whoever is absent today is passed over. Without it only
   * deactivated people are (a choice that does not know the day).
   */
  today?: string;
}

/** Whether the person is away on this Dutch calendar day (the absence's from and to included). */
export const isAbsent = (person: Pick<ContactPerson, 'absence'>, today: string) =>
  person.absence !== undefined && person.absence.from <= today && today <= person.absence.to;

/** Whether the person takes new cases today: active, and not absent. */
export const isAvailable = (person: Pick<ContactPerson, 'active' | 'absence'>, today?: string) =>
  person.active !== false && (today === undefined || !isAbsent(person, today));

/** Whether an absence asks for its open cases to move, and has begun and not yet ended today. */
export const handOverDue = (absence: Absence | undefined, today: string): absence is Absence =>
  absence !== undefined && absence.handOver && absence.from <= today && today <= absence.to;

/**
 * A client keeps the contact person they already have; a client coming back within a year gets the
 * one they had, if that person has room. Otherwise: someone who covers the client's gemeente and
 * has room, least loaded first (by share of their limit, then by count).
 */
export function chooseContactPerson(
  clientRef: string,
  gemeente: string,
  people: readonly ContactPerson[],
  options: ChoiceOptions = {},
): ContactPersonChoice {
  const eligible = people.filter((person) => !options.exclude?.includes(person.contactPersonId) && isAvailable(person, options.today));
  const current = eligible.find((person) => person.clients.includes(clientRef));
  if (current) return { candidates: [current], continuing: true };
  const previous = eligible.find((person) => person.contactPersonId === options.previous && person.caseload < person.caseloadLimit);
  const others = eligible
    .filter((person) => person !== previous && person.gemeenten.includes(gemeente) && person.caseload < person.caseloadLimit)
    .sort(
      (a, b) =>
        a.caseload / a.caseloadLimit - b.caseload / b.caseloadLimit ||
        a.caseload - b.caseload ||
        a.contactPersonId.localeCompare(b.contactPersonId),
    );
  return previous ? { candidates: [previous, ...others], continuing: true } : { candidates: others, continuing: false };
}

/**
 * Who takes a case of someone who is away, in order of preference: the usual rules without the
 * absent person (and anyone who declined the case): a colleague who already is this client's
 * contact person; otherwise one who covers the client's gemeente, is active and not absent today,
 * and has room under their caseload limit, least loaded first. Empty: nobody can take it.
 */
export function handOverCandidates(
  referral: { clientRef: string; gemeente: string; declinedBy?: readonly string[] },
  absentId: string,
  people: readonly ContactPerson[],
  today: string,
): ContactPerson[] {
  return chooseContactPerson(referral.clientRef, referral.gemeente, people, { exclude: [absentId, ...(referral.declinedBy ?? [])], today }).candidates;
}

/** The in-memory view of a person after they took a client, so the next choice sees their load. */
export function noteTaken(person: ContactPerson, clientRef: string): void {
  if (person.clients.includes(clientRef)) return;
  person.clients = [...person.clients, clientRef];
  person.caseload += 1;
}

/** The in-memory view of a person after a client left them. */
export function noteGiven(person: ContactPerson, clientRef: string): void {
  if (!person.clients.includes(clientRef)) return;
  person.clients = person.clients.filter((ref) => ref !== clientRef);
  person.caseload -= 1;
}

import type { ContactPersonEntry } from './contact-person-entry.ts';

export type { ContactPersonEntry };

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
}

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
  const eligible = people.filter((person) => !options.exclude?.includes(person.contactPersonId));
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

import { describe, expect, it } from 'vitest';
import { chooseContactPerson, type ContactPerson } from '#shared/domain/contact-person.ts';
import { contactPerson } from '../support/contact-persons.ts';

const person = contactPerson;

const ids = (people: ContactPerson[]) => people.map((p) => p.contactPersonId);

describe('choosing the contact person', () => {
  it('keeps the contact person a client already has, even when they are full or cover another gemeente', () => {
    const current = person('current', { gemeenten: ['Polderdam'], caseload: 10, clients: ['client-1'] });
    const choice = chooseContactPerson('client-1', 'Rivierstad', [person('free'), current]);
    expect(choice).toEqual({ candidates: [current], continuing: true });
  });

  it('offers only people who cover the gemeente and have room, least loaded first', () => {
    const people = [
      person('half-full', { caseload: 5 }),
      person('full', { caseload: 10 }),
      person('elsewhere', { gemeenten: ['Heuvelrand'] }),
      person('light', { caseload: 2 }),
      person('small-team', { caseload: 1, caseloadLimit: 2 }),
    ];
    const choice = chooseContactPerson('client-9', 'Rivierstad', people);
    expect(choice.continuing).toBe(false);
    // By share of their limit (0.2, then 0.5 and 0.5), then by number of clients (1 before 5).
    expect(ids(choice.candidates)).toEqual(['light', 'small-team', 'half-full']);
  });

  it('offers nobody when no one with room covers the gemeente', () => {
    const choice = chooseContactPerson('client-9', 'Rivierstad', [person('full', { caseload: 10 }), person('zero', { caseloadLimit: 0 })]);
    expect(choice.candidates).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { grantsFrom, mayShare, withdraw } from '#shared/domain/consent.ts';
import { ACTIONS, allowedActions, changeFor, type CaseAction } from '#shared/domain/lifecycle.ts';
import { canTransition, TRANSITIONS } from '#shared/domain/transitions.ts';
import { endedHandOffs, isHandedTo } from '#shared/domain/hand-off.ts';
import type { Match, Referral } from '#shared/domain/referral.ts';
import { REFERRAL_STATUSES } from '#shared/domain/vocabulary.ts';
import { loadSample } from '../support/samples.ts';
import { bridgingPartnerEndedEmail } from '#shared/domain/notifications.ts';
import { regionById, timeLimitsOf } from '#shared/regions/index.ts';

const readDoc = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

/** The steps a mermaid state diagram in a document draws, as "from -> to". */
function drawnSteps(doc: string): string[] {
  const diagram = doc.match(/```mermaid\nstateDiagram-v2\n([\s\S]*?)```/)![1]!;
  const names = new Map([...diagram.matchAll(/state "([\w-]+)" as (\w+)/g)].map(([, name, id]) => [id!, name!]));
  return [...diagram.matchAll(/^\s+(\w+) --> (\w+):/gm)]
    .map(([, from, to]) => `${names.get(from!) ?? from} -> ${names.get(to!) ?? to}`)
    .filter((step) => !step.startsWith('['));
}
const tableSteps = TRANSITIONS.map((step) => `${step.from} -> ${step.to}`);

describe('the lifecycle, one table', () => {
  it('is drawn in docs/lifecycle.md exactly as the table says, no step more or less', () => {
    expect(drawnSteps(readDoc('docs/lifecycle.md')).sort()).toEqual([...tableSteps].sort());
  });

  it("is sketched in the README with steps the table has, reaching every status but withdrawn", () => {
    const sketched = drawnSteps(readDoc('README.md'));
    for (const step of sketched) expect(tableSteps, step).toContain(step);
    const reached = new Set(sketched.flatMap((step) => step.split(' -> ')));
    expect(REFERRAL_STATUSES.filter((status) => !reached.has(status))).toEqual(['withdrawn']);
  });

  it('reaches every status, and every status but closed and withdrawn has a way on', () => {
    for (const status of REFERRAL_STATUSES) {
      // A referral starts as received, or as awaiting-intake when it came without its netwerkintake.
      if (status !== 'received' && status !== 'awaiting-intake') expect(TRANSITIONS.some((step) => step.to === status), status).toBe(true);
      if (status !== 'closed' && status !== 'withdrawn') expect(TRANSITIONS.some((step) => step.from === status), status).toBe(true);
    }
  });

  it('lets people make only steps the table lists, in the roles it names', () => {
    for (const [name, rule] of Object.entries(ACTIONS)) {
      for (const from of rule.from) {
        const target = { accept: 'accepted', decline: 'declined', 'record-first-contact': 'first-contact', close: 'closed', withdraw: 'withdrawn' }[name];
        if (!target) continue;
        expect(canTransition(from, target as never), `${name} from ${from}`).toBe(true);
        const step = TRANSITIONS.find((candidate) => candidate.from === from && candidate.to === target)!;
        for (const role of rule.roles) expect(step.by, `${name} by ${role}`).toContain(role);
      }
    }
    expect(allowedActions({ status: 'notified' }, 'clientondersteuner')).toEqual(['accept', 'decline', 'decline-option', 'close', 'withdraw', 'withdraw-consent']);
    expect(allowedActions({ status: 'notified' }, 'verwijzer')).toEqual(['withdraw', 'withdraw-consent']);
    expect(allowedActions({ status: 'closed' }, 'verwijzer')).toEqual(['withdraw-consent']);
    expect(allowedActions({ status: 'awaiting-intake' }, 'clientondersteuner')).toEqual(['record-intake', 'withdraw', 'withdraw-consent']);
  });
});

describe('case actions', () => {
  const person = { id: 'user-1', actor: { role: 'clientondersteuner' as const, name: 'Anouk' } };
  const now = new Date('2026-11-23T10:00:00Z');
  async function referral(overrides: Partial<Referral> = {}): Promise<Referral> {
    const request = await loadSample('combined');
    return {
      referralId: 'r-1',
      regionId: 'regio-voorbeeld',
      status: 'accepted',
      createdAt: '2026-11-20T10:00:00Z',
      statusChangedAt: '2026-11-21T10:00:00Z',
      ...request,
      triage: { route: 'combined', urgency: 'high', reasons: [], clinicalNotes: [], rules: [], ruleSet: { regionId: 'regio-voorbeeld', version: '1' }, needs: [{ domain: 'finances', level: 'high', reason: '' }], bridging: true, decidedAt: '2026-11-20T10:00:01Z' },
      timeline: [],
      ...overrides,
    };
  }

  it('hand a case to the current bridging partner only: one turned down no longer sees it, even if an index lags', async () => {
    const bridging = (serviceId: string, declined?: Match['declined']): Match => ({
      serviceId, name: serviceId, organisation: 'o', kind: 'bridging', forNeed: 'waiting', domains: [], rank: 1, score: 1, reasons: [], waitingWeeks: 0, placeReserved: true,
      contact: { name: 'c', email: 'c@partner.example' }, ...(declined ? { declined } : {}),
    });
    const told = (serviceId: string) => ({ notificationId: `r-1:bridging-partner:${serviceId}`, sentAt: '2026-11-20T10:00:02Z' });
    const r = await referral({
      matches: [bridging('first', { reason: 'past niet', at: '2026-11-21T10:00:00Z', by: 'user-1' }), bridging('second')],
      notifications: [told('first'), told('second')] as Referral['notifications'],
    });
    expect(isHandedTo(r, 'second')).toBe(true);
    expect(isHandedTo(r, 'first')).toBe(false);
    // Not told (no consent to share with partners): no hand-off, whatever the match says.
    expect(isHandedTo({ ...r, notifications: [] }, 'second')).toBe(false);

    // Whose hand-off ended and who has not heard so yet: the one turned down; at the end of the case, both.
    const ids = (matches: Match[]) => matches.map((match) => match.serviceId);
    expect(ids(endedHandOffs(r))).toEqual(['first']);
    const toldEnded = { notificationId: 'r-1:bridging-partner-ended:first', sentAt: '2026-11-21T10:00:03Z' } as NonNullable<Referral['notifications']>[number];
    expect(ids(endedHandOffs({ ...r, notifications: [...r.notifications!, toldEnded] }))).toEqual([]);
    expect(ids(endedHandOffs({ ...r, status: 'withdrawn' }))).toEqual(['first', 'second']);
    expect(ids(endedHandOffs({ ...r, status: 'closed', notifications: [told('second')] as Referral['notifications'] }))).toEqual(['second']);
    // Closing or withdrawing owes the partners that message only if one was ever told of the client.
    expect(changeFor({ ...r, status: 'accepted' }, { action: 'close', reason: 'klaar' }, person, now).notices).toEqual(['feedback-closed', 'bridging-partner-ended']);
    expect(changeFor({ ...r, notifications: [] }, { action: 'withdraw', reason: 'weg' }, person, now).notices).toEqual([]);
    // The client withdraws consent to share with partners: the hand-off ends for every partner told,
    // and the e-mail asks them to stop using what they got, with nothing of the client in it.
    const withdrawn = { ...r, consentGrants: { ...grantsFrom(r.consent), partners: [] } };
    expect(ids(endedHandOffs(withdrawn))).toEqual(['first', 'second']);
    const email = bridgingPartnerEndedEmail(withdrawn, withdrawn.matches![1]!, { region: regionById('regio-voorbeeld').region, limits: timeLimitsOf('regio-voorbeeld'), now, publicBaseUrl: 'http://localhost' });
    expect(email.to).toBe('c@partner.example');
    expect(email.text).toContain('Gebruik de gegevens die u over deze cliënt kreeg niet meer');
    expect(email.text).not.toContain(r.client.ref);
  });

  it('refuse a first contact in the future or before the referral', async () => {
    const record = (date: string): CaseAction => ({ action: 'record-first-contact', date, channel: 'phone' });
    expect(() => changeFor({} as Referral, record('2026-11-24'), person, now)).toThrow();
    await expect(referral().then((r) => changeFor(r, record('2026-11-19'), person, now))).rejects.toThrow(/before the referral/);
    expect((await referral().then((r) => changeFor(r, record('2026-11-23'), person, now))).to).toBe('first-contact');
  });

  it('accept outcomes only for the needs of the referral, and move to in-care with the first help', async () => {
    const r = await referral({ status: 'first-contact' });
    expect(() => changeFor(r, { action: 'record-outcomes', outcomes: [{ need: 'housing', result: 'got-help' }] }, person, now)).toThrow(/Not a need/);
    const change = changeFor(r, { action: 'record-outcomes', outcomes: [{ need: 'finances', result: 'got-help' }, { need: 'waiting', result: 'could-not-contact', unmetReason: 'afraid-to-ask' }] }, person, now);
    expect(change.to).toBe('in-care');
    expect(change.timeline.map((entry) => entry.event)).toEqual(['outcome', 'outcome', 'in-care']);
    expect(change.timeline[0]).toMatchObject({ by: 'user-1', actor: { role: 'clientondersteuner', name: 'Anouk' } });
  });
});

describe('consent', () => {
  it('grants per recipient and kind of data from the consent answers, and withdraws one kind or all', () => {
    const grants = grantsFrom({ shareWithPartners: true, shareDiagnosis: false, involveNaasten: true });
    // The client letter goes to the client by e-mail only when they said so (absent in older bodies: no).
    expect(grants).toEqual({ 'contact-person': ['functional-needs', 'story'], partners: ['functional-needs'], naasten: ['functional-needs'], client: [] });
    expect(grantsFrom({ shareWithPartners: false, shareDiagnosis: false, involveNaasten: false, emailClient: true }).client).toEqual(['functional-needs']);
    const all = grantsFrom({ shareWithPartners: true, shareDiagnosis: true, involveNaasten: true });
    // Diagnosis-like content never goes to naasten, and to partners only with both answers.
    expect(all.naasten).toEqual(['functional-needs']);
    expect(all.partners).toEqual(['functional-needs', 'diagnosis']);
    expect(withdraw(all, 'partners', ['diagnosis']).partners).toEqual(['functional-needs']);
    expect(withdraw(all, 'partners').partners).toEqual([]);
    const consent = { shareWithPartners: true, shareDiagnosis: true, involveNaasten: false };
    expect(mayShare({ consent, consentGrants: withdraw(grantsFrom(consent), 'contact-person', ['story']) }, 'contact-person', 'story')).toBe(false);
    expect(mayShare({ consent }, 'contact-person', 'story')).toBe(true);
    // Grants stored before the client was a recipient share nothing with them.
    const stored = { 'contact-person': ['functional-needs' as const], partners: [], naasten: [] } as unknown as ReturnType<typeof grantsFrom>;
    expect(mayShare({ consent: { ...consent, emailClient: true }, consentGrants: stored }, 'client', 'functional-needs')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { CaseView } from '#shared/domain/referral-view.ts';
import {
  errorsAtFields,
  firedLimits,
  firstContactErrors,
  groupMatches,
  newFirstContact,
  outcomeDraft,
  outcomeFieldOf,
  outcomeNeeds,
  outcomesToSend,
  reasonError,
  UNMET_RESULTS_TEXT,
} from '../../web/src/pages/clientondersteuner/case-model.ts';

// The contact person's case page: how it groups the case view, and what its action forms send and
// refuse (in Dutch) before the API sees them.

type Match = Exclude<CaseView['matches'][number], { forNeed: null }>;
const match = (serviceId: string, forNeed: Match['forNeed'], rank: number, extra: Partial<Match> = {}): Match => ({
  serviceId,
  name: serviceId,
  organisation: 'Org',
  kind: forNeed === 'waiting' ? 'bridging' : 'care',
  forNeed,
  domains: [],
  rank,
  score: 1,
  reasons: [],
  waitingWeeks: 1,
  placeReserved: false,
  ...extra,
});

const triage = (bridging: boolean) =>
  ({
    route: 'combined',
    urgency: 'high',
    reasons: [],
    bridging,
    needs: [
      { domain: 'finances', level: 'high', reason: '' },
      { domain: 'housing', level: 'some', reason: '' },
    ],
    ruleSet: { regionId: 'r', version: '1' },
  }) as CaseView['triage'];

describe('the case page', () => {
  it('groups the options per need in the triage order, best first and declined last, with the bridging partner apart', () => {
    const groups = groupMatches({
      triage: triage(true),
      matches: [
        match('debt-2', 'finances', 2),
        match('buddy', 'waiting', 1),
        match('debt-1', 'finances', 1, { declined: { reason: 'te ver', at: '2026-11-20T10:00:00Z' } }),
        match('debt-3', 'finances', 3),
      ],
      unmetNeeds: [{ domain: 'housing', reason: 'not-available', detail: 'Niets in Rivierstad.' }],
    });
    expect(groups.bridging.map((item) => item.serviceId)).toEqual(['buddy']);
    expect(groups.needs.map((group) => [group.need, group.level, group.matches.map((item) => item.serviceId), group.unmet?.reason])).toEqual([
      ['finances', 'high', ['debt-2', 'debt-3', 'debt-1'], undefined],
      ['housing', 'some', [], 'not-available'],
    ]);
  });

  it('keeps the options whose need the client does not share together, without a need', () => {
    const hide = (shown: Match) => ({ ...shown, forNeed: null, domains: [], reasons: [] });
    const debt = hide(match('debt-1', 'finances', 1));
    const groups = groupMatches({ triage: { ...triage(true)!, needs: [], reasons: [] }, matches: [debt, hide(match('buddy', 'waiting', 1))], unmetNeeds: [] });
    expect(groups.bridging.map((item) => item.serviceId)).toEqual(['buddy']);
    expect(groups.needs).toEqual([{ need: null, level: undefined, matches: [debt], unmet: undefined }]);
  });

  it('records outcomes for the triage needs, and for the wait itself only when there is bridging', () => {
    expect(outcomeNeeds({ triage: triage(true) })).toEqual(['finances', 'housing', 'waiting']);
    expect(outcomeNeeds({ triage: triage(false) })).toEqual(['finances', 'housing']);
    expect(outcomeNeeds({ triage: null })).toEqual([]);
  });

  it('asks one of the ten reasons for an unmet result, and sends only what changed', () => {
    const view = { triage: triage(true), outcomes: [{ need: 'housing', result: 'got-help' as const, at: '2026-11-20T10:00:00Z' }] };
    const draft = outcomeDraft(view);
    expect(draft).toEqual({ finances: { result: '', unmetReason: '' }, housing: { result: 'got-help', unmetReason: '' }, waiting: { result: '', unmetReason: '' } });
    expect(outcomesToSend(view, draft).errors).toEqual({ 'outcome-finances-result': 'Kies bij minstens één hulpvraag een nieuwe uitkomst.' });

    draft.finances = { result: 'no-capacity', unmetReason: '' };
    expect(outcomesToSend(view, draft).errors).toEqual({ 'outcome-finances-reason': 'Kies waarom de hulpvraag niet vervuld werd.' });
    draft.finances = { result: 'no-capacity', unmetReason: 'waiting-list' };
    // A reason left from an unmet result is not sent with a met one.
    draft.waiting = { result: 'got-help', unmetReason: 'other' };
    expect(outcomesToSend(view, draft)).toEqual({
      action: {
        action: 'record-outcomes',
        outcomes: [
          { need: 'finances', result: 'no-capacity', unmetReason: 'waiting-list' },
          { need: 'waiting', result: 'got-help' },
        ],
      },
      errors: {},
    });
    expect(UNMET_RESULTS_TEXT).toBe('‘komt niet in aanmerking’, ‘geen plek’, ‘geen contact gekregen’ of ‘geen behoefte meer’');
  });

  it('puts the API’s errors at the fields they belong to, in Dutch', () => {
    const sent = [
      { need: 'finances', result: 'got-help' as const },
      { need: 'waiting', result: 'no-capacity' as const },
    ];
    expect(errorsAtFields([{ path: 'outcomes.1.unmetReason', message: 'An unmet need needs one of the ten reason codes' }], outcomeFieldOf(sent), 'Controleer wat u invulde.')).toEqual({
      'outcome-waiting-reason': 'Kies waarom de hulpvraag niet vervuld werd.',
    });
    expect(errorsAtFields([{ path: 'somewhere', message: '?' }], outcomeFieldOf(sent), 'Controleer wat u invulde.')).toEqual({ form: 'Controleer wat u invulde.' });
  });

  it('takes the first contact today by default by the client’s own channel, never in the future or before the referral', () => {
    const view = { createdAt: '2026-11-02T23:30:00.000Z', client: { channels: ['in-person', 'phone'] } } as Pick<CaseView, 'createdAt' | 'client'>;
    expect(newFirstContact(view, '2026-11-20')).toEqual({ date: '2026-11-20', channel: 'in-person' });
    expect(firstContactErrors({ date: '2026-11-20', channel: 'phone' }, view, '2026-11-20')).toEqual({});
    expect(firstContactErrors({ date: '2026-11-21', channel: 'phone' }, view, '2026-11-20')).toEqual({ 'first-contact-date': 'Het eerste contact kan niet in de toekomst liggen.' });
    // Referred at 00:30 on 3 November, Dutch time.
    expect(firstContactErrors({ date: '2026-11-02', channel: 'phone' }, view, '2026-11-20')).toEqual({ 'first-contact-date': 'Het eerste contact kan niet vóór de verwijzing liggen.' });
    expect(firstContactErrors({ date: '', channel: '' }, view, '2026-11-20')).toEqual({
      'first-contact-date': 'Vul de datum van het eerste contact in.',
      'first-contact-channel': 'Kies hoe het contact was.',
    });
  });

  it('requires a reason where the API does, within its 500 characters', () => {
    expect(reasonError('  ', { required: true })).toBe('Vul de reden in.');
    expect(reasonError('', { required: false })).toBeUndefined();
    expect(reasonError('x'.repeat(501), { required: false })).toBe('Houd de reden onder de 500 tekens.');
  });

  it('reads the time limits that fired from the deadlines', () => {
    expect(firedLimits({ remindedAt: '2026-11-20T10:00:00Z', escalatedAt: null, noFirstContactAt: null, beyondTreeknormAt: '2026-11-21T10:00:00Z', reassessmentAskedAt: null })).toEqual(['reminder', 'beyond-treeknorm']);
  });
});

import { describe, expect, it } from 'vitest';
import { matchReferral } from '#shared/domain/matching.ts';
import type { Referral } from '#shared/domain/referral.ts';
import { triage } from '#shared/domain/triage.ts';
import { noticeEmails, notificationsFor } from '#shared/pipeline/notify-step.ts';
import { LIMIT_APPLIES_IN } from '#shared/domain/time-limits.ts';
import { REFERRAL_STATUSES } from '#shared/domain/vocabulary.ts';
import { contactPersonReminderEmail, crisisReferrerEmail, crisisServiceEmail, referrerFeedbackEmail, reverificationEmail } from '#shared/domain/notifications.ts';
import { regionById, timeLimitsOf } from '#shared/regions/index.ts';
import { demoServices } from '#local/seed.ts';
import { loadSample } from '../support/samples.ts';

const { region, triageRules } = regionById('regio-voorbeeld');
const NOW = new Date('2026-11-22T10:00:00Z');
const context = { region, limits: timeLimitsOf(region.regionId), now: NOW, publicBaseUrl: 'http://localhost:3000' };

async function matchedReferral(route: 'combined' | 'social-domain', overrides: Partial<Referral> = {}): Promise<Referral> {
  const request = await loadSample(route);
  const decision = triage(request, triageRules, NOW);
  const services = (await demoServices(region.regionId, NOW)).map((entry) => ({ ...entry, placesTaken: 0, reservedFor: [] }));
  const result = matchReferral({ referralId: 'r-1', client: request.client, triage: decision }, services, { rules: triageRules.matching, now: NOW });
  return {
    referralId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    regionId: region.regionId,
    status: 'matched',
    createdAt: NOW.toISOString(),
    statusChangedAt: NOW.toISOString(),
    ...request,
    client: { ...request.client },
    triage: decision,
    matches: result.matches,
    unmetNeeds: result.unmetNeeds,
    caseNumber: 'RV-2026-00412',
    contactPerson: { id: 'cp-anouk-de-vries', name: 'Anouk de Vries', email: 'anouk@example.org', phone: '+31100000101' },
    timeline: [],
    ...overrides,
  };
}

const storyTexts = (referral: Referral) => Object.values(referral.intake.story).filter((text): text is string => Boolean(text));

describe('notifications', () => {
  it('tell the contact person what to do and link to the referral, without the intake story', async () => {
    const referral = await matchedReferral('combined');
    const [email] = notificationsFor(referral, context);
    expect(email).toMatchObject({ kind: 'contact-person', to: 'anouk@example.org', notificationId: `${referral.referralId}:contact-person:cp-anouk-de-vries` });
    expect(email!.subject).toMatch(/^\[DEMO, fictieve regio\]/);
    expect(email!.text).toContain(`http://localhost:3000/#/zaken/${referral.referralId}`);
    expect(email!.text).toContain('Overbrugging:');
    for (const text of storyTexts(referral)) expect(email!.text).not.toContain(text);
  });

  it('inform the bridging partner only with consent, with an age band and no diagnosis-like flags', async () => {
    const consenting = await matchedReferral('combined', {
      intake: { ...(await loadSample('combined')).intake, flags: ['money-worries', 'trauma'] },
    });
    const partner = notificationsFor(consenting, context).find((email) => email.kind === 'bridging-partner');
    expect(partner).toBeDefined();
    expect(partner!.text).toContain('26 tot en met 44');
    expect(partner!.text).not.toContain('1991');
    expect(partner!.text).not.toContain('trauma');
    expect(partner!.text).not.toContain(consenting.client.ref);

    const refusing = { ...consenting, consent: { ...consenting.consent, shareWithPartners: false } };
    expect(notificationsFor(refusing, context).map((email) => email.kind)).toEqual(['contact-person']);
  });

  it('share flags with a partner when the client consented to sharing diagnosis-like content', async () => {
    const base = await matchedReferral('combined');
    const referral = { ...base, consent: { ...base.consent, shareDiagnosis: true }, intake: { ...base.intake, flags: ['trauma' as const] } };
    const partner = notificationsFor(referral, context).find((email) => email.kind === 'bridging-partner');
    expect(partner!.text).toContain('trauma');
  });

  it('name clinical signals to the contact person only with consent to share them, and always to the crisis service', async () => {
    const request = await loadSample('specialised-ggz');
    const decision = triage(request, triageRules, NOW);
    const base = { ...(await matchedReferral('combined')), ...request, triage: decision };
    const without = { ...base, consent: { ...base.consent, shareDiagnosis: false } };
    const withConsent = { ...base, consent: { ...base.consent, shareDiagnosis: true } };
    expect(notificationsFor(without, context)[0]!.text).not.toMatch(/EPA|[Pp]sychotisch/);
    expect(notificationsFor(withConsent, context)[0]!.text).toContain('EPA-indicatie gemeld.');
    expect(crisisServiceEmail(without, context).text).toContain('gedeeld wegens acuut gevaar');
  });

  it('go to the region coordinator when nobody could be assigned', async () => {
    const referral = await matchedReferral('social-domain', { contactPerson: null, flagReason: 'Geen cliëntondersteuner met ruimte.' });
    const emails = notificationsFor(referral, context);
    expect(emails.map((email) => email.kind)).toEqual(['region-coordinator']);
    expect(emails[0]!.to).toBe(region.coordinator.email);
    expect(emails[0]!.text).toContain('Geen cliëntondersteuner met ruimte.');
  });

  it('tell the referrer in crisis which 24/7 services to call, and alert the crisis service', async () => {
    const request = await loadSample('crisis');
    const referral = { ...(await matchedReferral('combined')), ...request, matches: [], contactPerson: undefined };
    const toReferrer = crisisReferrerEmail(referral, context);
    expect(toReferrer.to).toBe(request.referrer.email);
    expect(toReferrer.text).toContain(region.crisisService.phone);
    expect(toReferrer.text).toContain('113');
    const toService = crisisServiceEmail(referral, context);
    expect(toService.to).toBe(region.crisisService.email);
    expect(toService.text).toContain(request.referrer.email);
  });

  it('send a queued time-limit notice only while its limit still applies: a case accepted meanwhile gets no reminder', async () => {
    const notices = { 'reminder-contact-person': 'reminder', 'escalation-region': 'escalation', 'no-first-contact-region': 'no-first-contact' } as const;
    for (const [kind, limit] of Object.entries(notices) as [keyof typeof notices, keyof typeof LIMIT_APPLIES_IN][]) {
      for (const status of REFERRAL_STATUSES) {
        const emails = noticeEmails(await matchedReferral('combined', { status }), kind, context);
        expect({ kind, status, sent: emails.length === 1 }).toEqual({ kind, status, sent: (LIMIT_APPLIES_IN[limit] as readonly string[]).includes(status) });
      }
    }
    expect(LIMIT_APPLIES_IN.reminder).toEqual(['notified']);
  });

  it('name the case by its number, and say in every e-mail whom to call: the contact person with work phone and e-mail', async () => {
    const referral = await matchedReferral('combined');
    const emails = [
      ...notificationsFor(referral, context),
      referrerFeedbackEmail(referral, 'feedback-accepted', context),
      referrerFeedbackEmail({ ...referral, firstContact: { date: '2026-11-23', channel: 'phone', recordedAt: NOW.toISOString(), by: 'x' } }, 'feedback-first-contact', context),
      referrerFeedbackEmail(referral, 'feedback-closed', context),
    ];
    for (const email of emails) {
      expect(email.subject).toContain('RV-2026-00412');
      if (email.kind !== 'contact-person') expect(email.text).toContain('Anouk de Vries, 010 000 0101, anouk@example.org');
    }
    // The contact person is told the referrer's phone, and where the client's details are: not in the e-mail.
    const [toPerson] = emails;
    expect(toPerson!.text).toContain('010 000 0111');
    expect(contactText({ ...referral, hasClientContact: true })).toContain('staat op de pagina van de zaak');
    expect(contactText({ ...referral, hasClientContact: false })).toContain('u bereikt de cliënt via de verwijzer');
  });

  it('write dates in words, as the Dutch calendar has them: just after midnight in Amsterdam is already the next day', async () => {
    const justAfterMidnight = '2026-11-22T23:30:00.000Z';
    const referral = await matchedReferral('combined', { statusChangedAt: justAfterMidnight });
    const contactPerson = referral.contactPerson!;
    expect(contactPersonReminderEmail(referral, contactPerson, context).text).toContain('U bent sinds maandag 23 november 2026 de contactpersoon');
    const firstContact = { date: '2026-11-23', channel: 'phone' as const, recordedAt: justAfterMidnight, by: contactPerson.id };
    expect(referrerFeedbackEmail({ ...referral, firstContact }, 'feedback-first-contact', context).text).toContain('op maandag 23 november 2026 (');
    const [service] = await demoServices(region.regionId, NOW);
    const request = { stage: 'ranked-down' as const, tokenHash: 'a'.repeat(64), expiresAt: justAfterMidnight, link: 'http://localhost:3000/kaart/bevestigen' };
    const reverification = reverificationEmail({ ...service!, lastVerified: '2026-05-04', placesTaken: 0 }, request, context).text;
    expect(reverification).toContain('sinds maandag 4 mei 2026 niet meer bevestigd');
    expect(reverification).toContain('(de link werkt tot maandag 23 november 2026)');
  });

  it('mail the client letter to the client only with an address and their consent, without their own details', async () => {
    const referral = await matchedReferral('combined', { hasClientContact: true, consent: { shareWithPartners: true, shareDiagnosis: false, involveNaasten: false, emailClient: true } });
    const letter = notificationsFor(referral, context, 'client@voorbeeld.example').find((email) => email.kind === 'client-letter');
    expect(letter).toMatchObject({ to: 'client@voorbeeld.example', notificationId: `${referral.referralId}:client-letter:cp-anouk-de-vries` });
    expect(letter!.text).toContain('Anouk de Vries');
    expect(letter!.text).toContain('010 000 0101');
    expect(letter!.text).toContain('113 of 0800-0113');
    expect(letter!.text).not.toContain(referral.client.ref);
    for (const text of storyTexts(referral)) expect(letter!.text).not.toContain(text);
    // Without consent, or without a contact person yet, or without an address: no letter.
    const noConsent = { ...referral, consent: { ...referral.consent, emailClient: false } };
    expect(notificationsFor(noConsent, context, 'client@voorbeeld.example').map((email) => email.kind)).not.toContain('client-letter');
    expect(notificationsFor({ ...referral, contactPerson: null }, context, 'client@voorbeeld.example').map((email) => email.kind)).not.toContain('client-letter');
    expect(notificationsFor(referral, context).map((email) => email.kind)).not.toContain('client-letter');
  });
});

const contactText = (referral: Referral) => notificationsFor(referral, context)[0]!.text;

describe("the coordinator's time limit, by e-mail", () => {
  it("tells the region's manager which case waits, from where and since when, in plain words, nothing of the client's health; only while it still waits", async () => {
    const flagged = await matchedReferral('social-domain', { status: 'flagged-for-region', contactPerson: null, statusChangedAt: '2026-11-19T09:00:00Z', flagReason: 'Geen cliëntondersteuner in Polderdam met ruimte in de caseload.' });
    const [email] = noticeEmails(flagged, 'desk-escalation-manager', context);
    expect(email).toMatchObject({ kind: 'desk-escalation-manager', to: 'manager@regio-voorbeeld.example', notificationId: `${flagged.referralId}:desk-escalation-manager` });
    expect(email!.text).toContain('Zaak RV-2026-00412 uit Polderdam wacht sinds donderdag 19 november op een cliëntondersteuner.');
    expect(email!.text).not.toContain(flagged.client.ref);
    for (const text of storyTexts(flagged)) expect(email!.text).not.toContain(text);
    for (const reason of flagged.triage!.reasons) expect(email!.text).not.toContain(reason);
    // A region without a manager: the coordinator's address.
    const [fallback] = noticeEmails(flagged, 'desk-escalation-manager', { ...context, region: { ...region, manager: undefined } });
    expect(fallback!.to).toBe(region.coordinator.email);
    // Assigned meanwhile: nothing to tell.
    expect(noticeEmails({ ...flagged, status: 'notified' }, 'desk-escalation-manager', context)).toEqual([]);
  });
});

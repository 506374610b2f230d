import { describe, expect, it } from 'vitest';
import { ReferralRequestSchema } from '#shared/domain/referral-request.ts';
import {
  errorsAt,
  FIELD_NAMES,
  FIELD_ORDER,
  newReferralForm,
  summaryOf,
  toRequest,
  validateReferralForm,
  type ReferralForm,
} from '../../web/src/pages/verwijzer/referral-form-model.ts';

// The web app's referral form: what it sends, and that every error reaches its field in Dutch.

const GEMEENTEN = ['Rivierstad', 'Heuvelrand', 'Polderdam'];
const POH = { name: 'J. Visser', email: 'poh@praktijk.example', organisationName: 'Praktijk De Linde', referrerKind: 'poh-ggz' as const };

function filledIn(): ReferralForm {
  const form = newReferralForm(POH, GEMEENTEN);
  form.client = { ...form.client, ref: 'hdl-0417', birthYear: '1991', postcode: '9902 AB', gemeente: 'Rivierstad' };
  form.contact = { ...form.contact, phone: '06-12345678' };
  form.domains.finances = { need: 'high', helpFrom: 'professional' };
  form.consent = { shareWithPartners: 'yes', shareDiagnosis: 'no', involveNaasten: 'no' };
  return form;
}

describe('the referral form', () => {
  it("sends no intake on the short path (netwerkintake door de cliëntondersteuner), unless acute risk makes it a crisis now", () => {
    const form = { ...filledIn(), intakeBy: 'contact-person' as const, flags: ['money-worries' as const] };
    const sent = toRequest(form);
    expect(sent.intake).toBeUndefined();
    expect(ReferralRequestSchema.safeParse(sent).success).toBe(true);
    expect(validateReferralForm(form, GEMEENTEN)).toEqual({});
    expect(toRequest({ ...form, flags: ['acute-risk'] }).intake).toEqual({ story: {}, domains: [], flags: ['acute-risk'] });
    // Wishes and the naaste typed before switching to the short path wait for the netwerkintake too, unasked and unchecked.
    const typed = { ...form, consent: { ...form.consent, involveNaasten: 'yes' as const }, care: { wishes: ['no-groups' as const], ownWords: '', naasteBurden: '' as const, naasteNeeds: 'Rust.' } };
    expect(toRequest(typed).intake).toBeUndefined();
    expect(validateReferralForm(typed, GEMEENTEN)).toEqual({});
  });

  it('starts with the referrer from the account and the usual answers, and asks for consent explicitly', () => {
    const form = newReferralForm(POH, GEMEENTEN);
    expect(form.referrer).toEqual({ kind: 'poh-ggz', name: 'J. Visser', organisation: 'Praktijk De Linde', email: 'poh@praktijk.example', phone: '' });
    expect(form.client).toMatchObject({ languages: ['nl'], channels: ['phone'], gemeente: '' });
    expect(Object.values(form.consent)).toEqual(['', '', '']);
    expect(Object.keys(validateReferralForm(form, GEMEENTEN))).toEqual(
      expect.arrayContaining(['client-ref', 'client-birthYear', 'client-postcode', 'client-gemeente', 'contact-phone', 'consent-shareWithPartners', 'consent-shareDiagnosis', 'consent-involveNaasten']),
    );
    // How to reach the client is asked: a phone number or e-mail address, or through the practice.
    expect(validateReferralForm(form, GEMEENTEN)['contact-phone']).toBe(
      'Vul een telefoonnummer of e-mailadres van de cliënt in, of kies dat de contactpersoon de cliënt via u bereikt.',
    );
  });

  it('sends how to reach the client, the phone number as the API stores it, and the letter by e-mail only when asked', () => {
    const form = filledIn();
    form.contact = { reach: 'direct', phone: '06 1234 5678', email: 'client@voorbeeld.example', preferredChannel: 'phone', bestTimes: ' na 15.00 uur ', note: '', emailClient: 'yes' };
    expect(ReferralRequestSchema.parse(toRequest(form))).toMatchObject({
      client: { contact: { phone: '+31612345678', email: 'client@voorbeeld.example', preferredChannel: 'phone', bestTimes: 'na 15.00 uur', viaReferrer: false } },
      consent: { emailClient: true },
    });
    // Through the practice: no phone or e-mail is sent, and so no letter by e-mail.
    form.contact.reach = 'via-referrer';
    const viaPractice = ReferralRequestSchema.parse(toRequest(form));
    expect(viaPractice.client.contact).toEqual({ bestTimes: 'na 15.00 uur', viaReferrer: true });
    expect(viaPractice.consent.emailClient).toBe(false);
    // A number that is not one is refused at its field, in Dutch.
    form.contact = { ...form.contact, reach: 'direct', phone: '12345' };
    expect(validateReferralForm(form, GEMEENTEN)).toEqual({ 'contact-phone': 'Vul een Nederlands telefoonnummer in, zoals 06-12345678 of 030-1234567, of een buitenlands met +.' });
    form.contact = { ...form.contact, phone: '', email: 'client@voorbeeld.example', preferredChannel: 'phone' };
    expect(validateReferralForm(form, GEMEENTEN)).toEqual({ 'contact-phone': 'Vul het telefoonnummer in: de cliënt wil liefst gebeld worden.' });
  });

  it('sends a request the API accepts: only the postcode digits, only domains with a need, only story answers given', () => {
    const form = filledIn();
    form.story.goals = '  Weer werken. ';
    form.client.otherLanguages = 'SO, ti';
    expect(validateReferralForm(form, GEMEENTEN)).toEqual({});
    const request = toRequest(form);
    expect(ReferralRequestSchema.parse(request)).toMatchObject({
      client: { ref: 'hdl-0417', birthYear: 1991, postcode: '9902', languages: ['nl', 'so', 'ti'], channels: ['phone'] },
      waiting: { onGgzWaitlist: false },
      intake: { story: { goals: 'Weer werken.' }, domains: [{ domain: 'finances', need: 'high', helpFrom: 'professional' }], flags: [] },
      consent: { shareWithPartners: true, shareDiagnosis: false, involveNaasten: false },
    });
  });

  it("sends the client's wishes, and the naaste only with consent to involve naasten (004:603-605, 004:750)", () => {
    const form = filledIn();
    form.care = { wishes: ['no-groups'], ownWords: ' Liever één op één. ', naasteBurden: 'high', naasteNeeds: 'Even op adem komen.' };
    expect(ReferralRequestSchema.parse(toRequest(form)).intake).toMatchObject({ wishes: { choices: ['no-groups'], ownWords: 'Liever één op één.' } });
    // Without consent to involve naasten, nothing of the naaste leaves the browser.
    expect((toRequest(form).intake as Record<string, unknown>).naaste).toBeUndefined();
    form.consent.involveNaasten = 'yes';
    expect(ReferralRequestSchema.parse(toRequest(form)).intake?.naaste).toEqual({ burden: 'high', needs: 'Even op adem komen.' });
    // The naaste's words without how burdened they are would be lost: the form says so at the field.
    form.care.naasteBurden = '';
    expect(validateReferralForm(form, GEMEENTEN)).toEqual({ 'naaste-burden': 'Kies hoe zwaar de naaste belast is, of maak het vak over de naaste leeg.' });
    expect(errorsAt(['intake.naaste', 'intake.wishes.ownWords'], form, GEMEENTEN).errors).toEqual({
      'naaste-burden': expect.stringContaining('Kies hoe zwaar de naaste belast is'),
      'wishes-ownWords': expect.stringContaining('Hoogstens 1.000 tekens'),
    });
  });

  it('puts each error at its field, in Dutch', () => {
    const form = filledIn();
    form.client.postcode = '12';
    form.client.ref = '111222333'; // passes the elfproef: a BSN
    form.client.channels = [];
    form.waiting = { onGgzWaitlist: 'yes', since: '2999-01-01', provider: '' };
    const errors = validateReferralForm(form, GEMEENTEN);
    expect(errors).toEqual({
      'client-postcode': 'Vul de 4 cijfers van de postcode in, zoals 9902.',
      'client-ref': 'Dit lijkt een BSN. Vul uw eigen kenmerk voor de cliënt in, nooit het BSN.',
      'client-channels': 'Kies minstens één manier om de cliënt te bereiken.',
      'waiting-since': 'Vul een datum in die niet in de toekomst ligt, of laat het leeg.',
    });
  });

  it('says a BSN in a text is the problem, not the field’s usual hint', () => {
    const form = filledIn();
    form.story.needs = 'Zie dossier, BSN 111.222.333';
    form.waiting = { onGgzWaitlist: 'yes', since: '', provider: 'GGZ 111 222 333' };
    expect(validateReferralForm(form, GEMEENTEN)).toEqual({
      'story-needs': 'Hier staat iets dat op een BSN lijkt. Laat het weg: Overbrug bewaart nooit een BSN.',
      'waiting-provider': 'Hier staat iets dat op een BSN lijkt. Laat het weg: Overbrug bewaart nooit een BSN.',
    });
  });

  it('places the API’s 400 errors too, the levensdomeinen by the domain they were sent for', () => {
    const form = filledIn();
    form.domains['social-contacts'] = { need: 'some', helpFrom: 'both' };
    // Sent in the intake's order: social-contacts is index 0, finances index 1.
    const { errors, unplaced } = errorsAt(['intake.domains.1.helpFrom', 'client.gemeente', 'client.languages.1', 'Idempotency-Key'], form, GEMEENTEN);
    expect(errors).toEqual({
      'domain-finances-helpFrom': 'Kies de hulpvraag en van wie de hulp mag komen.',
      'client-gemeente': 'Kies de gemeente van de cliënt: Rivierstad, Heuvelrand, Polderdam.',
      'client-otherLanguages': 'Vul andere talen in als taalcodes van 2 of 3 letters, zoals so of ti.',
    });
    expect(unplaced).toEqual(['Idempotency-Key']);
  });

  it('names the field of every message in the error summary, top to bottom', () => {
    const form = newReferralForm(POH, GEMEENTEN);
    form.client.postcode = '12';
    form.domains.finances = { need: 'high', helpFrom: 'professional' };
    form.story.goals = 'x'.repeat(4001);
    const summary = summaryOf({ ...validateReferralForm(form, GEMEENTEN), 'domain-finances-helpFrom': 'Kies de hulpvraag en van wie de hulp mag komen.' });
    expect(summary.map((entry) => entry.message)).toEqual([
      'Uw kenmerk voor de cliënt: Vul 4 tot 64 letters of cijfers in (ook . _ : - mag), geen naam of BSN.',
      'Geboortejaar: Vul het geboortejaar in met vier cijfers, zoals 1991.',
      'Postcode: Vul de 4 cijfers van de postcode in, zoals 9902.',
      'Gemeente: Kies de gemeente van de cliënt: Rivierstad, Heuvelrand, Polderdam.',
      'Telefoon van de cliënt: Vul een telefoonnummer of e-mailadres van de cliënt in, of kies dat de contactpersoon de cliënt via u bereikt.',
      'Financiële situatie, hulp van: Kies de hulpvraag en van wie de hulp mag komen.',
      'Waar wil de cliënt naartoe: Hoogstens 4.000 tekens, zonder onzichtbare stuurtekens.',
      'Toestemming voor partners: Kies ja of nee. Vraag de cliënt of de hulpvraag naar partners mag.',
      'Toestemming voor diagnose-achtige signalen: Kies ja of nee. Vraag de cliënt of diagnose-achtige signalen gedeeld mogen worden.',
      'Toestemming voor naasten: Kies ja of nee. Vraag de cliënt of naasten betrokken mogen worden.',
    ]);
    expect(summary.map((entry) => entry.id)).toEqual([
      'client-ref',
      'client-birthYear',
      'client-postcode',
      'client-gemeente',
      'contact-phone',
      'domain-finances-helpFrom',
      'story-goals',
      'consent-shareWithPartners',
      'consent-shareDiagnosis',
      'consent-involveNaasten',
    ]);
    // Every field the form can place an error at has a name.
    for (const id of FIELD_ORDER) expect(FIELD_NAMES[id], id).toBeTruthy();
  });

  it('knows where every field of the schema is on the form', () => {
    const form = filledIn();
    for (const id of Object.keys(validateReferralForm({ ...newReferralForm({}, GEMEENTEN), consent: { shareWithPartners: '', shareDiagnosis: '', involveNaasten: '' } }, GEMEENTEN))) {
      expect(FIELD_ORDER).toContain(id);
    }
    expect(Object.keys(validateReferralForm(form, GEMEENTEN))).toEqual([]);
  });
});

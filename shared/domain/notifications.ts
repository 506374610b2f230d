import { caseLabel } from './case-number.ts';
import { clientLetter, clientLetterText, longDutchDate } from './client-letter.ts';
import { dutchDate } from './dutch-calendar.ts';
import { mayShare } from './consent.ts';
import { formatPhone } from './phone-format.ts';
import { referrerName } from './referrer.ts';
import { AGE_BAND_LABELS, ageBandOf, currentBridging } from './referral-stats.ts';
import type { Region } from './region.ts';
import type { TimeLimitsConfig } from './time-limits.ts';
import type { ServiceEntry } from './sociale-kaart.ts';
import type { Match, NotificationKind, Referral } from './referral.ts';
import {
  CHANNEL_LABELS,
  FLAG_LABELS,
  isLevensdomein,
  LEVENSDOMEIN_INFO,
  ROUTE_LABELS,
  NEED_OUTCOME_LABELS,
  URGENCY_LABELS,
  needLabel,
  weeks,
} from './vocabulary.ts';

export interface Email {
  notificationId: string;
  kind: NotificationKind;
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface NotificationContext {
  region: Region;
  /** The region's time limits: the client letter says by when the contact person calls. */
  limits: TimeLimitsConfig;
  now: Date;
  /** Where people open a referral; without it the e-mails carry no link. */
  publicBaseUrl?: string;
}

// E-mail is not a safe place for health data: messages carry what the recipient needs to act and
// point to the referral for the rest. Intake stories never go into an e-mail.

/**
 * One id per message, so each is sent once: referral, kind, and for messages that go to one of
 * several possible recipients (a contact person after a decline, a replacement partner) which one.
 */
export const notificationId = (referralId: string, kind: NotificationKind, recipient?: string) =>
  recipient ? `${referralId}:${kind}:${recipient}` : `${referralId}:${kind}`;



/** Whom to call about the case: its contact person, with their work phone and e-mail. */
function contactPersonLine(referral: Pick<Referral, 'contactPerson'>, label = 'Contactpersoon'): string[] {
  const person = referral.contactPerson;
  if (!person) return [];
  return [`${label}: ${[person.name, person.phone ? formatPhone(person.phone) : undefined, person.email].filter(Boolean).join(', ')}`];
}

function subject(context: Pick<NotificationContext, 'region'>, text: string): string {
  return context.region.fictional ? `[DEMO, fictieve regio] ${text}` : text;
}

/** Where the recipient opens the referral in the web app: the referrer's status page, the contact person's case, the partner's hand-offs, the coordinator's desk. */
function link(context: NotificationContext, referralId: string, page: 'verwijzingen' | 'zaken' | 'overdrachten' | 'bureau'): string[] {
  if (!context.publicBaseUrl) return [];
  const base = context.publicBaseUrl.replace(/\/$/, '');
  return page === 'overdrachten' ? ['', `Bekijk de overdracht: ${base}/#/overdrachten`] : ['', `Bekijk de verwijzing: ${base}/#/${page}/${referralId}`];
}

function referrerLine(referral: Referral): string {
  const { referrer } = referral;
  return `${referrerName(referrer)}, ${referrer.organisation}, ${referrer.email}${referrer.phone ? `, ${formatPhone(referrer.phone)}` : ''}`;
}

function matchLines(matches: readonly Match[]): string[] {
  return matches.map(
    (match) =>
      `- ${match.kind === 'bridging' ? 'Overbrugging' : `Voor ${needLabel(match.forNeed)}, optie ${match.rank}`}: ${match.name} (${match.organisation}); ` +
      `${match.waitingWeeks === 0 ? 'geen wachttijd' : `wachttijd ${weeks(match.waitingWeeks)}`}${match.placeReserved ? '; plaats gereserveerd' : ''}. ` +
      `Contact: ${match.contact.email ?? match.contact.phone ?? 'zie sociale kaart'}`,
  );
}

/**
 * The triage in functional words. The clinical notes (EPA, psychosis, ...) follow only with the
 * client's consent to share diagnosis-like content, or when acute danger requires them.
 */
function triageLines(referral: Referral, clinical: 'with-consent' | 'acute-danger'): string[] {
  if (!referral.triage) return [];
  // The region's coordinator stands in for the contact person when there is none: the same consent.
  const share = clinical === 'acute-danger' || mayShare(referral, 'contact-person', 'diagnosis');
  const notes = share ? (referral.triage.clinicalNotes ?? []) : [];
  const label = clinical === 'acute-danger' ? 'Signalen (gedeeld wegens acuut gevaar)' : 'Signalen (met toestemming van de cliënt gedeeld)';
  return [
    `Triage: ${ROUTE_LABELS[referral.triage.route]}, urgentie ${URGENCY_LABELS[referral.triage.urgency]}.`,
    ...referral.triage.reasons.map((reason) => `- ${reason}`),
    ...(notes.length ? [`${label}: ${notes.join(' ')}`] : []),
  ];
}

function unmetLines(referral: Referral): string[] {
  const unmet = referral.unmetNeeds ?? [];
  return unmet.length ? ['', 'Geen passend aanbod gevonden:', ...unmet.map((need) => `- ${need.detail}`)] : [];
}

export function contactPersonEmail(referral: Referral, to: { id: string; name: string; email: string }, context: NotificationContext): Email {
  const { client } = referral;
  const bridging = currentBridging(referral);
  const partnerLine = bridging
    ? mayShare(referral, 'partners', 'functional-needs')
      ? `De overbruggingspartner ${bridging.name} is ingelicht en verwacht uw contact.`
      : `De cliënt gaf geen toestemming om partners in te lichten: ${bridging.name} is (nog) niet ingelicht.`
    : 'Er is (nog) geen overbruggingspartner gevonden.';
  return {
    notificationId: notificationId(referral.referralId, 'contact-person', to.id),
    kind: 'contact-person',
    from: context.region.mailFrom,
    to: to.email,
    subject: subject(context, `Overbrug: nieuwe cliënt voor u (${caseLabel(referral)}, urgentie ${URGENCY_LABELS[referral.triage?.urgency ?? 'normal']})`),
    text: [
      `Beste ${to.name},`,
      '',
      `U bent de vaste contactpersoon van een nieuwe cliënt. Neem binnen ${context.limits.remindAfterWorkingDays} werkdagen contact op.`,
      referral.hasClientContact
        ? 'Hoe u de cliënt bereikt (telefoon, e-mail, wanneer), staat op de pagina van de zaak in Overbrug: om privacyredenen niet in deze e-mail.'
        : 'De verwijzer gaf geen telefoonnummer of e-mailadres van de cliënt: u bereikt de cliënt via de verwijzer (hieronder).',
      '',
      `Zaaknummer: ${caseLabel(referral)}`,
      `Cliëntreferentie: ${client.ref}`,
      `Gemeente: ${client.gemeente} (postcode ${client.postcode}), geboortejaar ${client.birthYear}`,
      `Bereikbaar via: ${client.channels.map((channel) => CHANNEL_LABELS[channel]).join(', ')}; taal: ${client.languages.join(', ')}`,
      `Verwezen door: ${referrerLine(referral)}`,
      '',
      ...triageLines(referral, 'with-consent'),
      '',
      'Opties op de sociale kaart:',
      ...matchLines(referral.matches ?? []),
      '',
      partnerLine,
      ...unmetLines(referral),
      ...link(context, referral.referralId, 'zaken'),
    ].join('\n'),
  };
}

/**
 * A referral that came without its netwerkintake: the contact person is asked to reach the client
 * and do the intake with them (`004:588-605`); Overbrug triages and matches once it is recorded.
 */
export function intakeRequestEmail(referral: Referral, to: { id: string; name: string; email: string }, context: NotificationContext): Email {
  const { client } = referral;
  return {
    notificationId: notificationId(referral.referralId, 'intake-request', to.id),
    kind: 'intake-request',
    from: context.region.mailFrom,
    to: to.email,
    subject: subject(context, `Overbrug: nieuwe cliënt voor een netwerkintake (${caseLabel(referral)})`),
    text: [
      `Beste ${to.name},`,
      '',
      'U bent de vaste contactpersoon van een nieuwe cliënt. De verwijzer vraagt u de netwerkintake samen met de cliënt te doen:',
      'wat is er gebeurd, waar is de cliënt goed in, wat zijn de kwetsbaarheden, waar wil de cliënt naartoe en wat is daarvoor nodig.',
      `Neem binnen ${context.limits.remindAfterWorkingDays} werkdagen contact op. Leg de netwerkintake vast op de pagina van de zaak; daarna zoekt Overbrug aanbod.`,
      referral.hasClientContact
        ? 'Hoe u de cliënt bereikt (telefoon, e-mail, wanneer), staat op de pagina van de zaak in Overbrug: om privacyredenen niet in deze e-mail.'
        : 'De verwijzer gaf geen telefoonnummer of e-mailadres van de cliënt: u bereikt de cliënt via de verwijzer (hieronder).',
      '',
      `Zaaknummer: ${caseLabel(referral)}`,
      `Cliëntreferentie: ${client.ref}`,
      `Gemeente: ${client.gemeente} (postcode ${client.postcode}), geboortejaar ${client.birthYear}`,
      `Bereikbaar via: ${client.channels.map((channel) => CHANNEL_LABELS[channel]).join(', ')}; taal: ${client.languages.join(', ')}`,
      `Verwezen door: ${referrerLine(referral)}`,
      ...link(context, referral.referralId, 'zaken'),
    ].join('\n'),
  };
}

export function bridgingPartnerEmail(referral: Referral, partner: Match, context: NotificationContext): Email {
  const { client } = referral;
  // The client's levensdomeinen only: a naaste's burden is not the partner's business.
  const needs = (referral.triage?.needs ?? []).flatMap((need) => (isLevensdomein(need.domain) ? [LEVENSDOMEIN_INFO[need.domain].label] : []));
  const flags = mayShare(referral, 'partners', 'diagnosis') ? referral.intake.flags.map((flag) => FLAG_LABELS[flag]) : [];
  return {
    notificationId: notificationId(referral.referralId, 'bridging-partner', partner.serviceId),
    kind: 'bridging-partner',
    from: context.region.mailFrom,
    to: partner.contact.email ?? '',
    subject: subject(context, `Overbrug: verzoek wachtlijstoverbrugging (${caseLabel(referral)})`),
    text: [
      `Aan ${partner.contact.name ?? partner.organisation},`,
      '',
      `Een cliënt uit ${client.gemeente} wacht op zorg en is met toestemming aan ${partner.name} gekoppeld voor wachtlijstoverbrugging.` +
        (partner.placeReserved ? ' Er is een plaats voor deze cliënt gereserveerd.' : ''),
      '',
      `Leeftijd: ${AGE_BAND_LABELS[ageBandOf(client.birthYear, context.now)]} jaar`,
      `Taal: ${client.languages.join(', ')}; bereikbaar via ${client.channels.map((channel) => CHANNEL_LABELS[channel]).join(', ')}`,
      `Hulpvragen op: ${needs.length ? needs.join(', ') : 'geen specifieke levensdomeinen'}`,
      ...(flags.length ? [`Aandachtspunten (met toestemming gedeeld): ${flags.join(', ')}`] : []),
      '',
      referral.contactPerson
        ? `De vaste contactpersoon van de cliënt, ${referral.contactPerson.name}, neemt contact met u op. U kunt ook zelf bellen of mailen:`
        : 'De regio wijst een contactpersoon toe; die neemt contact met u op.',
      ...contactPersonLine(referral),
      referral.hasClientContact
        ? 'Hoe u de cliënt bereikt, staat bij de overdracht in Overbrug (niet in deze e-mail). Daar legt u ook vast dat u de overdracht aanneemt en wanneer u de cliënt sprak.'
        : 'Daar legt u in Overbrug ook vast dat u de overdracht aanneemt en wanneer u de cliënt sprak.',
      `Zaaknummer: ${caseLabel(referral)}`,
      ...link(context, referral.referralId, 'overdrachten'),
    ].join('\n'),
  };
}

export function regionCoordinatorEmail(referral: Referral, context: NotificationContext): Email {
  const { coordinator } = context.region;
  return {
    // Flagged again after a decline is news again: one message per time the case is flagged.
    notificationId: notificationId(referral.referralId, 'region-coordinator', referral.declinedBy?.length ? `after-decline-${referral.declinedBy.length}` : undefined),
    kind: 'region-coordinator',
    from: context.region.mailFrom,
    to: coordinator.email,
    subject: subject(context, `Overbrug: verwijzing zonder contactpersoon (${caseLabel(referral)})`),
    text: [
      `Aan ${coordinator.name},`,
      '',
      `Voor zaak ${caseLabel(referral)} uit ${referral.client.gemeente} is geen cliëntondersteuner toegewezen.`,
      `Reden: ${referral.flagReason ?? 'onbekend'}`,
      'Wijs handmatig een contactpersoon toe, zodat deze cliënt niet alleen wacht.',
      ...link(context, referral.referralId, 'bureau'),
      '',
      `Verwezen door: ${referrerLine(referral)}`,
      ...triageLines(referral, 'with-consent'),
      '',
      'Opties op de sociale kaart:',
      ...matchLines(referral.matches ?? []),
      ...unmetLines(referral),
    ].join('\n'),
  };
}

export function crisisServiceEmail(referral: Referral, context: NotificationContext): Email {
  const { client } = referral;
  const { crisisService } = context.region;
  return {
    notificationId: notificationId(referral.referralId, 'crisis-service'),
    kind: 'crisis-service',
    from: context.region.mailFrom,
    to: crisisService.email,
    subject: subject(context, `Overbrug CRISIS: acuut risico gemeld (${caseLabel(referral)})`),
    text: [
      `Aan ${crisisService.name},`,
      '',
      'Bij een verwijzing is acuut risico gemeld. Deze verwijzing wacht niet op matching: neem direct contact op met de verwijzer.',
      '',
      `Verwezen door: ${referrerLine(referral)}`,
      `Cliëntreferentie: ${client.ref}; gemeente ${client.gemeente} (postcode ${client.postcode}); geboortejaar ${client.birthYear}`,
      // Acute danger: the crisis service gets what it needs to act, consent or not.
      ...triageLines(referral, 'acute-danger'),
      `Zaaknummer: ${caseLabel(referral)}`,
    ].join('\n'),
  };
}

export function crisisReferrerEmail(referral: Referral, context: NotificationContext): Email {
  const { crisisService, nationalLines } = context.region;
  return {
    notificationId: notificationId(referral.referralId, 'referrer-crisis'),
    kind: 'referrer-crisis',
    from: context.region.mailFrom,
    to: referral.referrer.email,
    subject: subject(context, `Overbrug: acuut risico, neem direct contact op met de crisisdienst (${caseLabel(referral)})`),
    text: [
      `Beste ${referral.referrer.name},`,
      '',
      `Uw verwijzing ${caseLabel(referral)} is als crisis beoordeeld en wacht niet op matching.`,
      `Bel nu: ${crisisService.name}, ${crisisService.phone} (${crisisService.hours}).`,
      'De crisisdienst is ook per e-mail ingelicht en neemt contact met u op.',
      '',
      'Landelijk, voor de cliënt of naasten:',
      ...nationalLines.map((line) => `- ${line.name}: ${line.phone} (${line.hours})`),
    ].join('\n'),
  };
}

function shortSummary(referral: Referral): string {
  return `zaak ${caseLabel(referral)} (${referral.client.gemeente}, cliëntreferentie ${referral.client.ref})`;
}

/**
 * Feedback to the referrer at acceptance, first contact and closing: what happened, never the
 * intake content (the referrer wrote that).
 */
export function referrerFeedbackEmail(
  referral: Referral,
  kind: 'feedback-accepted' | 'feedback-first-contact' | 'feedback-closed',
  context: NotificationContext,
): Email {
  const person = referral.contactPerson?.name ?? 'de cliëntondersteuner';
  const lines: Record<typeof kind, { subject: string; body: string[] }> = {
    'feedback-accepted': {
      subject: `Overbrug: ${person} is de vaste contactpersoon (${caseLabel(referral)})`,
      body: [`${person} heeft ${shortSummary(referral)} aangenomen en neemt contact op met de cliënt.`],
    },
    'feedback-first-contact': {
      subject: `Overbrug: eerste contact gelegd (${caseLabel(referral)})`,
      body: [
        `${person} heeft eerste contact gehad met de cliënt van ${shortSummary(referral)}` +
          (referral.firstContact ? `, op ${longDutchDate(referral.firstContact.date)} (${CHANNEL_LABELS[referral.firstContact.channel]}).` : '.'),
      ],
    },
    'feedback-closed': {
      subject: `Overbrug: verwijzing afgesloten (${caseLabel(referral)})`,
      body: [
        `${shortSummary(referral)} is afgesloten.`,
        ...Object.entries(referral.outcomes ?? {}).map(
          ([need, outcome]) =>
            `- ${needLabel(need as Match['forNeed'])}: ${NEED_OUTCOME_LABELS[outcome.result]}${outcome.unmetReason ? ` (reden: ${outcome.unmetReason})` : ''}`,
        ),
      ],
    },
  };
  return {
    notificationId: notificationId(referral.referralId, kind),
    kind,
    from: context.region.mailFrom,
    to: referral.referrer.email,
    subject: subject(context, lines[kind].subject),
    text: [
      `Beste ${referral.referrer.name},`,
      '',
      ...lines[kind].body,
      '',
      ...contactPersonLine(referral, 'Uw contactpersoon voor deze cliënt'),
      ...link(context, referral.referralId, 'verwijzingen'),
    ].join('\n'),
  };
}

/**
 * The client letter, e-mailed to the client (only with their consent), once per contact person
 * assigned: who will call, the partner while they wait, what they agreed to share, crisis numbers.
 */
export function clientLetterEmail(referral: Referral, to: string, context: NotificationContext): Email {
  const letter = clientLetter(referral, context.region, context.limits, context.now);
  return {
    notificationId: notificationId(referral.referralId, 'client-letter', referral.contactPerson?.id ?? 'region'),
    kind: 'client-letter',
    from: context.region.mailFrom,
    to,
    subject: subject(context, `Uw aanmelding bij Overbrug: wat er nu gebeurt (${caseLabel(referral)})`),
    text: clientLetterText(letter),
  };
}

/** The referrer added needs or information to the case: its contact person (or the region) hears so. */
export function amendmentEmail(referral: Referral, context: NotificationContext): Email {
  const amendments = referral.amendments ?? [];
  const last = amendments.at(-1);
  const to = referral.contactPerson ?? { id: 'region', name: context.region.coordinator.name, email: context.region.coordinator.email };
  const newNeeds = (last?.newNeeds ?? []).map((need) => needLabel(need));
  return {
    notificationId: notificationId(referral.referralId, 'amendment', String(amendments.length)),
    kind: 'amendment',
    from: context.region.mailFrom,
    to: to.email,
    subject: subject(context, `Overbrug: de verwijzer vulde ${caseLabel(referral)} aan`),
    text: [
      `Beste ${to.name},`,
      '',
      `${referrerName(referral.referrer)} vulde de verwijzing van ${shortSummary(referral)} aan.`,
      newNeeds.length && mayShare(referral, 'contact-person', 'functional-needs')
        ? `Nieuwe hulpvraag: ${newNeeds.join(', ')}. Overbrug zocht er aanbod bij; het staat op de pagina van de zaak.`
        : 'Bekijk wat er veranderde op de pagina van de zaak.',
      ...link(context, referral.referralId, 'zaken'),
    ].join('\n'),
  };
}

/**
 * A bridging partner told of a client hears that the hand-off ended: another partner was chosen,
 * or the case was closed or withdrawn. Nothing of the client beyond the referral's number, which
 * the partner already has; they are asked not to act on it any more.
 */
export function bridgingPartnerEndedEmail(
  referral: Pick<Referral, 'referralId' | 'caseNumber' | 'status' | 'contactPerson' | 'consent' | 'consentGrants'>,
  partner: Match,
  context: NotificationContext,
): Email {
  const consentWithdrawn = !mayShare(referral, 'partners', 'functional-needs');
  const why = consentWithdrawn
    ? 'de cliënt wil niet langer dat gegevens over de hulpvraag met u gedeeld worden'
    : referral.status === 'withdrawn'
      ? 'de verwijzing is ingetrokken'
      : referral.status === 'closed'
        ? 'de zaak is afgesloten'
        : 'de cliëntondersteuner heeft samen met de cliënt voor een andere partner gekozen';
  return {
    notificationId: notificationId(referral.referralId, 'bridging-partner-ended', partner.serviceId),
    kind: 'bridging-partner-ended',
    from: context.region.mailFrom,
    to: partner.contact.email ?? '',
    subject: subject(context, `Overbrug: overbrugging beëindigd (${caseLabel(referral)})`),
    text: [
      `Aan ${partner.contact.name ?? partner.organisation},`,
      '',
      `De cliënt van zaak ${caseLabel(referral)} heeft geen wachtlijstoverbrugging bij ${partner.name} meer nodig: ${why}.`,
      consentWithdrawn
        ? 'U hoeft niets meer te doen. Gebruik de gegevens die u over deze cliënt kreeg niet meer, neem geen contact meer op over deze verwijzing, en verwijder de gegevens zodra u ze niet meer hoeft te bewaren.'
        : 'U hoeft niets meer te doen. Neem geen contact meer op over deze verwijzing, en bewaar de gegevens die u erover kreeg niet langer dan nodig.',
      'Als Overbrug bij u een plaats voor deze cliënt had gereserveerd, is die weer vrij.',
      ...(referral.contactPerson ? ['', 'Vragen? Neem contact op met de contactpersoon van de cliënt:', ...contactPersonLine(referral)] : []),
    ].join('\n'),
  };
}

/** The match was not acted on in time: a reminder to the contact person. */
export function contactPersonReminderEmail(referral: Referral, to: { id: string; name: string; email: string }, context: NotificationContext): Email {
  return {
    notificationId: notificationId(referral.referralId, 'reminder-contact-person', to.id),
    kind: 'reminder-contact-person',
    from: context.region.mailFrom,
    to: to.email,
    subject: subject(context, `Overbrug: herinnering, ${shortSummary(referral)} wacht op uw reactie`),
    text: [
      `Beste ${to.name},`,
      '',
      `U bent sinds ${longDutchDate(dutchDate(new Date(referral.statusChangedAt)))} de contactpersoon van ${shortSummary(referral)}, maar hebt de verwijzing nog niet aangenomen of afgewezen.`,
      'Neem haar aan of wijs haar af met een reden, zodat de cliënt niet blijft wachten.',
      `Vragen over de cliënt? Verwezen door: ${referrerLine(referral)}`,
      ...link(context, referral.referralId, 'zaken'),
    ].join('\n'),
  };
}

/**
 * Social problems first, and now the re-assessment: the contact person is asked whether the client
 * still needs ggz, and can have the case triaged again with one click on its page.
 */
export function reassessmentEmail(referral: Referral, to: { id: string; name: string; email: string }, context: NotificationContext): Email {
  return {
    notificationId: notificationId(referral.referralId, 'reassessment-contact-person', to.id),
    kind: 'reassessment-contact-person',
    from: context.region.mailFrom,
    to: to.email,
    subject: subject(context, `Overbrug: is ggz nog nodig? (${shortSummary(referral)})`),
    text: [
      `Beste ${to.name},`,
      '',
      `Bij ${shortSummary(referral)} ging de hulp bij geld, wonen of het dagelijks leven voor. Afgesproken was om later te kijken of ggz nog nodig is.`,
      'Vraag de cliënt hoe het nu gaat. Is ggz nog nodig? Open de zaak: met één klik laat u de hulpvraag opnieuw beoordelen. Is het niet meer nodig, dan legt u dat daar ook vast.',
      ...link(context, referral.referralId, 'zaken'),
    ].join('\n'),
  };
}

/** A time limit passed: the region's coordinator hears of it. */
export function regionLimitEmail(referral: Referral, kind: 'escalation-region' | 'no-first-contact-region', context: NotificationContext): Email {
  const { coordinator } = context.region;
  const what =
    kind === 'escalation-region'
      ? `De contactpersoon (${referral.contactPerson?.name ?? 'onbekend'}) heeft na vijf werkdagen nog niet gereageerd op ${shortSummary(referral)}.`
      : `Binnen vier weken na ${shortSummary(referral)} is er geen eerste contact met de cliënt vastgelegd (aanmeldnorm).`;
  // An escalation is about one contact person: a new one after a decline can be escalated again.
  const recipient = kind === 'escalation-region' ? referral.contactPerson?.id : undefined;
  return {
    notificationId: notificationId(referral.referralId, kind, recipient),
    kind,
    from: context.region.mailFrom,
    to: coordinator.email,
    subject: subject(context, `Overbrug: termijn verstreken (${caseLabel(referral)})`),
    text: [`Aan ${coordinator.name},`, '', what, 'Kijk of de cliënt een andere contactpersoon nodig heeft.', '', ...contactPersonLine(referral)].join('\n'),
  };
}

/**
 * The coordinator's own time limit passed (shared/domain/desk.ts): a case flagged for the region
 * still has no contact person after a working day. The region's manager hears of it in plain
 * words: which case, from which gemeente, since when; nothing of the client's health or story.
 */
export function deskEscalationEmail(referral: Referral, context: NotificationContext): Email {
  const to = context.region.manager ?? context.region.coordinator;
  const since = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(referral.statusChangedAt));
  return {
    // Once per time the case is flagged (again after a decline is news again), as the coordinator's message.
    notificationId: notificationId(referral.referralId, 'desk-escalation-manager', referral.declinedBy?.length ? `after-decline-${referral.declinedBy.length}` : undefined),
    kind: 'desk-escalation-manager',
    from: context.region.mailFrom,
    to: to.email,
    subject: subject(context, `Overbrug: zaak wacht op een cliëntondersteuner (${caseLabel(referral)})`),
    text: [
      `Aan ${to.name},`,
      '',
      `Zaak ${caseLabel(referral)} uit ${referral.client.gemeente} wacht sinds ${since} op een cliëntondersteuner.`,
      'Niemand had ruimte. De coördinator heeft na een werkdag nog niemand gekozen.',
      'Wilt u samen met de coördinator kijken wie deze cliënt kan helpen?',
    ].join('\n'),
  };
}

/**
 * The partner of a sociale-kaart entry nobody confirmed for a while is asked to confirm it, with a
 * link that does it in one step. At the second stage the entry is no longer offered until then.
 */
type VerifiedService = Pick<ServiceEntry, 'serviceId' | 'name' | 'organisation' | 'lastVerified' | 'capacity' | 'waitingWeeks' | 'area' | 'contact'> & { placesTaken: number };

/** The entry a partner is asked to confirm, as it stands: the same rows in the e-mail and on the confirm page. */
export function serviceSummaryRows(service: VerifiedService): [label: string, value: string][] {
  return [
    ['Plaatsen voor cliënten via Overbrug', service.capacity === null ? 'geen limiet' : `${service.capacity}, waarvan nu ${service.placesTaken} bezet`],
    ['Wachttijd', service.waitingWeeks === 0 ? 'geen' : weeks(service.waitingWeeks)],
    ['Werkgebied', service.area.gemeenten.join(', ')],
    ['Contact', [service.contact.name, service.contact.email, service.contact.phone].filter(Boolean).join(', ')],
  ];
}

export function reverificationEmail(
  service: VerifiedService,
  request: { stage: 'ranked-down' | 'excluded'; tokenHash: string; expiresAt: string; link: string },
  context: Pick<NotificationContext, 'region'>,
): Email {
  const { region } = context;
  return {
    notificationId: `kaart:${service.serviceId}:reverify:${request.stage}:${request.tokenHash.slice(0, 12)}`,
    kind: 'kaart-reverification',
    from: region.mailFrom,
    to: service.contact.email,
    subject: subject(context, `Overbrug: klopt uw aanbod op de sociale kaart nog? (${service.name})`),
    text: [
      `Beste ${service.contact.name || service.organisation},`,
      '',
      `${service.name} (${service.organisation}) staat op de sociale kaart van ${region.name}. Deze gegevens zijn sinds ${longDutchDate(service.lastVerified)} niet meer bevestigd.`,
      request.stage === 'excluded'
        ? 'Omdat ze zo lang niet zijn bevestigd, biedt Overbrug dit aanbod niet meer aan cliënten aan, tot u ze bevestigt.'
        : 'Aanbod dat lang niet is bevestigd, komt lager in de lijst van opties voor cliënten.',
      '',
      'Zo staat het er nu:',
      ...serviceSummaryRows(service).map(([label, value]) => `- ${label}: ${value}`),
      '',
      `Klopt dit nog? Bevestig het met één klik: ${request.link}`,
      `(de link werkt tot ${longDutchDate(dutchDate(new Date(request.expiresAt)))})`,
      '',
      'Klopt er iets niet? Pas de vrije plaatsen en de wachttijd aan in Overbrug, of laat het de beheerder van de sociale kaart weten.',
    ].join('\n'),
  };
}

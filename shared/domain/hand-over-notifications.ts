// The e-mails of a case moving between contact persons for an absence (shared/pipeline/hand-over.ts):
// the new contact person, the referrer, and the region when nobody could take the case. Plain Dutch
// at B1 level, and, like every e-mail here, no health data: who, which case, and where to look.
import { caseLabel } from './case-number.ts';
import type { Email, NotificationContext } from './notifications.ts';
import { notificationId } from './notifications.ts';
import { formatPhone } from './phone-format.ts';
import type { ContactPersonChange, Referral } from './referral.ts';

const dayFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar date as people read it: 24 december 2026. */
export const dutchDayLabel = (date: string) => dayFormat.format(new Date(`${date}T00:00:00Z`));

const subject = (context: Pick<NotificationContext, 'region'>, text: string) => (context.region.fictional ? `[DEMO, fictieve regio] ${text}` : text);

function caseLink(context: NotificationContext, referral: Referral, page: 'zaken' | 'verwijzingen'): string[] {
  if (!context.publicBaseUrl) return [];
  return ['', `Bekijk de zaak: ${context.publicBaseUrl.replace(/\/$/, '')}/#/${page}/${referral.referralId}`];
}

function caseLines(referral: Referral): string[] {
  return [`Zaaknummer: ${caseLabel(referral)}`, `Cliëntreferentie: ${referral.client.ref}`, `Gemeente: ${referral.client.gemeente}`];
}

function reachLine(referral: Referral): string[] {
  const person = referral.contactPerson;
  if (!person) return [];
  return [`U bereikt ${person.name} via: ${[person.phone ? formatPhone(person.phone) : undefined, person.email].filter(Boolean).join(', ')}`];
}

/** The change the referral's e-mails are about; one id per change, so each move is told once. */
const changeId = (referral: Referral, kind: Email['kind'], change: ContactPersonChange) => notificationId(referral.referralId, kind, `${change.to}:${change.at}`);

/** To the contact person who has the case now: that it is theirs, for how long, where to read up. */
export function contactPersonChangeEmail(referral: Referral, context: NotificationContext): Email | undefined {
  const change = referral.contactPersonChange;
  const to = referral.contactPerson;
  if (!change || !to || to.id !== change.to) return undefined;
  const absence =
    change.reason === 'absence'
      ? [
          `${change.from.name} is afwezig tot en met ${dutchDayLabel(change.until)}. Daarom bent u vanaf nu de vaste contactpersoon van deze cliënt.`,
          change.returns
            ? `Na de afwezigheid gaat de cliënt terug naar ${change.from.name}. U krijgt dan bericht.`
            : 'U blijft de contactpersoon, ook na de afwezigheid.',
          'Lees op de pagina van de zaak wat er al gebeurd is en wat de volgende stap is. Stel u voor aan de cliënt.',
        ]
      : [
          `Welkom terug. De cliënt van deze zaak is weer bij u. Tijdens uw afwezigheid was ${change.from.name} de contactpersoon.`,
          'Lees op de pagina van de zaak wat er in die tijd gebeurd is.',
        ];
  return {
    notificationId: changeId(referral, 'contact-person-change', change),
    kind: 'contact-person-change',
    from: context.region.mailFrom,
    to: to.email,
    subject: subject(
      context,
      change.reason === 'absence' ? `Overbrug: u neemt een cliënt over van ${change.from.name} (${caseLabel(referral)})` : `Overbrug: een cliënt is weer bij u (${caseLabel(referral)})`,
    ),
    text: [`Beste ${to.name},`, '', ...absence, '', ...caseLines(referral), ...caseLink(context, referral, 'zaken')].join('\n'),
  };
}

/** To the referrer: who their client's contact person is now, and how to reach them. */
export function referrerContactPersonChangeEmail(referral: Referral, context: NotificationContext): Email | undefined {
  const change = referral.contactPersonChange;
  const person = referral.contactPerson;
  if (!change || !person || person.id !== change.to) return undefined;
  const body =
    change.reason === 'absence'
      ? [
          `De cliënt van zaak ${caseLabel(referral)} heeft een andere contactpersoon. ${change.from.name} is afwezig tot en met ${dutchDayLabel(change.until)}.`,
          `${person.name} neemt de zaak over${change.returns ? ` tot ${change.from.name} terug is` : ''}. U hoeft niets te doen.`,
        ]
      : [`${person.name} is terug en is weer de contactpersoon van de cliënt van zaak ${caseLabel(referral)}. U hoeft niets te doen.`];
  return {
    notificationId: changeId(referral, 'referrer-contact-person-change', change),
    kind: 'referrer-contact-person-change',
    from: context.region.mailFrom,
    to: referral.referrer.email,
    subject: subject(context, `Overbrug: andere contactpersoon voor uw cliënt (${caseLabel(referral)})`),
    text: [`Beste ${referral.referrer.name},`, '', ...body, ...reachLine(referral), '', ...caseLines(referral), ...caseLink(context, referral, 'verwijzingen')].join('\n'),
  };
}

/** To the region: nobody could take the case of an absent contact person; it stays with them. */
export function regionHandOverEmail(referral: Referral, context: NotificationContext): Email | undefined {
  const person = referral.contactPerson;
  if (!referral.handOverFlaggedFor || !person) return undefined;
  const { coordinator } = context.region;
  const [from, to] = referral.handOverFlaggedFor.split('/');
  return {
    notificationId: notificationId(referral.referralId, 'region-hand-over', referral.handOverFlaggedFor),
    kind: 'region-hand-over',
    from: context.region.mailFrom,
    to: coordinator.email,
    subject: subject(context, `Overbrug: zaak kan niet worden overgedragen (${caseLabel(referral)})`),
    text: [
      `Aan ${coordinator.name},`,
      '',
      `${person.name} is afwezig van ${dutchDayLabel(from!)} tot en met ${dutchDayLabel(to!)}. De open zaken gaan naar collega's, maar voor deze zaak heeft niemand in ${referral.client.gemeente} ruimte.`,
      `De zaak blijft daarom bij ${person.name}. Kijk of iemand de zaak kan overnemen, of maak ruimte in het team.`,
      '',
      ...caseLines(referral),
    ].join('\n'),
  };
}

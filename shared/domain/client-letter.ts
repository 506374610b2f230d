import { caseLabel } from './case-number.ts';
import { mayShare } from './consent.ts';
import { addWorkingDays, dutchDate } from './dutch-calendar.ts';
import { formatPhone } from './phone-format.ts';
import { escapeHtml } from './text.ts';
import { currentBridging } from './referral-stats.ts';
import type { Referral } from './referral.ts';
import type { Region } from './region.ts';
import type { TimeLimitsConfig } from './time-limits.ts';
import { REFERRER_KIND_LABELS } from './vocabulary.ts';

// The letter for the client (patiëntbericht): what happens now, who their contact person is and
// when they will call, who supports them while they wait, what they agreed to share and how to
// stop that, and whom to call in a crisis. In plain Dutch (B1), on one A4 page. One content, two
// forms: a printable HTML page (GET /referrals/{id}/client-letter) and the text of the e-mail to
// the client. It names people and services, never the client's needs or story.

export interface LetterSection {
  heading: string;
  paragraphs: string[];
  /** A list of points, after the paragraphs. */
  items?: string[];
  /** A closing line, after the list and the rows. */
  after?: string;
  /** Label and value, e.g. ['Telefoon', '010 000 0123']. */
  rows?: [string, string][];
}

export interface ClientLetter {
  title: string;
  /** "[DEMO, fictieve regio]" for demonstration data. */
  banner?: string;
  caseNumber: string;
  date: string;
  sections: LetterSection[];
  /** The crisis block, apart so that it stands out on paper. */
  crisis: LetterSection;
}

const longDate = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** "dinsdag 9 december 2026" for a Dutch calendar date. */
export const longDutchDate = (date: string) => longDate.format(new Date(`${date}T12:00:00Z`));

const phone = (value: string | undefined) => (value ? formatPhone(value) : undefined);

function crisisSection(region: Region): LetterSection {
  return {
    heading: 'Gaat het niet goed? Wacht dan niet',
    paragraphs: ['Bij direct levensgevaar: bel 112.', 'Denkt u aan zelfmoord? Praat erover. Bel of chat met 113 Zelfmoordpreventie, ook als u twijfelt.'],
    rows: [
      ...region.nationalLines.map((line): [string, string] => [line.name, `${line.phone} (${line.hours})`]),
      [region.huisartsenpost.name, `${region.huisartsenpost.phone} (${region.huisartsenpost.hours})`],
      [region.crisisService.name, `${region.crisisService.phone} (${region.crisisService.hours}); meestal via uw huisarts of de huisartsenpost`],
    ],
  };
}

/** The working day by which the contact person reaches the client: the reaction limit after they got the case. */
function contactDue(referral: Referral, limits: TimeLimitsConfig): string | undefined {
  const assigned = referral.timeline.findLast((entry) => entry.event === 'contact-person-assigned')?.at;
  return assigned ? dutchDate(addWorkingDays(new Date(assigned), limits.remindAfterWorkingDays, limits)) : undefined;
}

/** What the client agreed to share, with whom, in words; and how to stop it. */
function sharingSection(referral: Referral): LetterSection {
  const person = referral.contactPerson?.name ?? 'Uw contactpersoon';
  const partner = currentBridging(referral);
  const items = [
    `${person} mag uw hulpvragen en uw verhaal lezen${mayShare(referral, 'contact-person', 'diagnosis') ? ', en ook wat er over een diagnose bekend is' : ', maar niet wat er over een diagnose bekend is'}.`,
    mayShare(referral, 'partners', 'functional-needs')
      ? `${partner ? partner.name : 'De organisatie die u helpt tijdens het wachten'} krijgt alleen te horen waarmee u hulp zoekt${mayShare(referral, 'partners', 'diagnosis') ? ' en wat er over een diagnose bekend is' : ', niet uw verhaal of een diagnose'}.`
      : 'Andere organisaties krijgen niets over u te horen.',
    mayShare(referral, 'naasten', 'functional-needs') ? 'Uw naasten mogen betrokken worden bij de hulp.' : 'Uw naasten worden niet betrokken zonder dat u dat wilt.',
    ...(mayShare(referral, 'client', 'functional-needs') ? ['U krijgt deze brief ook per e-mail.'] : []),
  ];
  return {
    heading: 'Wat u heeft afgesproken over uw gegevens',
    paragraphs: [],
    items,
    rows: [],
    after: `Wilt u iets niet meer delen? Zeg het tegen ${referral.contactPerson ? 'uw contactpersoon of ' : ''}${referral.referrer.name}. Dan stoppen we daar meteen mee.`,
  };
}

/** The letter's content for this referral as it is now. */
export function clientLetter(referral: Referral, region: Region, limits: TimeLimitsConfig, now: Date): ClientLetter {
  const referrer = REFERRER_KIND_LABELS[referral.referrer.kind] ?? 'verwijzer';
  const referrerRows: [string, string][] = [
    ['Verwezen door', `${referral.referrer.name}, ${referral.referrer.organisation}`],
    ...(referral.referrer.phone ? [['Telefoon', phone(referral.referrer.phone)!] as [string, string]] : []),
  ];
  const base = {
    ...(region.fictional ? { banner: '[DEMO, fictieve regio] Deze brief hoort bij een oefenomgeving.' } : {}),
    caseNumber: caseLabel(referral),
    date: longDutchDate(dutchDate(now)),
    crisis: crisisSection(region),
  };

  if (referral.triage?.route === 'crisis') {
    return {
      ...base,
      title: 'U krijgt nu hulp van de crisisdienst',
      sections: [
        {
          heading: 'Wat gebeurt er nu?',
          paragraphs: [
            `Uw ${referrer} maakt zich zorgen om u en heeft de crisisdienst gevraagd om u te helpen. U hoeft niet te wachten.`,
            `De crisisdienst neemt vandaag contact met u op, of met uw ${referrer}. Hoort u niets? Bel dan zelf een van de nummers hieronder.`,
          ],
          rows: [[region.crisisService.name, `${region.crisisService.phone} (${region.crisisService.hours})`], ...referrerRows],
        },
      ],
    };
  }

  const person = referral.contactPerson;
  const due = contactDue(referral, limits);
  const what: LetterSection = person
    ? {
        heading: 'Wat gebeurt er nu?',
        paragraphs: referral.firstContact
          ? [
              `Uw ${referrer} heeft u aangemeld bij Overbrug van ${region.name}. ${person.name} is uw vaste contactpersoon. U had op ${longDutchDate(referral.firstContact.date)} voor het eerst contact.`,
              `Heeft u een vraag, of verandert er iets? Neem dan contact op met ${person.name}.`,
            ]
          : [
              `Uw ${referrer} heeft u aangemeld bij Overbrug van ${region.name}. U krijgt één vaste contactpersoon: ${person.name}. ${person.name} helpt u op weg en blijft uw vaste aanspreekpunt, ook als u later andere hulp krijgt.`,
              `${person.name} neemt ${due ? `uiterlijk op ${longDutchDate(due)}` : 'binnen een paar werkdagen'} contact met u op. Hoort u dan nog niets? Bel of mail dan zelf.`,
            ],
        rows: [
          ['Uw contactpersoon', person.name],
          ...(person.phone ? [['Telefoon', phone(person.phone)!] as [string, string]] : []),
          ['E-mail', person.email],
        ],
      }
    : {
        heading: 'Wat gebeurt er nu?',
        paragraphs: [
          `Uw ${referrer} heeft u aangemeld bij Overbrug van ${region.name}. U krijgt één vaste contactpersoon: een cliëntondersteuner die u op weg helpt en uw vaste aanspreekpunt blijft.`,
          'Binnen een paar werkdagen hoort u wie dat is; die persoon belt of mailt u dan. Hoort u na een week nog niets? Bel dan uw verwijzer.',
        ],
        rows: referrerRows,
      };

  const partner = currentBridging(referral);
  const waiting: LetterSection | undefined = partner
    ? {
        heading: 'Steun terwijl u wacht',
        paragraphs: [
          `Terwijl u wacht op hulp, kunt u terecht bij ${partner.name} (${partner.organisation}). Zij helpen u de wachttijd door, zodat u er niet alleen voor staat.`,
        ],
        rows: [
          ...(partner.contact.phone ? [['Telefoon', phone(partner.contact.phone)!] as [string, string]] : []),
          ...(partner.contact.email ? [['E-mail', partner.contact.email] as [string, string]] : []),
        ],
      }
    : undefined;

  return {
    ...base,
    title: 'Wat er nu gebeurt na uw verwijzing',
    sections: [what, ...(waiting ? [waiting] : []), ...(person ? [{ heading: 'Uw verwijzer', paragraphs: [], rows: referrerRows }] : []), sharingSection(referral)],
  };
}

// The page's one stylesheet. Its SHA-256 is in the page's CSP (and the web app's, which opens the
// letter in a window of its own), so no other style can run there: change it, and both follow.
export const CLIENT_LETTER_STYLE = `
@page { size: A4; margin: 12mm 15mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.32 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #111; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 16pt; margin: 0 0 .15rem; }
h2 { font-size: 11.5pt; margin: .6rem 0 .15rem; }
p { margin: .2rem 0; }
ul { margin: .2rem 0; padding-left: 1.2rem; }
.meta { color: #444; margin-bottom: .6rem; }
.banner { border: 2px dashed #a15c00; padding: .3rem .6rem; font-weight: 600; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .3rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.crisis { border: 2px solid #111; padding: .4rem .8rem .6rem; margin-top: 1rem; break-inside: avoid; }
.crisis h2 { margin-top: .2rem; }
footer { margin-top: .8rem; color: #444; font-size: 9.5pt; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
`;

function sectionHtml(section: LetterSection, className?: string): string {
  const rows = section.rows?.length ? `<dl>${section.rows.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>` : '';
  const items = section.items?.length ? `<ul>${section.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '';
  const paragraphs = section.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('');
  const after = section.after ? `<p>${escapeHtml(section.after)}</p>` : '';
  return `<section${className ? ` class="${className}"` : ''}><h2>${escapeHtml(section.heading)}</h2>${paragraphs}${items}${rows}${after}</section>`;
}

/** The letter as a page to print: one A4 sheet. */
export function clientLetterHtml(letter: ClientLetter): string {
  return [
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Brief voor de cliënt · ${escapeHtml(letter.caseNumber)}</title><style>${CLIENT_LETTER_STYLE}</style></head><body><main>`,
    letter.banner ? `<p class="banner">${escapeHtml(letter.banner)}</p>` : '',
    `<h1>${escapeHtml(letter.title)}</h1><p class="meta">${escapeHtml(letter.date)} · zaaknummer ${escapeHtml(letter.caseNumber)}</p>`,
    ...letter.sections.map((section) => sectionHtml(section)),
    sectionHtml(letter.crisis, 'crisis'),
    `<footer>Bewaar deze brief. Noem het zaaknummer ${escapeHtml(letter.caseNumber)} als u belt of mailt over uw aanmelding.</footer>`,
    '</main></body></html>',
  ].join('');
}

/** The same letter as the text of an e-mail. */
export function clientLetterText(letter: ClientLetter): string {
  const section = (part: LetterSection) => [
    part.heading,
    ...part.paragraphs,
    ...(part.items ?? []).map((item) => `- ${item}`),
    ...(part.rows ?? []).map(([label, value]) => `- ${label}: ${value}`),
    ...(part.after ? [part.after] : []),
    '',
  ];
  return [
    ...(letter.banner ? [letter.banner, ''] : []),
    letter.title,
    `${letter.date}, zaaknummer ${letter.caseNumber}`,
    '',
    ...letter.sections.flatMap(section),
    ...section(letter.crisis),
    `Bewaar dit bericht. Noem het zaaknummer ${letter.caseNumber} als u belt of mailt over uw aanmelding.`,
  ].join('\n');
}

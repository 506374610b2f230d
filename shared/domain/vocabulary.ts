// The words of the domain, each defined once. Codes are the API's; labels are what users read.
// The web app imports this file too: keep it free of anything but words. It is the bottom of the
// domain: it imports nothing, so every other module may import it (docs/architecture.md).

/** The 13 levensdomeinen of the national EPA panel (DOMAIN.md, `003:4336-4415`), in that order. */
export const LEVENSDOMEINEN = [
  'social-contacts',
  'daily-activities',
  'finances',
  'mental-health',
  'physical-health',
  'access-to-care',
  'substance-use',
  'self-care',
  'household',
  'intimacy',
  'housing',
  'meaning',
  'medication',
] as const;
export type Levensdomein = (typeof LEVENSDOMEINEN)[number];

/** The six dimensions of positieve gezondheid (the "spin van Huber"). */
export const POSITIVE_HEALTH_DIMENSIONS = [
  'lichaamsfuncties',
  'mentaal-welbevinden',
  'zingeving',
  'kwaliteit-van-leven',
  'meedoen',
  'dagelijks-functioneren',
] as const;
export type PositiveHealthDimension = (typeof POSITIVE_HEALTH_DIMENSIONS)[number];

/**
 * Dutch label and positive-health dimension per levensdomein. The sources give the domains and the
 * dimensions but not the mapping between them: this mapping is ours (see docs/domain.md).
 */
export const LEVENSDOMEIN_INFO: Record<Levensdomein, { label: string; dimension: PositiveHealthDimension }> = {
  'social-contacts': { label: 'sociale contacten', dimension: 'meedoen' },
  'daily-activities': { label: 'dagelijkse bezigheden', dimension: 'meedoen' },
  finances: { label: 'financiële situatie', dimension: 'dagelijks-functioneren' },
  'mental-health': { label: 'psychische gezondheid', dimension: 'mentaal-welbevinden' },
  'physical-health': { label: 'lichamelijke gezondheid', dimension: 'lichaamsfuncties' },
  'access-to-care': { label: 'krijgen van juiste hulpverlening', dimension: 'dagelijks-functioneren' },
  'substance-use': { label: 'alcohol- en/of druggebruik', dimension: 'lichaamsfuncties' },
  'self-care': { label: 'persoonlijke verzorging', dimension: 'dagelijks-functioneren' },
  household: { label: 'huishouden', dimension: 'dagelijks-functioneren' },
  intimacy: { label: 'seksualiteit en intimiteit', dimension: 'kwaliteit-van-leven' },
  housing: { label: 'huisvesting', dimension: 'kwaliteit-van-leven' },
  meaning: { label: 'zingeving en perspectief', dimension: 'zingeving' },
  medication: { label: 'omgaan met medicatie', dimension: 'lichaamsfuncties' },
};

/**
 * Needs of the plan that are no levensdomein of the client: a peer or recovery option next to the
 * others (`004:1495-1538`), and support for a burdened naaste (functie 3, `004:745-761`).
 */
export const SUPPORT_NEEDS = ['peers', 'naasten'] as const;
export type SupportNeed = (typeof SUPPORT_NEEDS)[number];
/** What a need of the triage is about: a levensdomein of the client, or a support need. */
export type NeedKey = Levensdomein | SupportNeed;

export const SUPPORT_NEED_LABELS: Record<SupportNeed, string> = {
  peers: 'herstel met lotgenoten en ervaringsdeskundigen',
  naasten: 'steun voor naasten',
};

export const isLevensdomein = (key: string): key is Levensdomein => key in LEVENSDOMEIN_INFO;

/** A need of the referral in words: a levensdomein, a support need, or `waiting` for the bridging of the wait itself. */
export const needLabel = (need: NeedKey | 'waiting' | (string & {})): string =>
  need === 'waiting'
    ? 'wachtlijstoverbrugging'
    : (LEVENSDOMEIN_INFO[need as Levensdomein]?.label ?? SUPPORT_NEED_LABELS[need as SupportNeed] ?? need);

export const NEED_LEVELS = ['none', 'some', 'high'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];

export const NEED_LEVEL_LABELS: Record<NeedLevel, string> = { none: 'geen', some: 'enige', high: 'hoge' };

export const HELP_SOURCES = ['professional', 'network', 'both'] as const;
export type HelpSource = (typeof HELP_SOURCES)[number];

export const HELP_SOURCE_LABELS: Record<HelpSource, string> = { professional: 'professionals', network: 'eigen netwerk', both: 'beide' };

/** The five questions of the netwerkintake (`001:2008-2010`), as the intake's `story` holds them. */
export const STORY_QUESTIONS = {
  whatHappened: 'Wat is er gebeurd?',
  strengths: 'Waar is de cliënt goed in?',
  vulnerabilities: 'Wat zijn de kwetsbaarheden?',
  goals: 'Waar wil de cliënt naartoe?',
  needs: 'Wat heeft de cliënt nodig?',
} as const;

/** Screening flags (DOMAIN.md: `004:1375-1378`, `000:147-153`). */
export const FLAGS = [
  'acute-risk',
  'psychosis',
  'trauma',
  'lvb',
  'addiction',
  'somatic',
  'cognitive',
  'money-worries',
  'epa',
] as const;
export type Flag = (typeof FLAGS)[number];

export const FLAG_LABELS: Record<Flag, string> = {
  'acute-risk': 'acuut risico (o.a. suïcidaliteit)',
  psychosis: 'psychotische klachten',
  trauma: 'trauma',
  lvb: 'licht verstandelijke beperking',
  addiction: 'verslaving',
  somatic: 'somatische comorbiditeit',
  cognitive: 'cognitieve problemen',
  'money-worries': 'geldzorgen',
  epa: 'ernstige psychiatrische aandoening (EPA)',
};

/**
 * What the client wants and does not want, as choices next to their own words (`004:603-605`: "wij
 * beslissen niets over de cliënt, zonder de cliënt"). Matching respects each one and says so.
 */
export const WISHES = ['no-admission', 'no-groups', 'online-only', 'not-online'] as const;
export type Wish = (typeof WISHES)[number];

export const WISH_LABELS: Record<Wish, string> = {
  'no-admission': 'liever geen opname',
  'no-groups': 'geen groepen',
  'online-only': 'alleen online',
  'not-online': 'niet online',
};

/** How heavily a naaste carries the care for the client, in their own view. */
export const NAASTE_BURDENS = ['some', 'high'] as const;
export type NaasteBurden = (typeof NAASTE_BURDENS)[number];
export const NAASTE_BURDEN_LABELS: Record<NaasteBurden, string> = { some: 'enigszins belast', high: 'zwaar belast' };

/** Channels a client can be reached through; no app may be required (`002:3499-3516`). */
export const CHANNELS = ['phone', 'post', 'in-person', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: 'telefoon',
  post: 'post',
  'in-person': 'persoonlijk',
  online: 'online',
};

/** How a client prefers to be reached first (`client.contact.preferredChannel`). */
export const PREFERRED_CHANNEL_LABELS = { phone: 'bellen', email: 'e-mail', post: 'een brief (via de praktijk)', 'in-person': 'persoonlijk' } as const;

/** The next step of a case (shared/domain/next-step.ts), as the referrer reads it. */
export const NEXT_STEP_LABELS = {
  intake: 'De cliëntondersteuner neemt contact op met de cliënt en doet samen de netwerkintake. Daarna zoekt Overbrug aanbod.',
  matching: 'Overbrug beoordeelt de verwijzing en zoekt aanbod en een contactpersoon.',
  'contact-person-reacts': 'De contactpersoon neemt de zaak aan',
  'region-assigns': 'Er was geen cliëntondersteuner met ruimte. De regio wijst er een toe; u hoort wie.',
  'first-contact': 'De contactpersoon neemt contact op met de cliënt',
  outcomes: 'De contactpersoon helpt de cliënt verder. U hoort wat er van elke hulpvraag werd.',
  'crisis-service': 'De crisisdienst heeft de zorg overgenomen.',
  none: 'Er gebeurt niets meer: de verwijzing is afgesloten.',
} as const;

export const REFERRER_KINDS = ['huisarts', 'poh-ggz', 'wijkteam'] as const;
export type ReferrerKind = (typeof REFERRER_KINDS)[number];

export const REFERRER_KIND_LABELS: Record<ReferrerKind, string> = { huisarts: 'huisarts', 'poh-ggz': 'POH-ggz', wijkteam: 'wijkteam' };

export const ROUTES = ['crisis', 'specialised-ggz', 'basic-ggz', 'social-domain', 'combined', 'advice-only'] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTE_LABELS: Record<Route, string> = {
  crisis: 'crisis',
  'specialised-ggz': 'gespecialiseerde ggz',
  'basic-ggz': 'basis-ggz',
  'social-domain': 'sociaal domein',
  combined: 'ggz en sociaal domein tegelijk',
  'advice-only': 'advies, geen verwijzing nodig',
};

/** Ordered from most to least urgent. */
export const URGENCIES = ['immediate', 'high', 'normal', 'low'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY_LABELS: Record<Urgency, string> = {
  immediate: 'direct',
  high: 'hoog',
  normal: 'normaal',
  low: 'laag',
};

/** The referral's life, from the pipeline's statuses to the case's; see shared/domain/lifecycle.ts. */
export const REFERRAL_STATUSES = [
  'awaiting-intake',
  'received',
  'triaged',
  'matched',
  'notified',
  'accepted',
  'declined',
  'first-contact',
  'in-care',
  'closed',
  'crisis-handed-off',
  'flagged-for-region',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** What each status means to the people who follow a referral. */
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  'awaiting-intake': 'wacht op de netwerkintake met de cliëntondersteuner',
  received: 'ontvangen',
  triaged: 'beoordeeld',
  matched: 'aanbod gekoppeld',
  notified: 'toegewezen aan een contactpersoon',
  accepted: 'aangenomen door de contactpersoon',
  declined: 'afgewezen, nieuwe contactpersoon gezocht',
  'first-contact': 'eerste contact gehad',
  'in-care': 'hulp gestart',
  closed: 'afgesloten',
  'crisis-handed-off': 'overgedragen aan de crisisdienst',
  'flagged-for-region': 'voorgelegd aan de regio',
  withdrawn: 'ingetrokken',
};

/** The same statuses as the contact person reads them in their inbox and on the case page: about their part. */
export const CASE_STATUS_LABELS: Record<ReferralStatus, string> = {
  ...REFERRAL_STATUS_LABELS,
  'awaiting-intake': 'doe de netwerkintake met de cliënt',
  notified: 'wacht op uw reactie',
  accepted: 'aangenomen, nog geen eerste contact',
  declined: 'afgewezen, gaat naar een andere contactpersoon',
};

/** Statuses in which the automated pipeline still has work to do (the sweeper watches these). */
export const PIPELINE_PENDING_STATUSES: readonly ReferralStatus[] = ['received', 'triaged', 'matched', 'declined'];

/** The pipeline handed the referral to a person: its contact person, the crisis service or the region. */
export const FINAL_STATUSES: readonly ReferralStatus[] = ['notified', 'crisis-handed-off', 'flagged-for-region'];

/** The case is over: nothing more happens, places and caseload are released. */
export const CLOSED_STATUSES: readonly ReferralStatus[] = ['closed', 'withdrawn'];

/** The acht functies of the Regiobeeld (`000:95-135`). */
export const FUNCTIES = {
  1: '(vroeg)signalering en preventie',
  2: 'inloop- en ontmoetingsfunctie',
  3: 'netwerkondersteuning door en voor naasten',
  4: 'begeleiding bij dagelijks en maatschappelijk functioneren',
  5: 'reguliere ambulante behandeling',
  6: 'intensieve ambulante behandeling',
  7: 'intensieve klinische behandeling',
  8: '(langdurige) klinische behandeling en begeleiding',
} as const;
export type Functie = keyof typeof FUNCTIES;

/** What kind of offer a sociale-kaart service is; matching rules refer to these. */
export const SERVICE_CATEGORIES = [
  'basic-ggz',
  'specialised-ggz',
  'crisis',
  'mental-health-centre',
  'youth-walk-in',
  'addiction-care',
  'debt-help',
  'client-support',
  'recovery-college',
  'peer-support',
  'experience-expert',
  'walk-in',
  'buddy',
  'social-prescribing',
  'social-work',
  'ips',
  'daytime-activities',
  'lifestyle',
  'naasten-support',
  'housing-support',
  'home-support',
  'meaning',
  'medication-support',
  'physical-care',
  'shelter',
  'education',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** Dutch names of the categories, as the sociale kaart shows them. */
export const SERVICE_CATEGORY_LABELS: Record<ServiceCategory, string> = {
  'basic-ggz': 'basis-ggz',
  'specialised-ggz': 'gespecialiseerde ggz',
  crisis: 'crisisdienst',
  'mental-health-centre': 'Mentaal Gezondheidscentrum',
  'youth-walk-in': 'inloop voor jongeren (zoals @ease)',
  'addiction-care': 'verslavingszorg',
  'debt-help': 'schuldhulpverlening',
  'client-support': 'onafhankelijke cliëntondersteuning',
  'recovery-college': 'herstelacademie / recovery college',
  'peer-support': 'lotgenotencontact en zelfhulpgroepen',
  'experience-expert': 'ervaringsdeskundige',
  'walk-in': 'inloophuis',
  buddy: 'maatjesproject',
  'social-prescribing': 'welzijn op recept',
  'social-work': 'maatschappelijk werk',
  ips: 'IPS en jobcoaching',
  'daytime-activities': 'dagbesteding',
  lifestyle: 'leefstijl',
  'naasten-support': 'ondersteuning van naasten',
  'housing-support': 'woonbegeleiding',
  'home-support': 'hulp bij het huishouden',
  meaning: 'zingeving',
  'medication-support': 'begeleiding bij medicatie',
  'physical-care': 'lichamelijke zorg',
  shelter: 'maatschappelijke opvang (nachtopvang)',
  education: 'onderwijs en terug naar school',
};

/** What an offer costs the client. */
export const COSTS = ['free', 'insured', 'own-contribution'] as const;
export type Cost = (typeof COSTS)[number];

export const COST_LABELS: Record<Cost, string> = {
  free: 'gratis',
  insured: 'vergoed uit de zorgverzekering of de wet',
  'own-contribution': 'met eigen bijdrage',
};

/** Where an offer's money comes from. */
export const FUNDING_SOURCES = ['zvw', 'wmo', 'wlz', 'jeugdwet', 'gemeente', 'informal'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_LABELS: Record<FundingSource, string> = {
  zvw: 'Zorgverzekeringswet (Zvw)',
  wmo: 'Wet maatschappelijke ondersteuning (Wmo)',
  wlz: 'Wet langdurige zorg (Wlz)',
  jeugdwet: 'Jeugdwet',
  gemeente: 'gemeentelijke subsidie',
  informal: 'informeel: vrijwilligers, fondsen',
};

/** How fresh a sociale-kaart entry is (shared/domain/freshness.ts decides it), as its keepers read it. */
export type FreshnessState = 'fresh' | 'ranked-down' | 'excluded';
export const FRESHNESS_STATE_LABELS: Record<FreshnessState, string> = {
  fresh: 'actueel',
  'ranked-down': 'lager gerangschikt',
  excluded: 'niet meer aangeboden',
};

/** When an entry is in a freshness state, with the region's months (its triage rules' `matching.freshness`). */
export function freshnessCondition(state: FreshnessState, rules: { fullUntilMonths: number; excludeAfterMonths: number }): string {
  switch (state) {
    case 'fresh':
      return `bevestigd in de laatste ${rules.fullUntilMonths} maanden`;
    case 'ranked-down':
      return `langer dan ${rules.fullUntilMonths} maanden niet bevestigd`;
    case 'excluded':
      return `${rules.excludeAfterMonths} maanden of langer niet bevestigd`;
  }
}

/** What `POST /kaart/import` did with each service (`checked`: a dry run found it importable). */
export type ImportResult = 'created' | 'updated' | 'unchanged' | 'other-region' | 'checked';

export const IMPORT_RESULT_LABELS: Record<ImportResult, string> = {
  created: 'nieuw',
  updated: 'bijgewerkt',
  unchanged: 'ongewijzigd',
  'other-region': 'van een andere regio (niet geïmporteerd)',
  checked: 'te importeren',
};

/** Where a hand-off to a bridging partner stands (GET /hand-offs `state`). */
export type HandOffState = 'active' | 'consent-withdrawn' | 'closed';

export const HAND_OFF_STATE_LABELS: Record<HandOffState, string> = {
  active: 'actief',
  'consent-withdrawn': 'toestemming ingetrokken',
  closed: 'afgesloten',
};

/** Why a partner no longer sees a hand-off's details, in plain words. */
export const HAND_OFF_ENDED_REASONS: Record<Exclude<HandOffState, 'active'>, string> = {
  'consent-withdrawn': 'De cliënt wil niet meer dat gegevens met partners worden gedeeld. U ziet daarom geen gegevens meer; neem geen contact op met de cliënt.',
  closed: 'De verwijzing is afgesloten of ingetrokken. Voor u is er niets meer te doen.',
};

/** Categories that are ggz treatment; they answer a mental-health need only on a ggz route. */
export const GGZ_CATEGORIES: readonly ServiceCategory[] = ['basic-ggz', 'specialised-ggz', 'mental-health-centre', 'youth-walk-in', 'addiction-care'];

/**
 * Categories a need only reaches when the triage names them: ggz treatment, crisis care, and
 * support meant for naasten rather than for the client.
 */
export const NAMED_ONLY_CATEGORIES: readonly ServiceCategory[] = [...GGZ_CATEGORIES, 'crisis', 'naasten-support'];

/** The ten reasons a need stays unmet (`003:4196-4220`). */
export const UNMET_NEED_REASONS = [
  'not-understood',
  'not-available',
  'waiting-list',
  'dont-know-how',
  'afraid-to-ask',
  'paperwork',
  'not-eligible',
  'not-reimbursed',
  'own-contribution',
  'other',
] as const;
export type UnmetNeedReason = (typeof UNMET_NEED_REASONS)[number];

export const UNMET_NEED_REASON_LABELS: Record<UnmetNeedReason, string> = {
  'not-understood': 'hulpvraag niet begrepen',
  'not-available': 'geen aanbod beschikbaar',
  'waiting-list': 'wachtlijst',
  'dont-know-how': 'weet niet hoe hulp te krijgen',
  'afraid-to-ask': 'durft niet om hulp te vragen',
  paperwork: 'te veel papierwerk',
  'not-eligible': 'komt niet in aanmerking',
  'not-reimbursed': 'wordt niet vergoed',
  'own-contribution': 'eigen bijdrage te hoog',
  other: 'andere reden',
};

/** What became of one need, recorded by the contact person. */
export const NEED_OUTCOMES = ['got-help', 'referred-elsewhere', 'not-eligible', 'no-capacity', 'could-not-contact', 'no-longer-interested'] as const;
export type NeedOutcome = (typeof NEED_OUTCOMES)[number];

/** Outcomes that leave the need unmet: they need one of the ten reason codes. */
export const UNMET_OUTCOMES: readonly NeedOutcome[] = ['not-eligible', 'no-capacity', 'could-not-contact', 'no-longer-interested'];

export const NEED_OUTCOME_LABELS: Record<NeedOutcome, string> = {
  'got-help': 'geholpen',
  'referred-elsewhere': 'elders naartoe verwezen',
  'not-eligible': 'komt niet in aanmerking',
  'no-capacity': 'geen plek',
  'could-not-contact': 'geen contact gekregen',
  'no-longer-interested': 'geen behoefte meer',
};

/** Recipients and kinds of data a client consents to share, one by one and withdrawable. */
export const CONSENT_RECIPIENTS = ['contact-person', 'partners', 'naasten', 'client'] as const;
export type ConsentRecipient = (typeof CONSENT_RECIPIENTS)[number];
export const CONSENT_DATA = ['functional-needs', 'story', 'diagnosis'] as const;
export type ConsentData = (typeof CONSENT_DATA)[number];

/** Who a consent is for, and what it covers, as people read it. */
export const CONSENT_RECIPIENT_LABELS = { 'contact-person': 'de contactpersoon', partners: 'partners', naasten: 'naasten', client: 'de cliënt zelf' } as const;
export const CONSENT_DATA_LABELS = { 'functional-needs': 'de hulpvraag', story: 'het verhaal', diagnosis: 'signalen die op een diagnose lijken' } as const;

/** The time limits a case lives under (shared/domain/time-limits.ts), as the lists mark them. */
export type TimeLimit = 'reminder' | 'escalation' | 'no-first-contact' | 'beyond-treeknorm' | 'reassessment';

export const TIME_LIMIT_LABELS: Record<TimeLimit, string> = {
  reminder: 'reactie van de contactpersoon te laat',
  escalation: 'geen reactie, daarom is de regio ingelicht',
  'no-first-contact': 'geen eerste contact binnen de aanmeldnorm',
  'beyond-treeknorm': 'wacht langer dan de treeknorm',
  reassessment: 'herbeoordeling: is ggz nog nodig?',
};

/** The time limits by name, as the case page lists them (TIME_LIMIT_LABELS says what passing one means). */
export const TIME_LIMIT_NAMES: Record<TimeLimit, string> = {
  reminder: 'Reactie op de toewijzing',
  escalation: 'Melding aan de regio',
  'no-first-contact': 'Aanmeldnorm (eerste contact)',
  'beyond-treeknorm': 'Treeknorm (wachten op ggz)',
  reassessment: 'Herbeoordeling (sociaal domein eerst)',
};

/** The e-mails a referral gives rise to, each sent once (the referral keeps which went out). */
export type NotificationKind =
  | 'contact-person-change'
  | 'referrer-contact-person-change'
  | 'region-hand-over'
  | 'contact-person'
  | 'bridging-partner'
  | 'bridging-partner-ended'
  | 'region-coordinator'
  | 'crisis-service'
  | 'referrer-crisis'
  | 'feedback-accepted'
  | 'feedback-first-contact'
  | 'feedback-closed'
  | 'reminder-contact-person'
  | 'escalation-region'
  | 'no-first-contact-region'
  | 'desk-escalation-manager'
  | 'reassessment-contact-person'
  | 'kaart-reverification'
  | 'intake-request'
  | 'client-letter'
  | 'amendment';

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  'contact-person': 'bericht aan de contactpersoon',
  'bridging-partner': 'bericht aan de overbruggingspartner',
  'bridging-partner-ended': 'bericht aan de overbruggingspartner: overbrugging beëindigd',
  'region-coordinator': 'bericht aan de regiecoördinator',
  'crisis-service': 'bericht aan de crisisdienst',
  'referrer-crisis': 'bericht aan de verwijzer over de crisis',
  'feedback-accepted': 'terugkoppeling: aangenomen',
  'feedback-first-contact': 'terugkoppeling: eerste contact',
  'feedback-closed': 'terugkoppeling: afgesloten',
  'reminder-contact-person': 'herinnering aan de contactpersoon',
  'escalation-region': 'melding aan de regio: geen reactie',
  'no-first-contact-region': 'melding aan de regio: geen eerste contact',
  'desk-escalation-manager': 'melding aan de manager: niemand toegewezen',
  'reassessment-contact-person': 'vraag aan de contactpersoon: is ggz nog nodig?',
  'kaart-reverification': 'verzoek aan de partner om het aanbod na te kijken',
  'intake-request': 'bericht aan de cliëntondersteuner: netwerkintake doen',
  'client-letter': 'brief aan de cliënt, per e-mail',
  amendment: 'bericht over de aanvulling',
  'contact-person-change': 'bericht aan de nieuwe contactpersoon: zaak overgenomen',
  'referrer-contact-person-change': 'bericht aan de verwijzer: andere contactpersoon',
  'region-hand-over': 'melding aan de regio: zaak kan niet worden overgedragen',
};

/** The timeline's events (shared/pipeline, shared/domain/lifecycle.ts) in words; an event named after a status reads as that status. */
export const TIMELINE_EVENT_LABELS: Record<string, string> = {
  'contact-person-handed-over': 'zaak overgedragen aan een collega (afwezigheid)',
  'contact-person-returned': 'zaak terug bij de eigen contactpersoon (na afwezigheid)',
  'hand-over-not-possible': 'overdragen niet mogelijk: voorgelegd aan de regio',
  received: 'verwijzing ontvangen',
  'awaiting-intake': 'verwijzing ontvangen: de netwerkintake volgt met de cliëntondersteuner',
  'intake-requested': 'cliëntondersteuner gevraagd de netwerkintake te doen',
  'intake-recorded': 'netwerkintake vastgelegd',
  're-entry': 'vervolg op een eerdere verwijzing',
  triaged: 'beoordeeld (triage)',
  matched: 'aanbod gekoppeld',
  'contact-person-assigned': 'contactpersoon toegewezen',
  'no-contact-person': 'geen contactpersoon met ruimte: voorgelegd aan de regio',
  'notification-sent': 'bericht verstuurd',
  notified: 'contactpersoon ingelicht',
  'flagged-for-region': 'voorgelegd aan de regio',
  'crisis-handed-off': 'overgedragen aan de crisisdienst',
  accepted: 'aangenomen door de contactpersoon',
  declined: 'afgewezen door de contactpersoon',
  'option-declined': 'aanbod afgewezen',
  'option-added': 'ander aanbod gekoppeld',
  'no-other-option': 'geen ander aanbod gevonden',
  'option-promoted': 'volgende optie gaat voor',
  'reaction-overdue': 'reactie van de contactpersoon te laat',
  'escalated-to-region': 'geen reactie: de regio is ingelicht',
  'no-first-contact-in-time': 'geen eerste contact binnen de aanmeldnorm',
  'beyond-treeknorm': 'wacht langer dan de treeknorm',
  'reassessment-due': 'herbeoordeling: is ggz nog nodig?',
  reassessed: 'herbeoordeeld door de contactpersoon',
  're-triaged': 'opnieuw beoordeeld (triage)',
  'first-contact': 'eerste contact met de cliënt',
  outcome: 'uitkomst vastgelegd',
  'in-care': 'hulp gestart',
  closed: 'afgesloten',
  withdrawn: 'ingetrokken',
  'consent-withdrawn': 'toestemming ingetrokken',
  amended: 'verwijzing aangevuld door de verwijzer',
  'amendment-matched': 'aanbod gezocht voor de aanvulling',
  'partner-accepted': 'overdracht aangenomen door de partner',
  'partner-first-contact': 'eerste contact van de partner met de cliënt',
  'assigned-by-coordinator': 'contactpersoon gekozen door de coördinator',
  'search-widened': 'coördinator zocht ook in een buurgemeente',
  'escalated-to-manager': 'na een werkdag niemand toegewezen: de manager is ingelicht',
};

/** The treeknorm: 4 weeks to registration plus 10 weeks to treatment (`001:49-51`). */
export const TREEKNORM_WEEKS = 14;

/** "1 week", "3 weken". */
export const weeks = (count: number) => `${count} ${count === 1 ? 'week' : 'weken'}`;

/** The user groups of the identity provider (Cognito on AWS, the dev IdP locally): one per role. */
export const ROLES = ['verwijzer', 'clientondersteuner', 'partner', 'manager', 'beheerder', 'coordinator', 'privacy'] as const;
export type Role = (typeof ROLES)[number];

/** Dutch names of the roles, as the web app and the sign-in page show them. */
export const ROLE_LABELS: Record<Role, string> = {
  verwijzer: 'Verwijzer (huisarts, POH-ggz, wijkteam)',
  clientondersteuner: 'Cliëntondersteuner',
  partner: 'Partner op de sociale kaart',
  manager: 'Manager (regio, gemeente, zorgverzekeraar)',
  beheerder: 'Beheerder (sociale kaart en gebruikers)',
  coordinator: 'Coördinator van de regio (team en bureau)',
  privacy: 'Functionaris gegevensbescherming (privacy)',
};

/** Age bands wide enough that an age says little about one client. */
export const AGE_BANDS = ['0-17', '18-25', '26-44', '45-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The bands in words, for e-mails and pages. */
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  '0-17': 'jonger dan 18',
  '18-25': '18 tot en met 25',
  '26-44': '26 tot en met 44',
  '45-64': '45 tot en met 64',
  '65+': '65 of ouder',
};

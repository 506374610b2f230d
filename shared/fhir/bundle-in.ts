// A transaction Bundle from a practice system, made into the body POST /referrals takes: the same
// referral, through the same validation, duplicate guard, idempotency and case number. Where each
// field comes from is remembered, so a refused field is named by its FHIRPath in the Bundle.
import type { ReferralInput } from '../domain/referral.ts';
import { CHANNELS, type Channel, type Flag, type ReferrerKind } from '../domain/vocabulary.ts';
import { CONSENT_KINDS, SYSTEMS, systemOf, type ConsentKind } from './codes.ts';
import type { Issue } from './outcome.ts';
import { intakeFromResponse, QUESTIONNAIRE_URL } from './questionnaire.ts';

type Json = Record<string, any>;

interface Entry {
  index: number;
  fullUrl?: string;
  resource: Json;
  path: string;
  ifNoneExist?: string;
}

export interface BundleReading {
  /** The body POST /referrals would have had (`intake` absent: the cliëntondersteuner does the netwerkintake). */
  body: ReferralInput;
  /** The Bundle's identifier, or the Task's If-None-Exist: what makes a resend the same submission. */
  idempotencyKey?: string;
  /** FHIRPath in the Bundle of each field of `body` (client.gemeente → Bundle.entry[1].resource.address[0].district). */
  sources: Record<string, string>;
  /** The resources the Bundle carries beyond those Overbrug reads (a Composition, a Condition): ignored. */
  ignored: string[];
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Reads a reference within the Bundle: by fullUrl (urn:uuid:…, absolute) or by Type/id. */
function resolver(entries: Entry[]) {
  return (reference: Json | undefined): Entry | undefined => {
    const target = reference?.reference;
    if (typeof target !== 'string') return undefined;
    return entries.find(
      (entry) =>
        entry.fullUrl === target ||
        (entry.resource.id && `${entry.resource.resourceType}/${entry.resource.id}` === target) ||
        (entry.fullUrl && !target.startsWith('urn:') && entry.fullUrl.endsWith(`/${target}`)),
    );
  };
}

const textOf = (concept: Json | undefined): string => [concept?.text, ...asArray<Json>(concept?.coding).flatMap((coding) => [coding.display, coding.code])].filter(Boolean).join(' ');

/** The referrer's kind, from the PractitionerRole's code: a POH-ggz, a wijkteam, or (by default) the huisarts. */
function referrerKind(role: Json | undefined): ReferrerKind {
  const text = asArray<Json>(role?.code).map(textOf).join(' ').toLowerCase();
  if (/poh|praktijkondersteuner/.test(text)) return 'poh-ggz';
  if (/wijkteam|sociaal team/.test(text)) return 'wijkteam';
  return 'huisarts';
}

const humanName = (name: Json | undefined) => (name ? (name.text ?? [...asArray<string>(name.prefix), ...asArray<string>(name.given), name.family].filter(Boolean).join(' ')) : undefined);

/**
 * Reads the Bundle: Patient, referrer, ServiceRequest, Task, Consents and the optional
 * QuestionnaireResponse. What is missing, unresolvable or refused is an issue naming its path; the
 * caller validates `body` as POST /referrals does.
 */
export function readReferralBundle(bundle: Json): { ok: true; reading: BundleReading } | { ok: false; status: 400 | 422; issues: Issue[] } {
  const issues: Issue[] = [];
  const refused: Issue[] = [];
  if (bundle.resourceType !== 'Bundle') return { ok: false, status: 400, issues: [{ code: 'structure', expression: 'Bundle', text: 'POST /fhir takes a Bundle of type transaction' }] };
  if (bundle.type !== 'transaction') return { ok: false, status: 400, issues: [{ code: 'value', expression: 'Bundle.type', text: 'Must be transaction' }] };
  const entries: Entry[] = asArray<Json>(bundle.entry).map((entry, index) => ({
    index,
    fullUrl: entry.fullUrl,
    resource: entry.resource ?? {},
    path: `Bundle.entry[${index}].resource`,
    ifNoneExist: entry.request?.ifNoneExist,
  }));
  const resolve = resolver(entries);
  const ofType = (type: string) => entries.filter((entry) => entry.resource.resourceType === type);
  const sources: Record<string, string> = {};

  // The Task: one, an order, focused on the ServiceRequest, for the Patient.
  const tasks = ofType('Task');
  if (tasks.length !== 1) {
    return { ok: false, status: 400, issues: [{ code: 'required', expression: 'Bundle.entry', text: `A referral Bundle holds one Task (intent order, focus the ServiceRequest); it holds ${tasks.length}` }] };
  }
  const task = tasks[0]!;
  if (task.resource.intent !== 'order') issues.push({ code: 'value', expression: `${task.path}.intent`, text: 'A referral Task is an order (intent = order)' });
  const serviceRequest = resolve(task.resource.focus);
  if (!serviceRequest || serviceRequest.resource.resourceType !== 'ServiceRequest') {
    issues.push({ code: 'not-found', expression: `${task.path}.focus`, text: 'Must reference the ServiceRequest in this Bundle (its fullUrl, or ServiceRequest/<id>)' });
  }
  const patient = resolve(task.resource.for);
  if (!patient || patient.resource.resourceType !== 'Patient') issues.push({ code: 'not-found', expression: `${task.path}.for`, text: 'Must reference the Patient in this Bundle' });
  const requesterRef = resolve(task.resource.requester) ?? (serviceRequest ? resolve(serviceRequest.resource.requester) : undefined);
  if (!requesterRef || !['PractitionerRole', 'Practitioner', 'Organization'].includes(requesterRef.resource.resourceType)) {
    issues.push({ code: 'not-found', expression: `${task.path}.requester`, text: 'Must reference the referrer in this Bundle (PractitionerRole, Practitioner or Organization)' });
  }
  if (serviceRequest && patient && serviceRequest.resource.subject && resolve(serviceRequest.resource.subject) !== patient) {
    issues.push({ code: 'not-found', expression: `${serviceRequest.path}.subject`, text: "Must reference the Task's Patient" });
  }
  if (issues.length || !patient || !serviceRequest || !requesterRef) return { ok: false, status: 400, issues };

  // The Patient: the pseudonymous reference, never a BSN; birth year, PC4 and gemeente, languages, how to reach them.
  const p = patient.resource;
  const identifiers = asArray<Json>(p.identifier);
  identifiers.forEach((identifier, i) => {
    if (identifier.system === SYSTEMS.bsn || identifier.system === 'urn:oid:2.16.840.1.113883.2.4.6.3') {
      refused.push({ code: 'business-rule', expression: `${patient.path}.identifier[${i}]`, text: 'Overbrug never takes a BSN: send a pseudonymous client reference (system urn:overbrug:client-ref) instead' });
    }
  });
  const refIndex = identifiers.findIndex((identifier) => identifier.system === SYSTEMS.clientRef);
  if (refIndex < 0) issues.push({ code: 'required', expression: `${patient.path}.identifier`, text: `Give the pseudonymous client reference as an identifier with system ${SYSTEMS.clientRef}` });
  sources['client.ref'] = `${patient.path}.identifier[${Math.max(refIndex, 0)}].value`;
  const birthYear = typeof p.birthDate === 'string' ? Number(p.birthDate.slice(0, 4)) : undefined;
  if (birthYear === undefined) issues.push({ code: 'required', expression: `${patient.path}.birthDate`, text: 'Give the birth year (birthDate, a year is enough)' });
  sources['client.birthYear'] = `${patient.path}.birthDate`;
  const addresses = asArray<Json>(p.address);
  const addressIndex = Math.max(0, addresses.findIndex((address) => address.use !== 'old' && address.postalCode));
  const address = addresses[addressIndex];
  const addressPath = `${patient.path}.address[${addressIndex}]`;
  if (!address) issues.push({ code: 'required', expression: `${patient.path}.address`, text: 'Give an address with the postcode (PC4 is enough) and the gemeente (district or city)' });
  const postcode = typeof address?.postalCode === 'string' ? address.postalCode.replace(/\s/g, '').slice(0, 4) : undefined;
  sources['client.postcode'] = `${addressPath}.postalCode`;
  const gemeente = address?.district ?? address?.city;
  sources['client.gemeente'] = `${addressPath}.${address?.district ? 'district' : 'city'}`;
  const languages = [
    ...new Set(
      asArray<Json>(p.communication).flatMap((communication) =>
        asArray<Json>(communication.language?.coding).flatMap((coding) => (typeof coding.code === 'string' ? [coding.code.split('-')[0]!.toLowerCase()] : [])),
      ),
    ),
  ];
  sources['client.languages'] = `${patient.path}.communication`;
  const telecom = asArray<Json>(p.telecom);
  const phoneIndex = telecom.findIndex((point) => point.system === 'phone' || point.system === 'sms');
  const emailIndex = telecom.findIndex((point) => point.system === 'email');
  const channels: Channel[] = [...new Set(telecom.flatMap((point): Channel[] => (point.system === 'phone' || point.system === 'sms' ? ['phone'] : point.system === 'email' || point.system === 'url' ? ['online'] : point.system === 'other' ? [] : [])))];
  sources['client.channels'] = `${patient.path}.telecom`;
  const preferred = telecom.filter((point) => point.rank === 1)[0]?.system;
  const contact =
    phoneIndex >= 0 || emailIndex >= 0
      ? {
          ...(phoneIndex >= 0 ? { phone: telecom[phoneIndex]!.value } : {}),
          ...(emailIndex >= 0 ? { email: telecom[emailIndex]!.value } : {}),
          ...(preferred === 'phone' || preferred === 'sms' ? { preferredChannel: 'phone' as const } : preferred === 'email' ? { preferredChannel: 'email' as const } : {}),
          viaReferrer: false,
        }
      : undefined;
  if (phoneIndex >= 0) sources['client.contact.phone'] = `${patient.path}.telecom[${phoneIndex}].value`;
  if (emailIndex >= 0) sources['client.contact.email'] = `${patient.path}.telecom[${emailIndex}].value`;

  // The referrer: the PractitionerRole with its Practitioner and Organization, or one of those.
  const r = requesterRef.resource;
  const role = r.resourceType === 'PractitionerRole' ? requesterRef : undefined;
  const practitioner = r.resourceType === 'Practitioner' ? requesterRef : role ? resolve(r.practitioner) : undefined;
  const organisation = r.resourceType === 'Organization' ? requesterRef : role ? resolve(r.organization) : undefined;
  const referrerTelecom = [...(role ? asArray<Json>(role.resource.telecom).map((point, i) => ({ point, path: `${role.path}.telecom[${i}]` })) : []),
    ...(practitioner ? asArray<Json>(practitioner.resource.telecom).map((point, i) => ({ point, path: `${practitioner.path}.telecom[${i}]` })) : []),
    ...(organisation ? asArray<Json>(organisation.resource.telecom).map((point, i) => ({ point, path: `${organisation.path}.telecom[${i}]` })) : [])];
  const referrerEmail = referrerTelecom.find(({ point }) => point.system === 'email');
  const referrerPhone = referrerTelecom.find(({ point }) => point.system === 'phone');
  const name = humanName(asArray<Json>(practitioner?.resource.name)[0]) ?? organisation?.resource.name;
  sources['referrer.name'] = practitioner ? `${practitioner.path}.name` : `${requesterRef.path}`;
  sources['referrer.organisation'] = organisation ? `${organisation.path}.name` : requesterRef.path;
  sources['referrer.email'] = referrerEmail?.path ?? `${requesterRef.path}.telecom`;
  if (referrerPhone) sources['referrer.phone'] = `${referrerPhone.path}.value`;
  if (!referrerEmail) issues.push({ code: 'required', expression: `${requesterRef.path}.telecom`, text: "Give the referrer's e-mail address (telecom system email) on the PractitionerRole, Practitioner or Organization: it gets the feedback" });

  // Consent per recipient kind; none means nothing is shared.
  const consent = { shareWithPartners: false, shareDiagnosis: false, involveNaasten: false, emailClient: false };
  const consentField: Record<ConsentKind, keyof typeof consent> = { partners: 'shareWithPartners', diagnosis: 'shareDiagnosis', naasten: 'involveNaasten', 'client-email': 'emailClient' };
  for (const entry of ofType('Consent')) {
    const c = entry.resource;
    if (resolve(c.patient) !== patient) issues.push({ code: 'not-found', expression: `${entry.path}.patient`, text: "Must reference the Task's Patient" });
    const kinds = asArray<Json>(c.category).flatMap((category) => asArray<Json>(category.coding)).filter((coding) => coding.system === systemOf('consent-kind'));
    if (kinds.length === 0) {
      issues.push({ code: 'required', expression: `${entry.path}.category`, text: `Say what the Consent is for: a category coding of ${systemOf('consent-kind')} (${CONSENT_KINDS.join(', ')})` });
      continue;
    }
    for (const kind of kinds) {
      if (!CONSENT_KINDS.includes(kind.code)) {
        issues.push({ code: 'value', expression: `${entry.path}.category`, text: `Unknown consent kind '${kind.code}': one of ${CONSENT_KINDS.join(', ')}` });
        continue;
      }
      const permits = c.status === 'active' && (c.provision?.type ?? 'permit') === 'permit';
      consent[consentField[kind.code as ConsentKind]] ||= permits;
      sources[`consent.${consentField[kind.code as ConsentKind]}`] = entry.path;
    }
  }

  // The netwerkintake, when it was done: a QuestionnaireResponse the ServiceRequest points to.
  const responses = ofType('QuestionnaireResponse');
  let intake: ReferralInput['intake'];
  let waiting: ReferralInput['waiting'];
  if (responses.length > 1) issues.push({ code: 'structure', expression: 'Bundle.entry', text: 'At most one QuestionnaireResponse (the netwerkintake)' });
  const response = responses[0];
  if (response) {
    const referenced = asArray<Json>(serviceRequest.resource.supportingInfo).some((reference) => resolve(reference) === response);
    if (!referenced) issues.push({ code: 'required', expression: `${serviceRequest.path}.supportingInfo`, text: 'Reference the QuestionnaireResponse (the netwerkintake) from ServiceRequest.supportingInfo' });
    const read = intakeFromResponse(response.resource, response.path);
    issues.push(...read.issues);
    intake = read.intake;
    waiting = read.waiting;
    sources.intake = response.path;
    sources.waiting = response.path;
    Object.assign(sources, read.paths);
  }
  // Crisis at referral: priority stat (on the ServiceRequest or the Task) is the acute-risk signal.
  const stat = serviceRequest.resource.priority === 'stat' || task.resource.priority === 'stat';
  if (stat) {
    const flags: Flag[] = [...new Set([...(intake?.flags ?? []), 'acute-risk' as const])];
    intake = { story: intake?.story ?? {}, domains: intake?.domains ?? [], flags };
  }

  const known = new Set([task, patient, serviceRequest, requesterRef, practitioner, organisation, response, ...ofType('Consent')].filter(Boolean));
  const ignored = entries.filter((entry) => !known.has(entry)).map((entry) => `${entry.path} (${entry.resource.resourceType})`);

  if (refused.length) return { ok: false, status: 422, issues: [...refused, ...issues] };
  if (issues.length) return { ok: false, status: 400, issues };

  const identifier = bundle.identifier;
  const idempotencyKey = identifier?.value ? `bundle:${identifier.system ?? ''}|${identifier.value}` : task.ifNoneExist ? `if-none-exist:${task.ifNoneExist}` : undefined;
  const body: ReferralInput = {
    referrer: {
      kind: referrerKind(role?.resource),
      name: name ?? '',
      organisation: organisation?.resource.name ?? name ?? '',
      email: referrerEmail?.point.value,
      ...(referrerPhone ? { phone: referrerPhone.point.value } : {}),
    },
    client: {
      ref: identifiers[refIndex]!.value,
      birthYear: birthYear!,
      postcode: postcode!,
      gemeente,
      languages: languages.length ? languages : ['nl'],
      channels: channels.length ? channels.filter((channel) => CHANNELS.includes(channel)) : ['phone'],
      ...(contact ? { contact } : {}),
    },
    ...(waiting ? { waiting } : {}),
    ...(intake ? { intake } : {}),
    consent,
  };
  return { ok: true, reading: { body, ...(idempotencyKey ? { idempotencyKey } : {}), sources, ignored } };
}

/** The FHIRPath of a field POST /referrals names (client.contact.phone → the Patient's telecom). */
export function expressionOf(sources: Record<string, string>, field: string): string {
  const parts = field.split('.');
  for (let length = parts.length; length > 0; length--) {
    const source = sources[parts.slice(0, length).join('.')];
    if (source) return source;
  }
  return 'Bundle';
}

export { QUESTIONNAIRE_URL };

// Overbrug's netwerkintake as a FHIR Questionnaire (GET /fhir/Questionnaire/netwerkintake) and the
// reading of a QuestionnaireResponse that answers it into the intake POST /referrals takes.
import { MAX_OWN_WORDS_CHARS } from '../domain/care-preferences.ts';
import { FLAG_LABELS, FLAGS, HELP_SOURCES, LEVENSDOMEIN_INFO, LEVENSDOMEINEN, NAASTE_BURDENS, NEED_LEVELS, STORY_QUESTIONS, WISHES, type Flag, type NaasteBurden, type Wish } from '../domain/vocabulary.ts';
import type { Intake, ReferralInput } from '../domain/referral.ts';
import { coding, isCode, systemOf } from './codes.ts';
import type { Issue } from './outcome.ts';

export const QUESTIONNAIRE_ID = 'netwerkintake';
export const QUESTIONNAIRE_URL = 'urn:overbrug:fhir:Questionnaire:netwerkintake';

const choices = (system: string, codes: readonly string[]) => codes.map((code) => ({ valueCoding: coding(system, code) }));

/**
 * The Questionnaire: the five story questions, the 13 levensdomeinen with need and source of help,
 * the signals, the client's wishes, the naaste (only with consent to involve naasten), the wait.
 */
export function netwerkintakeQuestionnaire() {
  return {
    resourceType: 'Questionnaire',
    id: QUESTIONNAIRE_ID,
    url: QUESTIONNAIRE_URL,
    version: '1',
    name: 'Netwerkintake',
    title: 'Herstelondersteunende netwerkintake',
    status: 'active',
    subjectType: ['Patient'],
    publisher: 'Overbrug',
    description: "The recovery-oriented network intake: what happened, strengths, vulnerabilities, goals and needs; the 13 levensdomeinen with need level and source of help; screening signals; the client's wishes; how the naaste is doing (only with consent to involve naasten); waiting for ggz.",
    item: [
      {
        linkId: 'story',
        text: 'Het verhaal van de cliënt',
        type: 'group',
        item: (Object.entries(STORY_QUESTIONS) as [string, string][]).map(([linkId, text]) => ({ linkId, text, type: 'text', maxLength: 4000 })),
      },
      {
        linkId: 'levensdomeinen',
        text: 'Levensdomeinen',
        type: 'group',
        item: LEVENSDOMEINEN.map((domain) => ({
          linkId: domain,
          text: LEVENSDOMEIN_INFO[domain].label,
          type: 'group',
          item: [
            { linkId: `${domain}.need`, text: 'Hulpvraag', type: 'choice', required: true, answerOption: choices('need-level', NEED_LEVELS) },
            { linkId: `${domain}.helpFrom`, text: 'Hulp van', type: 'choice', required: true, answerOption: choices('help-source', HELP_SOURCES) },
          ],
        })),
      },
      { linkId: 'signals', text: 'Signalen', type: 'choice', repeats: true, answerOption: choices('signal', FLAGS) },
      {
        linkId: 'wishes',
        text: 'Wensen van de cliënt',
        type: 'group',
        item: [
          { linkId: 'wishes.choices', text: 'De cliënt wil', type: 'choice', repeats: true, answerOption: choices('wish', WISHES) },
          { linkId: 'wishes.ownWords', text: 'In de woorden van de cliënt', type: 'text', maxLength: MAX_OWN_WORDS_CHARS },
        ],
      },
      {
        linkId: 'naaste',
        text: 'De naaste die het meest voor de cliënt zorgt (alleen als de cliënt wil dat naasten betrokken worden)',
        type: 'group',
        item: [
          { linkId: 'naaste.burden', text: 'Hoe belast is de naaste?', type: 'choice', required: true, answerOption: choices('naaste-burden', NAASTE_BURDENS) },
          { linkId: 'naaste.needs', text: 'Wat heeft de naaste nodig?', type: 'text', maxLength: MAX_OWN_WORDS_CHARS },
        ],
      },
      {
        linkId: 'waiting',
        text: 'Wacht de cliënt al op ggz?',
        type: 'group',
        item: [
          { linkId: 'waiting.onGgzWaitlist', text: 'Staat op een wachtlijst voor ggz', type: 'boolean', required: true },
          { linkId: 'waiting.since', text: 'Sinds', type: 'date' },
          { linkId: 'waiting.provider', text: 'Bij welke aanbieder', type: 'string' },
        ],
      },
    ],
  };
}

interface ResponseItem {
  linkId?: string;
  answer?: { valueString?: string; valueCoding?: { system?: string; code?: string }; valueBoolean?: boolean; valueDate?: string }[];
  item?: ResponseItem[];
}

/**
 * The intake a QuestionnaireResponse gives, and the issues in it (each with its FHIRPath from
 * `path`, the response's place in the Bundle). Unknown items and codes are refused, not skipped:
 * a need that goes unread would be a need nobody meets.
 */
export function intakeFromResponse(
  response: { questionnaire?: string; item?: ResponseItem[] },
  path: string,
): { intake: Intake; waiting?: ReferralInput['waiting']; issues: Issue[]; paths: Record<string, string> } {
  const issues: Issue[] = [];
  /** FHIRPath of the parts of the intake a later check may refuse (a naaste without consent). */
  const paths: Record<string, string> = {};
  const intake: Intake = { story: {}, domains: [], flags: [] };
  let waiting: ReferralInput['waiting'];
  const refuse = (expression: string, text: string) => issues.push({ code: 'value', expression, text });
  if (response.questionnaire !== QUESTIONNAIRE_URL) refuse(`${path}.questionnaire`, `Answer Overbrug's netwerkintake Questionnaire (${QUESTIONNAIRE_URL}, GET /fhir/Questionnaire/${QUESTIONNAIRE_ID})`);
  const codeOf = (item: ResponseItem, itemPath: string, system: string): string | undefined => {
    const answer = item.answer?.[0]?.valueCoding;
    if (!answer || answer.system !== systemOf(system) || !isCode(system, answer.code)) {
      refuse(`${itemPath}.answer[0].valueCoding`, `Must be a code of ${systemOf(system)} (GET /fhir/CodeSystem/${system})`);
      return undefined;
    }
    return answer.code;
  };
  (response.item ?? []).forEach((group, g) => {
    const groupPath = `${path}.item[${g}]`;
    switch (group.linkId) {
      case 'story':
        (group.item ?? []).forEach((item, i) => {
          if (!item.linkId || !(item.linkId in STORY_QUESTIONS)) return refuse(`${groupPath}.item[${i}].linkId`, `Not a story question: ${Object.keys(STORY_QUESTIONS).join(', ')}`);
          const text = item.answer?.[0]?.valueString;
          if (text) intake.story[item.linkId as keyof Intake['story']] = text;
        });
        break;
      case 'levensdomeinen':
        (group.item ?? []).forEach((domainItem, d) => {
          const domainPath = `${groupPath}.item[${d}]`;
          const domain = domainItem.linkId;
          if (!domain || !isCode('levensdomein', domain)) return refuse(`${domainPath}.linkId`, `Unknown levensdomein '${domain ?? ''}': one of ${LEVENSDOMEINEN.join(', ')}`);
          const itemOf = (suffix: string) => {
            const index = (domainItem.item ?? []).findIndex((item) => item.linkId === `${domain}.${suffix}`);
            return index < 0 ? undefined : { item: domainItem.item![index]!, path: `${domainPath}.item[${index}]` };
          };
          const needItem = itemOf('need');
          const helpItem = itemOf('helpFrom');
          if (!needItem || !helpItem) return refuse(domainPath, `Answer both ${domain}.need and ${domain}.helpFrom`);
          const need = codeOf(needItem.item, needItem.path, 'need-level');
          const helpFrom = codeOf(helpItem.item, helpItem.path, 'help-source');
          if (need && helpFrom) intake.domains.push({ domain: domain as Intake['domains'][number]['domain'], need: need as never, helpFrom: helpFrom as never });
        });
        break;
      case 'signals':
        (group.answer ?? []).forEach((answer, a) => {
          const code = answer.valueCoding?.code;
          if (answer.valueCoding?.system !== systemOf('signal') || !code || !(code in FLAG_LABELS)) {
            return refuse(`${groupPath}.answer[${a}].valueCoding`, `Must be a signal of ${systemOf('signal')}`);
          }
          if (!intake.flags.includes(code as Flag)) intake.flags.push(code as Flag);
        });
        break;
      case 'wishes': {
        const choices: Wish[] = [];
        let ownWords: string | undefined;
        (group.item ?? []).forEach((item, i) => {
          const itemPath = `${groupPath}.item[${i}]`;
          if (item.linkId === 'wishes.ownWords') ownWords = item.answer?.[0]?.valueString || undefined;
          else if (item.linkId === 'wishes.choices') {
            (item.answer ?? []).forEach((answer, a) => {
              const code = answer.valueCoding?.code;
              if (answer.valueCoding?.system !== systemOf('wish') || !isCode('wish', code)) return refuse(`${itemPath}.answer[${a}].valueCoding`, `Must be a wish of ${systemOf('wish')}`);
              if (!choices.includes(code as Wish)) choices.push(code as Wish);
            });
          } else refuse(`${itemPath}.linkId`, 'Not an item of wishes: wishes.choices, wishes.ownWords');
        });
        if (choices.length || ownWords) intake.wishes = { choices, ...(ownWords ? { ownWords } : {}) };
        paths['intake.wishes'] = groupPath;
        break;
      }
      case 'naaste': {
        const index = (linkId: string) => (group.item ?? []).findIndex((item) => item.linkId === linkId);
        const burdenAt = index('naaste.burden');
        if (burdenAt < 0) {
          refuse(`${groupPath}.item`, 'Answer naaste.burden, or leave the naaste out');
          break;
        }
        const burden = codeOf(group.item![burdenAt]!, `${groupPath}.item[${burdenAt}]`, 'naaste-burden');
        const needs = group.item?.[index('naaste.needs')]?.answer?.[0]?.valueString;
        if (burden) intake.naaste = { burden: burden as NaasteBurden, ...(needs ? { needs } : {}) };
        paths['intake.naaste'] = groupPath;
        break;
      }
      case 'waiting': {
        const answerOf = (linkId: string) => group.item?.find((item) => item.linkId === linkId)?.answer?.[0];
        const onList = answerOf('waiting.onGgzWaitlist')?.valueBoolean;
        if (onList === undefined) {
          refuse(`${groupPath}.item`, 'Answer waiting.onGgzWaitlist (a boolean)');
          break;
        }
        const since = answerOf('waiting.since')?.valueDate;
        const provider = answerOf('waiting.provider')?.valueString;
        waiting = { onGgzWaitlist: onList, ...(since ? { since } : {}), ...(provider ? { provider } : {}) };
        break;
      }
      default:
        refuse(`${groupPath}.linkId`, `Not an item of the netwerkintake: story, levensdomeinen, signals, wishes, naaste, waiting`);
    }
  });
  return { intake, ...(waiting ? { waiting } : {}), issues, paths };
}

// `npm run rules -- test <region> [rules-file]`
// `npm run rules -- explain <referral.json> [--kaart stored|demo] [--data-dir DIR] [--stage STAGE]`
// `npm run rules -- compare <region> <rules-file> [--from DATE] [--to DATE] [--data-dir DIR] [--stage STAGE]`
// A region changes its triage rules safely: the set's example cases, why a referral is routed and
// ranked as it is, and what a proposed set would change on the region's own referrals. Locally it
// finds the running stack's DynamoDB through its endpoints file, as `npm run kaart` does; with
// --stage it works on the AWS account of the usual AWS environment variables or profile. The
// regions are the stack's (its regions table), those added with `npm run region` included.
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AccessLog } from '#shared/adapters/access-log.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { RegionStore } from '#shared/adapters/region-store.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { explainMatching, indexKaart, type KaartIndex } from '#shared/domain/matching.ts';
import { normaliseReferral, ReferralRequestSchema } from '#shared/domain/referral-request.ts';
import { TriageRuleSetSchema, type TriageRuleSet } from '#shared/domain/region.ts';
import { compareRuleSets } from '#shared/domain/rule-compare.ts';
import { explainRules, parseRuleSet, RuleSetRefused, runExamples, type ExplainedCondition } from '#shared/domain/rule-set.ts';
import type { Count } from '#shared/domain/statistics.ts';
import { triage } from '#shared/domain/triage.ts';
import { needLabel } from '#shared/domain/vocabulary.ts';
import { REGIONS, regionConfigOf, regionForGemeente, useRegions } from '#shared/regions/index.ts';
import { physicalName } from '#shared/topology.ts';
import { findRunningStack, LOCAL_STAGE } from '#local/stack.ts';
import { demoServices } from '#local/seed.ts';

const USAGE = `Usage:
  npm run rules -- test <region> [rules-file]
  npm run rules -- explain <referral.json> [--kaart stored|demo] [--rules FILE] [--data-dir DIR] [--stage STAGE]
  npm run rules -- compare <region> <rules-file> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--data-dir DIR] [--stage STAGE]

test      runs the example cases of the region's rule set (or of rules-file, a proposed set) and
          says which hold; a set that breaks one is refused when it loads
explain   triages a referral (a POST /referrals body) and prints which rules held and why, then
          per need every candidate on the kaart with its score and the score's parts
compare   replays the region's stored referrals created in the period (default: the last 90 days)
          through the current and the proposed rule set, their intakes only, on the region's own
          kaart, and counts how routes, urgencies and first options would change (counts under 5
          read <5, as in the statistics); each referral read is written to the access log

  --kaart     explain against the kaart of the running stack (stored, default) or the region's
              demo kaart (demo)
  --rules     explain with this rule set instead of the region's
  --stage     "local" (default) for the stack of npm start, or the stage of an AWS deployment
  --data-dir  the local stack's data directory (default: $OVERBRUG_DATA_DIR or .overbrug-local)

The regions are those of the stack (--stage, or the running local one), a region added with
npm run region included; without a running local stack, test and explain --kaart demo use the
built-in regions.

Exit status: 0 when all is well (every example holds), 1 when an example breaks or a proposed set
is refused, 2 for a usage error.`;

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    kaart: { type: 'string', default: 'stored' },
    rules: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    stage: { type: 'string', default: LOCAL_STAGE },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const [command, first, second] = positionals;

function fail(message: string, code: 1 | 2): never {
  console.error(message);
  process.exit(code);
}

if (args.help || !command || !['test', 'explain', 'compare'].includes(command) || !first) {
  console.log(USAGE);
  process.exit(args.help ? 0 : 2);
}

const regionConfig = (regionId: string) =>
  REGIONS.find((config) => config.region.regionId === regionId) ??
  fail(`Unknown region '${regionId}'. This deployment serves: ${REGIONS.map((config) => config.region.regionId).join(', ')}.`, 2);

async function readJson(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    fail(`Cannot read ${what} ${path}: ${(error as Error).message}`, 2);
  }
}

/** A proposed rule set as written, checked against the schema only (its examples are run apart). */
async function readRuleSet(path: string, regionId?: string): Promise<TriageRuleSet> {
  const parsed = TriageRuleSetSchema.safeParse(await readJson(path, 'the rule set'));
  if (!parsed.success) {
    fail(`The rule set ${path} is invalid:\n${parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`).join('\n')}`, 1);
  }
  if (regionId && parsed.data.regionId !== regionId) fail(`The rule set ${path} is for ${parsed.data.regionId}, not ${regionId}.`, 2);
  return parsed.data;
}

async function documentClient(): Promise<{ client: DynamoDBDocumentClient; stage: string }> {
  if (args.stage === LOCAL_STAGE) {
    const { dataDir, endpoints } = await findRunningStack(args['data-dir']);
    if (!endpoints) fail(`No running local stack found in ${dataDir}. Start it with npm start, or pass --data-dir or --stage${command === 'explain' ? ', or --kaart demo' : ''}.`, 1);
    const dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    return { client: DynamoDBDocumentClient.from(dynamodb), stage: LOCAL_STAGE };
  }
  return { client: DynamoDBDocumentClient.from(new DynamoDBClient({})), stage: args.stage! };
}

/**
 * The regions as the stack serves them (its regions table), a region added with `npm run region`
 * included. `test`, and `explain` on the demo kaart, also work without a stack: on the built-in
 * regions then.
 */
async function useStackRegions(stackNeeded: boolean): Promise<void> {
  if (args.stage === LOCAL_STAGE && !stackNeeded && !(await findRunningStack(args['data-dir'])).endpoints) {
    console.log('(No running local stack: the built-in regions.)');
    return;
  }
  const { client, stage } = await documentClient();
  const items = await new RegionStore(client, physicalName(stage, 'regions')).list();
  if (items.length) useRegions(items.map(regionConfigOf));
}

async function storedKaart(regionId: string): Promise<KaartIndex> {
  const { client, stage } = await documentClient();
  return indexKaart(await new SocialeKaartStore(client, physicalName(stage, 'sociale-kaart')).listRegion(regionId));
}

const mark = (held: boolean) => (held ? 'yes' : 'no ');

function printCondition(condition: ExplainedCondition, indent: string): void {
  console.log(`${indent}[${mark(condition.held)}] ${condition.text}`);
  for (const part of condition.parts ?? []) printCondition(part, `${indent}      `);
}

function table(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => String(row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => String(cell).padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

async function runTest(): Promise<number> {
  await useStackRegions(false);
  const config = regionConfig(first!);
  const rules = second ? await readRuleSet(second, first) : config.triageRules;
  const results = runExamples(rules, new Date());
  console.log(`Example cases of ${rules.regionId} rule set ${rules.version}${second ? ` (${second})` : ''}:`);
  console.log(
    table([
      ['', 'case', 'route', 'seeds'],
      ...results.map((result) => [result.failures.length ? 'FAIL' : 'ok', result.example.id, result.decision.route, result.example.seeds.join(' ')]),
    ]),
  );
  const broken = results.filter((result) => result.failures.length);
  for (const result of broken) console.log(`\n${result.example.id}: ${result.example.situation}\n  ${result.failures.join('\n  ')}`);
  console.log(`\n${results.length - broken.length} of ${results.length} hold.${broken.length ? ' This rule set would be refused when it loads.' : ''}`);
  return broken.length ? 1 : 0;
}

async function runExplain(): Promise<number> {
  const parsed = ReferralRequestSchema.safeParse(await readJson(first!, 'the referral'));
  if (!parsed.success) fail(`The referral ${first} is invalid:\n${parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')}`, 2);
  const { request } = normaliseReferral(parsed.data);
  await useStackRegions(args.kaart !== 'demo');
  const served = regionForGemeente(request.client.gemeente) ?? fail(`Gemeente ${request.client.gemeente} is not served by this deployment.`, 2);
  const rules = args.rules ? await readRuleSet(args.rules, served.config.region.regionId) : served.config.triageRules;
  const now = new Date();
  const client = { ...request.client, gemeente: served.gemeente };
  const decision = triage({ ...request, client }, rules, now);
  const explained = explainRules({ ...request, client }, rules, now, decision);

  console.log(`Referral ${first}: ${client.gemeente}, rule set ${rules.regionId} ${rules.version}\n`);
  console.log('Route rules, in order (the first that holds decides):');
  for (const rule of explained.routeRules) {
    console.log(`  ${rule.decided ? '=>' : '  '} ${rule.id} -> ${rule.route}`);
    printCondition(rule.condition, '       ');
    if (rule.decided) break;
  }
  console.log('\nUrgency rules (each that holds raises the urgency):');
  for (const rule of explained.urgencyRules) printCondition({ ...rule.condition, text: `${rule.id} (at least ${rule.atLeast}): ${rule.condition.text}` }, '  ');
  console.log('\nParallel needs:');
  for (const rule of explained.parallelNeeds) printCondition({ ...rule.condition, text: `${rule.id} (${rule.need}): ${rule.condition.text}` }, '  ');
  console.log('\nBridging:');
  printCondition({ ...explained.bridging.condition, text: `${explained.bridging.id}: ${explained.bridging.condition.text}` }, '  ');

  console.log(`\nDecision: route ${decision.route}, urgency ${decision.urgency}, bridging ${decision.bridging ? 'yes' : 'no'}${decision.reassess ? ', re-assessment planned' : ''}`);
  console.log(`Rules that fired: ${decision.rules.join(', ')}`);
  for (const reason of decision.reasons) console.log(`  - ${reason}`);
  if (decision.route === 'crisis') {
    console.log('\nCrisis is handed off at once: nothing is matched.');
    return 0;
  }

  const demo = args.kaart === 'demo';
  if (!demo && args.kaart !== 'stored') fail(`Unknown --kaart '${args.kaart}': stored or demo.`, 2);
  const kaart = demo ? indexKaart((await demoServices(rules.regionId, now)).map((entry) => ({ ...entry, placesTaken: 0, reservedFor: [] }))) : await storedKaart(rules.regionId);
  const { weights } = rules.matching;
  console.log(
    `\nRanking on the ${demo ? 'demo' : 'stored'} kaart (${kaart.services.length} services); score = (${weights.domainFit} x domain + ${weights.waitFit} x wait + ` +
      `${weights.freshness} x fresh + ${weights.intensity} x intensity) / ${weights.domainFit + weights.waitFit + weights.freshness + weights.intensity}; ` +
      `functies ${rules.matching.intensity.admissionFuncties.join(', ')} rank last unless urgency is immediate:`,
  );
  for (const { need, candidates } of explainMatching({ referralId: 'explain', client, triage: decision }, kaart, { rules: rules.matching, now })) {
    console.log(`\n  ${needLabel(need)}${need === 'waiting' ? '' : ` (${need})`}`);
    if (!candidates.length) {
      console.log('    nothing on the kaart in this area answers it: unmet');
      continue;
    }
    const rows: (string | number)[][] = [['rank', 'service', 'category', 'functie', 'score', 'domain', 'wait', 'fresh', 'intensity', '']];
    for (const candidate of candidates) {
      rows.push(
        candidate.parts
          ? [candidate.rank!, candidate.serviceId, candidate.category, candidate.functies.join(','), candidate.score!, candidate.parts.domainFit, candidate.parts.waitFit, candidate.parts.freshness, candidate.parts.intensity, candidate.last ? 'last: admission' : '']
          : ['-', candidate.serviceId, candidate.category, candidate.functies.join(','), '', '', '', '', '', `left out: ${candidate.excluded}`],
      );
    }
    console.log(table(rows).replace(/^/gm, '    '));
  }
  console.log(`\n(${rules.matching.optionsPerNeed} options per need are offered; a place is reserved at the first where it has a limit.)`);
  return 0;
}

const countText = (count: Count) => String(count);

async function runCompare(): Promise<number> {
  await useStackRegions(true);
  const config = regionConfig(first!);
  if (!second) fail('Give the proposed rule set: npm run rules -- compare <region> <rules-file>', 2);
  const proposedRaw = await readJson(second, 'the rule set');
  let proposed: TriageRuleSet;
  try {
    proposed = parseRuleSet(proposedRaw);
  } catch (error) {
    if (error instanceof RuleSetRefused) fail(`The proposed rule set is refused:\n- ${error.problems.join('\n- ')}`, 1);
    const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    if (issues) fail(`The rule set ${second} is invalid:\n${issues.map((issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`).join('\n')}`, 1);
    throw error;
  }
  if (proposed.regionId !== config.region.regionId) fail(`The rule set ${second} is for ${proposed.regionId}, not ${config.region.regionId}.`, 2);
  const now = new Date();
  const to = args.to ?? now.toISOString().slice(0, 10);
  const from = args.from ?? new Date(now.getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) fail('--from and --to are dates as YYYY-MM-DD, from not after to.', 2);

  const { client, stage } = await documentClient();
  const store = new ReferralStore(client, physicalName(stage, 'referrals'));
  const inPeriod = (await store.ofRegion(config.region.regionId)).filter((item) => item.createdAt.slice(0, 10) >= from && item.createdAt.slice(0, 10) <= to);
  // Pseudonymised cases have no intake left to replay.
  const referrals = (await store.getMany(inPeriod.map((item) => item.referralId))).filter((referral) => !referral.pseudonymisedAt && referral.intake);
  await logReads(client, stage, config.region.regionId, referrals.map((referral) => referral.referralId));
  const kaart = await storedKaart(config.region.regionId);
  const result = compareRuleSets(referrals, config.triageRules, proposed, kaart, now);

  console.log(`Rule set ${config.triageRules.version} (current) against ${proposed.version} (${second}), ${config.region.name}`);
  console.log(`Referrals created ${from} to ${to}, replayed on their intakes: ${countText(result.referrals)} (of ${countText(inPeriod.length < 5 ? '<5' : inPeriod.length)} in the period; counts under 5 read <5)\n`);
  const breakdown = (title: string, current: Record<string, Count>, proposedCounts: Record<string, Count>, changed: Count, changes: Record<string, Count>) => {
    console.log(`${title}:`);
    console.log(table([['', 'current', 'proposed'], ...Object.keys(current).map((key) => [key, countText(current[key]!), countText(proposedCounts[key]!)])]).replace(/^/gm, '  '));
    console.log(`  changed: ${countText(changed)}`);
    for (const [change, count] of Object.entries(changes)) console.log(`    ${change}: ${countText(count)}`);
    console.log('');
  };
  breakdown('Routes', result.routes.current, result.routes.proposed, result.routes.changed, result.routes.changes);
  breakdown('Urgencies', result.urgencies.current, result.urgencies.proposed, result.urgencies.changed, result.urgencies.changes);
  console.log(`Re-assessments planned (social problems first): current ${countText(result.reassessments.current)}, proposed ${countText(result.reassessments.proposed)}\n`);
  console.log(`First options (on the kaart as it is now): referrals with another first option for some need: ${countText(result.firstOptions.changed)}`);
  for (const [change, count] of Object.entries(result.firstOptions.changes)) console.log(`    ${change}: ${countText(count)}`);
  return 0;
}

/** The replay reads each client record: the access log says who did, and why. */
async function logReads(client: DynamoDBDocumentClient, stage: string, regionId: string, referralIds: string[]): Promise<void> {
  const log = new AccessLog(client, physicalName(stage, 'access-log'));
  const actor = `operator:${process.env.OVERBRUG_OPERATOR ?? userInfo().username}`;
  const requestId = `rules-compare-${Date.now()}`;
  const at = new Date().toISOString();
  for (let index = 0; index < referralIds.length; index += 25) {
    await log.recordAll(
      referralIds.slice(index, index + 25).map((referralId) => ({
        referralId,
        regionId,
        actor,
        role: 'operator' as const,
        route: 'npm run rules -- compare',
        action: 'rules-compare',
        outcome: 'shown' as const,
        purpose: 'replay of the intake through a proposed rule set; only counts are shown',
        at,
        requestId,
      })),
    );
  }
}

// exitCode, not exit(): a long report piped elsewhere arrives whole.
process.exitCode = command === 'test' ? await runTest() : command === 'explain' ? await runExplain() : await runCompare();

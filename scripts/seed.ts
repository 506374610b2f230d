// `npm run seed -- --stage <stage> [--mail-simulator]`
// Loads the fictional demo region (sociale kaart and cliëntondersteuners) into a deployed test
// stage, as `npm start` does locally. Never into production: the data is invented.
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { physicalName } from '#shared/topology.ts';
import { seedDemoRegions } from '#local/seed.ts';

const { values: args } = parseArgs({
  options: {
    stage: { type: 'string' },
    'mail-simulator': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help || !args.stage) {
  console.log(`Usage: npm run seed -- --stage <stage> [--mail-simulator]

Loads the fictional demo region into the tables of a deployed stage, when they are empty.
  --mail-simulator   every e-mail address becomes success@simulator.amazonses.com, which SES
                     accepts while the account is still in the SES sandbox`);
  process.exit(args.help ? 0 : 2);
}
if (/prod/i.test(args.stage)) {
  console.error(`Refusing to load invented data into stage '${args.stage}'.`);
  process.exit(2);
}
const document = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const counts = await seedDemoRegions(
  document,
  { regions: physicalName(args.stage, 'regions'), socialeKaart: physicalName(args.stage, 'sociale-kaart'), contactPersons: physicalName(args.stage, 'contact-persons') },
  new Date(),
  args['mail-simulator'] ? () => 'success@simulator.amazonses.com' : undefined,
);
console.log(`Seeded stage ${args.stage}: ${counts.services} services, ${counts.contactPersons} cliëntondersteuners (fictional demo data).`);

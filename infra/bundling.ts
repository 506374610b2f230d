// How every function is bundled: the CDK stack passes these to NodejsFunction, and the benchmark
// bundles its baseline handler with the same, so its cold-start figures compare like with like.

/** Some dependencies still require() Node built-ins; ESM output needs a require to give them. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

/**
 * FHIR.js (the FHIR functions' XML conversion) can load its own 3 MB copy of the R4 definitions;
 * it is given ours (shared/fhir/definitions.ts) and never does, so its copy stays out of the bundle.
 */
const FHIR_JS_OWN_DEFINITIONS = './profiles/*';

/**
 * Data the code imports as JSON from beside its bundle rather than as code inlined in it: Node reads
 * a JSON module with one JSON.parse, where an inlined one is more code that every cold start parses
 * and runs, and one imported when asked for is not read at all until then. Each is left out of the
 * bundle (external) and copied into the asset at the path it is imported by (`importedAs`, relative
 * to index.mjs); its importer's source sits at the same place relative to it, so the path holds in both.
 */
export const DATA_FILES = [
  // Every country's numbering plan, for checking typed phone numbers (shared/domain/phone.ts).
  { file: 'shared/domain/phone-metadata.json', importedAs: './phone-metadata.json' },
  // The demo region, read only where no regions table is configured (shared/regions/index.ts): never in a deployed function.
  { file: 'shared/regions/regio-voorbeeld/region.json', importedAs: './regio-voorbeeld/region.json' },
  { file: 'shared/regions/regio-voorbeeld/triage-rules.json', importedAs: './regio-voorbeeld/triage-rules.json' },
];

/**
 * AWS SDK packages that a dependency imports as an ES module (Powertools' idempotency layer: the
 * DynamoDB client and its marshalling), each replaced in the bundles by a module of ours that
 * takes the same names with require (shared/adapters/aws-sdk.ts says why). Relative to the project
 * root; our own code never imports them (the architecture test holds that).
 */
export const REQUIRED_SDK_ALIASES: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'shared/adapters/required-sdk/client-dynamodb.ts',
  '@aws-sdk/util-dynamodb': 'shared/adapters/required-sdk/util-dynamodb.ts',
};

export const BUNDLING = {
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  banner: ESM_REQUIRE_BANNER,
  /**
   * Left out of the bundle because the Lambda Node.js 22 runtime provides them (the CDK default):
   * the AWS SDK v3 is a third of each bundle otherwise. The runtime's SDK is a recent 3.x. And the
   * data files, which come beside the bundle.
   */
  externalModules: ['@aws-sdk/*', FHIR_JS_OWN_DEFINITIONS, ...DATA_FILES.map((data) => data.importedAs)] as string[],
  /**
   * @medplum/core (the FHIR validator) reads WebSocket.CLOSING and .CLOSED when it loads, for its
   * subscriptions, which we never use; in Node that first touch of WebSocket loads undici (fetch and
   * WebSocket), about 10 ms of CPU at every cold start of the FHIR functions. Their standard values
   * as constants leave the line without effect, and esbuild drops it.
   */
  define: { 'WebSocket.CLOSING': '2', 'WebSocket.CLOSED': '3' } as Record<string, string>,
  /** esbuild runs in the project root (NodejsFunction's projectRoot), so the paths stay relative. */
  esbuildArgs: Object.fromEntries(Object.entries(REQUIRED_SDK_ALIASES).map(([module, file]) => [`--alias:${module}`, `./${file}`])),
};

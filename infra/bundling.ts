// How every function is bundled: the CDK stack passes these to NodejsFunction, and the benchmark
// bundles its baseline handler with the same, so its cold-start figures compare like with like.

/** Some dependencies still require() Node built-ins; ESM output needs a require to give them. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

/**
 * FHIR.js (the FHIR functions' XML conversion) can load its own 3 MB copy of the R4 definitions;
 * it is given ours (shared/fhir/definitions.ts) and never does, so its copy stays out of the bundle.
 */
const FHIR_JS_OWN_DEFINITIONS = './profiles/*';

export const BUNDLING = {
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  banner: ESM_REQUIRE_BANNER,
  /**
   * Left out of the bundle because the Lambda Node.js 22 runtime provides them (the CDK default):
   * the AWS SDK v3 is a third of each bundle otherwise. The runtime's SDK is a recent 3.x.
   */
  externalModules: ['@aws-sdk/*', FHIR_JS_OWN_DEFINITIONS] as string[],
};

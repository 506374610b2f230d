import { basename } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionSpec } from '#shared/topology.ts';
import { BUNDLING, DATA_FILES } from './bundling.ts';

export interface OverbrugFunctionProps {
  spec: FunctionSpec;
  functionName: string;
  projectRoot: string;
  environment: Record<string, string>;
  /** Encrypts the function's logs: they are the pipeline's trail, with ids of clients' referrals. */
  logKey: IKey;
  logRetention: RetentionDays;
}

/**
 * What goes into a function's asset beside its bundle: the data files every bundle imports from
 * beside it (infra/bundling.ts), the directories it reads at run time (its spec's `files`) and the
 * modules it loads at their first use (`modules`), bundled on their own with the same esbuild and
 * options, as CommonJS.
 */
function besideTheBundle(spec: FunctionSpec) {
  const esbuildOptions = [
    '--bundle',
    '--platform=node',
    '--format=cjs',
    `--target=${BUNDLING.target}`,
    ...(BUNDLING.minify ? ['--minify'] : []),
    ...(BUNDLING.sourceMap ? ['--sourcemap'] : []),
    ...BUNDLING.externalModules.map((module) => `'--external:${module}'`),
  ].join(' ');
  return {
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir: string, outputDir: string) => [
        ...DATA_FILES.map(({ file, importedAs }) => `mkdir -p "$(dirname "${outputDir}/${importedAs}")" && cp "${inputDir}/${file}" "${outputDir}/${importedAs}"`),
        ...(spec.files ?? []).map((dir) => `cp -R "${inputDir}/${dir}" "${outputDir}/${basename(dir)}"`),
        ...Object.entries(spec.modules ?? {}).map(([file, entry]) => `"${inputDir}/node_modules/.bin/esbuild" "${inputDir}/${entry}" ${esbuildOptions} --log-level=warning "--outfile=${outputDir}/${file}"`),
      ],
    },
  };
}

/**
 * One place for the defaults every Overbrug function gets: Node.js 22 on ARM64, ESM bundled by a
 * local esbuild (no Docker) with the createRequire banner, minified with source maps, a log group
 * of its own (encrypted, with a retention), and a role of its own that may write to that log group
 * and nothing else until the stack grants more. No AWS managed policy, no wildcard of ours.
 */
export class OverbrugFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: OverbrugFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}-logs`, {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: props.logRetention,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new Role(scope, `${id}-role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.functionName}`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      functionName: props.functionName,
      description: props.spec.description,
      entry: `${props.projectRoot}/${props.spec.entry}`,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.spec.memoryMb,
      timeout: Duration.seconds(props.spec.timeoutSeconds),
      tracing: Tracing.DISABLED,
      role,
      logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        ...BUNDLING,
        forceDockerBundling: false,
        ...besideTheBundle(props.spec),
      },
    });
  }
}

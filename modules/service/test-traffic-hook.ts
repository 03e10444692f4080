import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { Construct } from "constructs";
import { join } from "node:path";
import { NAME_LIMITS } from "../aws-limits";
import { policyDocument, serviceTrustPolicy } from "../iam/policy-document";
import { encryptedLogGroup } from "../logs/encrypted-log-group";
import { Naming } from "../naming";
import { zipAsset } from "../terraform/zip-asset";

export interface TestTrafficHookProps {
  readonly naming: Naming;
  /** Only Lambda of this account may assume the function's role (token is fine). */
  readonly accountId: string;
  /** Base URL the smoke test calls (the service's public URL). */
  readonly serviceUrl: string;
  /** Header the ALB's test listener rule routes to the revision being deployed. */
  readonly testHeader: { readonly name: string; readonly value: string };
  /** KMS key of the function's log group. */
  readonly kmsKeyArn: string;
  readonly logRetentionDays: number;
}

/** Seconds ECS waits for the hook; the smoke test retries within it. */
const TIMEOUT_SECONDS = 60;

/**
 * The smoke test of a blue-green, canary or linear deployment: a Lambda function ECS calls once test
 * traffic reaches the new revision (POST_TEST_TRAFFIC_SHIFT). It GETs /health and /api/articles
 * through the test listener rule; a failure returns FAILED and ECS rolls back before production
 * traffic moves. The code (test-traffic-hook/index.js) has no dependencies and is zipped at synth (zipAsset).
 */
export class TestTrafficHook extends Construct {
  public readonly function: LambdaFunction;

  constructor(scope: Construct, id: string, props: TestTrafficHookProps) {
    super(scope, id);
    const { naming } = props;
    const name = naming.name("api-smoke-hook", { maxLength: NAME_LIMITS.lambdaFunction });
    const logGroup = encryptedLogGroup(this, "logs", {
      name: `/aws/lambda/${name}`,
      retentionDays: props.logRetentionDays,
      kmsKeyArn: props.kmsKeyArn,
    });
    const role = new IamRole(this, "role", {
      name: naming.name("api-smoke-hook", { maxLength: NAME_LIMITS.iamRole }),
      description: "The deploy's smoke-test hook runs as it: write its own logs",
      assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", { StringEquals: { "aws:SourceAccount": props.accountId } }),
    });
    new IamRolePolicy(this, "policy", {
      role: role.id,
      name: "logs",
      policy: policyDocument([
        { Sid: "WriteHookLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroup.arn}:*` },
      ]),
    });
    const code = zipAsset(this, "code", join(__dirname, "test-traffic-hook"));
    this.function = new LambdaFunction(this, "function", {
      functionName: name,
      description: "ECS lifecycle hook: smoke-tests the new revision through the test listener rule",
      role: role.arn,
      runtime: "nodejs22.x", // nodejs20.x reached end of support in April 2026
      architectures: ["arm64"],
      handler: "index.handler",
      filename: code.path,
      sourceCodeHash: code.assetHash,
      timeout: TIMEOUT_SECONDS,
      memorySize: 128,
      environment: {
        variables: { SERVICE_URL: props.serviceUrl, TEST_HEADER_NAME: props.testHeader.name, TEST_HEADER_VALUE: props.testHeader.value },
      },
      loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
      dependsOn: [logGroup],
    });
  }
}

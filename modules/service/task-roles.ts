import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { policyDocument, PolicyStatement, serviceTrustPolicy } from "../iam/policy-document";
import { wildcardResourceStatement } from "../iam/wildcard-allowlist";
import { Naming } from "../naming";
import { ECR_PULL_ACTIONS } from "../registry/registry";

export interface TaskRolesProps {
  readonly naming: Naming;
  /** Account id (token is fine): only ECS tasks of this account may assume the roles. */
  readonly accountId: string;
  /** The image repository the execution role pulls from. */
  readonly repositoryArn: string;
  /** The task's log group ARN. */
  readonly logGroupArn: string;
  /** Exactly the secrets injected into the container. */
  readonly secretArns: readonly string[];
  /** The key those secrets are encrypted with. */
  readonly kmsKeyArn: string;
  /** Grant the task role the Session Manager channels ECS Exec needs. */
  readonly enableExec: boolean;
  /**
   * `rds-db:connect` ARN of the one database user the app logs in as with IAM authentication.
   * @default - no IAM database access
   */
  readonly databaseConnectArn?: string;
}

/** Name of a task role, e.g. `news-dev-api-execution` for `execution`; another account's registry grants it by name. */
export const taskRoleName = (naming: Naming, key: "execution" | "task"): string =>
  naming.name(`api-${key}`, { maxLength: NAME_LIMITS.iamRole });

/**
 * The two roles of a task: the execution role ECS uses to start it (pull, log, read its secrets) and
 * the task role the application runs as (IAM login to its database user, ECS Exec when enabled).
 */
export class TaskRoles extends Construct {
  public readonly executionRole: IamRole;
  public readonly taskRole: IamRole;

  constructor(scope: Construct, id: string, props: TaskRolesProps) {
    super(scope, id);
    const { naming } = props;
    const trust = serviceTrustPolicy("ecs-tasks.amazonaws.com", { StringEquals: { "aws:SourceAccount": props.accountId } });
    const role = (key: "execution" | "task", description: string, statements: PolicyStatement[]) => {
      const created = new IamRole(this, key, {
        name: taskRoleName(naming, key),
        description,
        assumeRolePolicy: trust,
      });
      if (statements.length > 0) {
        new IamRolePolicy(this, `${key}-policy`, { role: created.id, name: key, policy: policyDocument(statements) });
      }
      return created;
    };

    this.executionRole = role("execution", "ECS starts news-api tasks with it: image pull, logs, secrets", [
      wildcardResourceStatement("RegistryLogin", ["ecr:GetAuthorizationToken"]),
      { Sid: "PullNewsApiImage", Effect: "Allow", Action: [...ECR_PULL_ACTIONS], Resource: props.repositoryArn },
      { Sid: "WriteTaskLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${props.logGroupArn}:*` },
      { Sid: "ReadInjectedSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [...props.secretArns] },
      { Sid: "DecryptInjectedSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: props.kmsKeyArn },
    ]);
    this.taskRole = role("task", "news-api runs as it", [
      ...(props.databaseConnectArn
        ? [{ Sid: "ConnectToDatabaseAsApp", Effect: "Allow" as const, Action: "rds-db:connect", Resource: props.databaseConnectArn }]
        : []),
      ...(props.enableExec
        ? [
            wildcardResourceStatement("EcsExecChannels", [
              "ssmmessages:CreateControlChannel",
              "ssmmessages:CreateDataChannel",
              "ssmmessages:OpenControlChannel",
              "ssmmessages:OpenDataChannel",
            ]),
          ]
        : []),
    ]);
  }
}

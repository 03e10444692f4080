import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService, EcsServiceDeploymentConfigurationLifecycleHook } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { NAME_LIMITS, isFargateSize } from "../aws-limits";
import { ConfigError } from "../errors";
import { encryptedLogGroup } from "../logs/encrypted-log-group";
import { Naming } from "../naming";
import { requireIntInRange } from "../validate";
import { FargateCapacity, FargateCapacitySplit } from "./fargate-capacity";
import { CONTAINER_PORT_RANGE, ContainerEnvironmentName, ContainerSecretName, NEWS_API_CONTAINER } from "./container-contract";
import {
  DeploymentStrategy,
  deploymentConfiguration,
  deploymentTimeoutMinutes,
  shiftsTraffic,
  validateDeploymentStrategy,
} from "./deployment-strategy";
import { TaskRoles } from "./task-roles";
import { TrafficShiftRole } from "./traffic-shift-role";

/** A secret injected as an environment variable. */
export interface ContainerSecret {
  /** Secret ARN (what IAM grants). */
  readonly secretArn: string;
  /** JSON key inside the secret; ECS injects `<arn>:<jsonKey>::`. */
  readonly jsonKey: string;
}

export interface FargateServiceProps {
  readonly naming: Naming;
  readonly region: string;
  readonly accountId: string;
  /** Subnets the tasks run in. */
  readonly subnetIds: string[];
  /** Give tasks a public IP (only when their subnets have no NAT). */
  readonly assignPublicIp: boolean;
  /** The app security group. */
  readonly securityGroupId: string;
  readonly repositoryArn: string;
  readonly repositoryUrl: string;
  /** Image tag to run: a deploy-time input (the git SHA), never a literal in a module. */
  readonly imageTag: string;
  /** Fargate CPU units; with `memory` one of Fargate's sizes. */
  readonly cpu: number;
  readonly memory: number;
  readonly containerPort: number;
  /** Initial desired count (autoscaling owns it afterwards). */
  readonly desiredCount: number;
  readonly healthCheckGracePeriodSeconds: number;
  /** SIGTERM → SIGKILL delay; the app gets this minus 10 s to drain. */
  readonly stopTimeoutSeconds: number;
  /**
   * ECS Exec. AWS's SSM agent cannot run on a read-only root filesystem, so enabling it makes the
   * root filesystem writable: keep it off where that matters (production).
   */
  readonly enableExec: boolean;
  /** Plain environment of the container (non-secret values only). */
  readonly environment: Readonly<Record<ContainerEnvironmentName, string>>;
  /** Secrets injected by ECS from Secrets Manager. */
  readonly secrets: Readonly<Record<ContainerSecretName, ContainerSecret>>;
  /**
   * `rds-db:connect` ARN of the database user the app logs in as with IAM authentication tokens.
   * @default - the task role gets no database access
   */
  readonly databaseConnectArn?: string;
  /** KMS key of the log group and of the secrets. */
  readonly kmsKeyArn: string;
  readonly logRetentionDays: number;
  readonly targetGroupArn: string;
  /** The listener forwarding to the target group; ECS needs it attached before the service starts. */
  readonly listener: ITerraformDependable;
  /**
   * Split of the tasks between Fargate and Fargate Spot (capacity providers on the cluster). Moving a
   * service between the launch type and a strategy replaces it (the AWS provider forces new).
   * @default - every task on-demand with the FARGATE launch type
   */
  readonly capacity?: FargateCapacitySplit;
  /**
   * How ECS replaces a revision; anything but rolling needs `trafficShifting`.
   * @default { strategy: "rolling" }
   */
  readonly deployment?: DeploymentStrategy;
  /**
   * The alternate target group and the listener rules ECS reweighs (LoadBalancer `trafficShifting`).
   * @default - none: only the rolling strategy is possible
   */
  readonly trafficShifting?: TrafficShiftingTargets;
}

/** What an ECS-native blue-green, canary or linear deployment shifts traffic between. */
export interface TrafficShiftingTargets {
  readonly alternateTargetGroupArn: string;
  readonly productionListenerRuleArn: string;
  /** Rule that sends test traffic to the new revision before production traffic moves. */
  readonly testListenerRuleArn: string;
  /**
   * Lambda function ECS calls once test traffic reaches the new revision (POST_TEST_TRAFFIC_SHIFT);
   * FAILED rolls the deployment back before production traffic moves.
   * @default - no hook: traffic shifts without a smoke test
   */
  readonly smokeTestFunctionArn?: string;
}

const ARM64 = "ARM64";

/**
 * The news API on ECS Fargate (ARM64): a Container Insights cluster, a task definition that runs as
 * non-root on a read-only root filesystem with secrets from Secrets Manager, and a service behind the
 * ALB that rolls back failed deployments and leaves the task count to autoscaling.
 */
export class FargateService extends Construct {
  public readonly cluster: EcsCluster;
  public readonly service: EcsService;
  public readonly taskDefinition: EcsTaskDefinition;
  public readonly roles: TaskRoles;
  public readonly logGroupName: string;
  /** The capacity providers and strategy, where `capacity` is given. */
  public readonly capacity?: FargateCapacity;
  /** The role ECS shifts traffic with; present with a non-rolling strategy. */
  public readonly trafficShiftRole?: TrafficShiftRole;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const { deployment, shifting } = validateFargateServiceProps(props);
    this.cluster = new EcsCluster(this, "cluster", {
      name: props.naming.name("cluster", { maxLength: NAME_LIMITS.ecsCluster }),
      setting: [{ name: "containerInsights", value: "enabled" }],
    });
    this.capacity = props.capacity
      ? new FargateCapacity(this, "capacity", { clusterName: this.cluster.name, split: props.capacity })
      : undefined;
    const logGroup = encryptedLogGroup(this, "log-group", {
      name: props.naming.logGroupName(NEWS_API_CONTAINER.name),
      retentionDays: props.logRetentionDays,
      kmsKeyArn: props.kmsKeyArn,
    });
    this.logGroupName = logGroup.name;
    this.roles = this.createRoles(props, logGroup.arn);
    this.taskDefinition = this.createTaskDefinition(props);
    this.trafficShiftRole = shifting ? this.createTrafficShiftRole(props, shifting) : undefined;
    this.service = this.createService(props, deployment, shifting);
  }

  private createRoles(props: FargateServiceProps, logGroupArn: string): TaskRoles {
    return new TaskRoles(this, "roles", {
      naming: props.naming,
      accountId: props.accountId,
      repositoryArn: props.repositoryArn,
      logGroupArn,
      secretArns: [...new Set(Object.values(props.secrets).map((s) => s.secretArn))],
      kmsKeyArn: props.kmsKeyArn,
      enableExec: props.enableExec,
      databaseConnectArn: props.databaseConnectArn,
    });
  }

  private createTaskDefinition(props: FargateServiceProps): EcsTaskDefinition {
    return new EcsTaskDefinition(this, "task", {
      family: props.naming.name("api", { maxLength: NAME_LIMITS.generic }),
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: String(props.cpu),
      memory: String(props.memory),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: ARM64 },
      executionRoleArn: this.roles.executionRole.arn,
      taskRoleArn: this.roles.taskRole.arn,
      volume: [{ name: "tmp" }],
      containerDefinitions: JSON.stringify([this.containerDefinition(props)]),
    });
  }

  /** The one container: non-root, read-only root filesystem (unless ECS Exec), secrets by reference, awslogs. */
  private containerDefinition(props: FargateServiceProps) {
    const container = NEWS_API_CONTAINER;
    const healthUrl = `http://127.0.0.1:${props.containerPort}${container.healthPath}`;
    return {
      name: container.name,
      image: `${props.repositoryUrl}:${props.imageTag}`,
      essential: true,
      user: container.user,
      readonlyRootFilesystem: !props.enableExec,
      mountPoints: [{ sourceVolume: "tmp", containerPath: container.scratchPath, readOnly: false }],
      portMappings: [{ name: "http", containerPort: props.containerPort, protocol: "tcp" }],
      environment: Object.entries(props.environment)
        .map(([name, value]) => ({ name, value }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      secrets: (Object.entries(props.secrets) as [ContainerSecretName, ContainerSecret][])
        .map(([name, s]) => ({ name, valueFrom: `${s.secretArn}:${s.jsonKey}::` }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      logConfiguration: {
        logDriver: "awslogs",
        options: {
          "awslogs-group": this.logGroupName,
          "awslogs-region": props.region,
          "awslogs-stream-prefix": container.name,
          // Never block the app on a slow log pipe; buffer instead.
          mode: "non-blocking",
          "max-buffer-size": "25m",
        },
      },
      // The image is distroless-style (no curl): Node's own fetch probes the liveness route.
      healthCheck: {
        command: ["CMD", "node", "-e", `fetch('${healthUrl}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`],
        interval: 15,
        timeout: 5,
        retries: 3,
        startPeriod: 30,
      },
      stopTimeout: props.stopTimeoutSeconds,
      ulimits: [{ name: "nofile", softLimit: 65536, hardLimit: 65536 }],
    };
  }

  private createTrafficShiftRole(props: FargateServiceProps, shifting: TrafficShiftingTargets): TrafficShiftRole {
    return new TrafficShiftRole(this, "traffic-shift", {
      naming: props.naming,
      accountId: props.accountId,
      targetGroupArns: [props.targetGroupArn, shifting.alternateTargetGroupArn],
      listenerRuleArns: [shifting.productionListenerRuleArn, shifting.testListenerRuleArn],
      hookFunctionArns: shifting.smokeTestFunctionArn === undefined ? [] : [shifting.smokeTestFunctionArn],
    });
  }

  private createService(props: FargateServiceProps, deployment: DeploymentStrategy, shifting?: TrafficShiftingTargets): EcsService {
    const timeout = `${deploymentTimeoutMinutes(deployment)}m`;
    return new EcsService(this, "service", {
      name: props.naming.name("api", { maxLength: NAME_LIMITS.ecsService }),
      cluster: this.cluster.id,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: props.desiredCount,
      // A capacity provider strategy replaces the launch type (ECS accepts one or the other).
      launchType: this.capacity ? undefined : "FARGATE",
      capacityProviderStrategy: this.capacity?.strategy,
      platformVersion: "LATEST",
      networkConfiguration: { subnets: props.subnetIds, securityGroups: [props.securityGroupId], assignPublicIp: props.assignPublicIp },
      loadBalancer: [
        {
          targetGroupArn: props.targetGroupArn,
          containerName: NEWS_API_CONTAINER.name,
          containerPort: props.containerPort,
          advancedConfiguration: this.advancedConfiguration(shifting),
        },
      ],
      deploymentConfiguration: deploymentConfiguration(deployment, this.smokeTestHooks(shifting)),
      deploymentCircuitBreaker: { enable: true, rollback: true }, // tasks that never get healthy
      // apply returns only when the rollout is steady; the deploy workflow then checks it completed (tools/ci/verify-rollout.ts).
      waitForSteadyState: true,
      // The wait covers the canary, linear steps and bake time too (AWS provider ≥ 6.4 waits for the service deployment).
      timeouts: { create: timeout, update: timeout },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds,
      enableExecuteCommand: props.enableExec,
      propagateTags: "SERVICE",
      enableEcsManagedTags: true,
      // Autoscaling and scheduled actions own the task count after creation.
      lifecycle: { ignoreChanges: ["desired_count"] },
      dependsOn: [props.listener, ...(this.capacity ? [this.capacity.providers] : [])],
    });
  }

  /** The load balancer's second target group and rules ECS reweighs; none for a rolling deployment. */
  private advancedConfiguration(shifting?: TrafficShiftingTargets) {
    if (!shifting || !this.trafficShiftRole) return undefined;
    return {
      alternateTargetGroupArn: shifting.alternateTargetGroupArn,
      productionListenerRule: shifting.productionListenerRuleArn,
      testListenerRule: shifting.testListenerRuleArn,
      roleArn: this.trafficShiftRole.role.arn,
    };
  }

  /** The smoke test ECS runs once test traffic reaches the new revision, when one is given. */
  private smokeTestHooks(shifting?: TrafficShiftingTargets): EcsServiceDeploymentConfigurationLifecycleHook[] {
    if (!shifting?.smokeTestFunctionArn || !this.trafficShiftRole) return [];
    return [
      {
        hookTargetArn: shifting.smokeTestFunctionArn,
        roleArn: this.trafficShiftRole.role.arn,
        lifecycleStages: ["POST_TEST_TRAFFIC_SHIFT"],
      },
    ];
  }

  /** Rolls a deployment back when any of these alarms fires while it is in progress (bad code that does start). */
  public rollBackOnAlarms(alarmNames: readonly string[]): void {
    this.service.putAlarms({ alarmNames: [...alarmNames], enable: true, rollback: true });
  }
}

/** Refuses a task size, timeout, port or strategy ECS would reject; returns the strategy and, when it shifts traffic, its targets. */
function validateFargateServiceProps(props: FargateServiceProps): { deployment: DeploymentStrategy; shifting?: TrafficShiftingTargets } {
  if (!isFargateSize(props.cpu, props.memory)) {
    throw new ConfigError(`FargateService: cpu ${props.cpu} with memory ${props.memory} is not a Fargate task size.`);
  }
  requireIntInRange("FargateService", "stopTimeoutSeconds", props.stopTimeoutSeconds, 10, 120);
  requireIntInRange("FargateService", "containerPort", props.containerPort, CONTAINER_PORT_RANGE.min, CONTAINER_PORT_RANGE.max);
  const deployment = props.deployment ?? { strategy: "rolling" };
  validateDeploymentStrategy("FargateService", deployment);
  if (!shiftsTraffic(deployment.strategy)) return { deployment };
  if (!props.trafficShifting) {
    throw new ConfigError(
      `FargateService: deployment.strategy = "${deployment.strategy}" needs trafficShifting (a load ` +
        `balancer's alternate target group and listener rules); use strategy "rolling" without one.`,
    );
  }
  return { deployment, shifting: props.trafficShifting };
}

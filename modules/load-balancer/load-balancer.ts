import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule, LbListenerRuleCondition } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { Naming } from "../naming";
import { requireIntInRange } from "../validate";
import { PrivateBucket } from "../s3/private-bucket";
import { requireDomainName } from "../dns/dns-names";
import { accessLogsBucket } from "./access-logs-bucket";

export interface HealthCheckSettings {
  /** Path probed on each target. */
  readonly path: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
}

export interface HttpsSettings {
  /** The name clients use, e.g. "api.example.com"; DNS must point it at the ALB. */
  readonly domainName: string;
  /** ACM certificate (in the ALB's region) covering `domainName`. */
  readonly certificateArn: string;
}

export interface LoadBalancerProps {
  readonly naming: Naming;
  readonly region: string;
  readonly accountId: string;
  readonly vpcId: string;
  /** Public subnets, one per AZ. */
  readonly subnetIds: string[];
  /** The ALB security group (80/443 from the internet, egress to the tasks). */
  readonly securityGroupId: string;
  /** Port targets listen on. */
  readonly targetPort: number;
  readonly healthCheck: HealthCheckSettings;
  /**
   * The API's domain and a certificate covering it: HTTPS on 443 with a TLS 1.3 policy, HTTP→HTTPS
   * redirect, and `url` = `https://<domain>` (no certificate can cover the ALB's own DNS name).
   * @default - plain HTTP on 80 and `url` = `http://<alb dns name>` (development only)
   */
  readonly https?: HttpsSettings;
  readonly deletionProtection: boolean;
  /**
   * Seconds an idle connection stays open.
   * @default 60
   */
  readonly idleTimeoutSeconds?: number;
  /** Days access logs are kept. */
  readonly accessLogRetentionDays: number;
  /**
   * Seconds a deregistering target keeps serving in-flight requests.
   * @default 30
   */
  readonly deregistrationDelaySeconds?: number;
  /**
   * A second (alternate) target group and the two listener rules ECS shifts traffic with in a
   * blue-green, canary or linear deployment: the production rule (all paths) and the test rule
   * (requests carrying `TEST_TRAFFIC_HEADER`, which reach the new revision before production does).
   * @default false - one target group, the listener forwards to it
   */
  readonly trafficShifting?: boolean;
}

/** The rules ECS rewrites during a deployment, with the alternate target group they weigh against. */
export interface TrafficShifting {
  readonly alternateTargetGroup: LbTargetGroup;
  readonly productionRule: LbListenerRule;
  readonly testRule: LbListenerRule;
}

/**
 * Header that routes a request to the revision being deployed while ECS holds it on test traffic.
 * Not a secret: it only reaches code that is minutes from production anyway.
 */
export const TEST_TRAFFIC_HEADER = { name: "x-newsstack-test-traffic", value: "next" } as const;

/** TLS 1.3 with 1.2 fallback for older clients; AWS's recommended policy for internet-facing ALBs. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
const ACCESS_LOG_PREFIX = "alb";

/**
 * Internet-facing ALB in the public subnets: invalid header fields dropped, access logs to their own
 * bucket, one IP target group probing the health path. With a certificate, HTTP only redirects.
 */
export class LoadBalancer extends Construct {
  public readonly alb: Lb;
  public readonly targetGroup: LbTargetGroup;
  /** The listener that forwards to the target group (HTTPS when there is a certificate). */
  public readonly serviceListener: LbListener;
  /** Base URL of the service: `https://<domain>` with HTTPS, else `http://<alb dns name>`. */
  public readonly url: string;
  public readonly accessLogsBucket: PrivateBucket;
  /** Present with `trafficShifting`. */
  public readonly trafficShifting?: TrafficShifting;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    requireIntInRange("LoadBalancer", "idleTimeoutSeconds", props.idleTimeoutSeconds, 1, 4000);
    requireIntInRange("LoadBalancer", "deregistrationDelaySeconds", props.deregistrationDelaySeconds, 0, 3600);
    requireIntInRange("LoadBalancer", "targetPort", props.targetPort, 1, 65535);
    if (props.https) requireDomainName("LoadBalancer", "https.domainName", props.https.domainName);
    const { naming } = props;

    this.accessLogsBucket = accessLogsBucket(this, "access-logs", {
      bucketName: `${naming.name("alb-logs", { maxLength: NAME_LIMITS.s3Bucket - 13 })}-${props.accountId}`,
      region: props.region,
      accountId: props.accountId,
      prefix: ACCESS_LOG_PREFIX,
      retentionDays: props.accessLogRetentionDays,
      forceDestroy: !props.deletionProtection,
    });

    this.alb = new Lb(this, "alb", {
      name: naming.name("alb", { maxLength: NAME_LIMITS.loadBalancer }),
      loadBalancerType: "application",
      internal: false,
      subnets: props.subnetIds,
      securityGroups: [props.securityGroupId],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection,
      idleTimeout: props.idleTimeoutSeconds ?? 60,
      desyncMitigationMode: "defensive",
      accessLogs: { bucket: this.accessLogsBucket.bucket.id, prefix: ACCESS_LOG_PREFIX, enabled: true },
      // The bucket policy must exist before ELB validates it can write there.
      dependsOn: [this.accessLogsBucket.policy],
    });

    const hc = props.healthCheck;
    const targetGroup = (key: string, component: string) =>
      new LbTargetGroup(this, key, {
        name: naming.name(component, { maxLength: NAME_LIMITS.targetGroup }),
        targetType: "ip",
        protocol: "HTTP",
        port: props.targetPort,
        vpcId: props.vpcId,
        deregistrationDelay: String(props.deregistrationDelaySeconds ?? 30),
        healthCheck: {
          enabled: true,
          path: hc.path,
          protocol: "HTTP",
          matcher: "200",
          interval: hc.intervalSeconds,
          timeout: hc.timeoutSeconds,
          healthyThreshold: hc.healthyThreshold,
          unhealthyThreshold: hc.unhealthyThreshold,
        },
      });
    this.targetGroup = targetGroup("target-group", "api");

    const forward = [{ type: "forward", targetGroupArn: this.targetGroup.arn }];
    if (props.https) {
      this.serviceListener = new LbListener(this, "https", {
        loadBalancerArn: this.alb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: TLS_POLICY,
        certificateArn: props.https.certificateArn,
        defaultAction: forward,
      });
      new LbListener(this, "http-redirect", {
        loadBalancerArn: this.alb.arn,
        port: 80,
        protocol: "HTTP",
        defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      });
      this.url = `https://${props.https.domainName}`;
    } else {
      this.serviceListener = new LbListener(this, "http", {
        loadBalancerArn: this.alb.arn,
        port: 80,
        protocol: "HTTP",
        defaultAction: forward,
      });
      this.url = `http://${this.alb.dnsName}`;
    }
    if (props.trafficShifting) this.trafficShifting = this.trafficShiftingRules(targetGroup("alternate-target-group", "api-next"));
  }

  /**
   * ECS rewrites both rules' weights on every deployment (blue 0 / green 100, then the other way),
   * so Terraform declares them once and ignores their action afterwards: re-applying the declared
   * weights would send production traffic back to a target group with no tasks.
   */
  private trafficShiftingRules(alternateTargetGroup: LbTargetGroup): TrafficShifting {
    const weighted = [
      {
        type: "forward",
        forward: {
          targetGroup: [
            { arn: this.targetGroup.arn, weight: 100 },
            { arn: alternateTargetGroup.arn, weight: 0 },
          ],
        },
      },
    ];
    const rule = (key: string, priority: number, condition: LbListenerRuleCondition) =>
      new LbListenerRule(this, key, {
        listenerArn: this.serviceListener.arn,
        priority,
        action: weighted,
        condition: [condition],
        lifecycle: { ignoreChanges: ["action"] },
      });
    return {
      alternateTargetGroup,
      testRule: rule("test-rule", 10, { httpHeader: { httpHeaderName: TEST_TRAFFIC_HEADER.name, values: [TEST_TRAFFIC_HEADER.value] } }),
      productionRule: rule("production-rule", 20, { pathPattern: { values: ["/*"] } }),
    };
  }
}

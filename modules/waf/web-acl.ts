import { Wafv2WebAcl, Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { Construct } from "constructs";
import { NAME_LIMITS } from "../aws-limits";
import { encryptedLogGroup } from "../logs/encrypted-log-group";
import { Naming } from "../naming";
import { requireIntInRange } from "../validate";

export interface WebAclProps {
  readonly naming: Naming;
  /** ARN of the ALB to protect. */
  readonly loadBalancerArn: string;
  /** Requests one client IP may make in any 5 minutes before it is blocked. */
  readonly rateLimitPer5Minutes: number;
  readonly logRetentionDays: number;
  readonly logsKmsKeyArn: string;
  /** Request headers blanked in the logs (credentials). */
  readonly redactedHeaders: readonly string[];
}

// The provider types a rule's `statement` as `any` (its nesting is unbounded) and passes it through
// unconverted: statements are written in Terraform's snake_case, unlike every other argument.
const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

function managedRuleGroup(name: string, priority: number, countOnly: readonly string[] = []): Wafv2WebAclRule {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managed_rule_group_statement: {
        vendor_name: "AWS",
        name,
        rule_action_override: countOnly.map((rule) => ({ name: rule, action_to_use: { count: {} } })),
      },
    },
    visibilityConfig: visibility(name),
  };
}

/**
 * WAFv2 web ACL on the ALB: Amazon IP reputation list, the common rule set, known bad inputs, and a
 * per-IP rate limit; logs to an encrypted `aws-waf-logs-` group with credentials redacted.
 */
export class WebAcl extends Construct {
  public readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    requireIntInRange("WebAcl", "rateLimitPer5Minutes", props.rateLimitPer5Minutes, 10, 2_000_000_000);
    const name = props.naming.name("waf", { maxLength: 128 });
    this.webAcl = new Wafv2WebAcl(this, "acl", {
      name,
      description: `${props.naming.prefix}: managed rule sets and a per-IP rate limit in front of the news API`,
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: [
        managedRuleGroup("AWSManagedRulesAmazonIpReputationList", 0),
        // The API accepts JSON bodies up to 256 KiB (articles with content); the set's 8 KiB body
        // limit would block legitimate writes, so that one rule only counts.
        managedRuleGroup("AWSManagedRulesCommonRuleSet", 1, ["SizeRestrictions_BODY"]),
        managedRuleGroup("AWSManagedRulesKnownBadInputsRuleSet", 2),
        {
          name: "rate-limit-per-ip",
          priority: 3,
          action: { block: {} },
          statement: { rate_based_statement: { limit: props.rateLimitPer5Minutes, aggregate_key_type: "IP", evaluation_window_sec: 300 } },
          visibilityConfig: visibility("rate-limit-per-ip"),
        },
      ],
      visibilityConfig: visibility(name),
    });
    new Wafv2WebAclAssociation(this, "association", { resourceArn: props.loadBalancerArn, webAclArn: this.webAcl.arn });
    // WAF only delivers to log groups whose name starts with aws-waf-logs-.
    const logs = encryptedLogGroup(this, "logs", {
      name: `aws-waf-logs-${props.naming.prefix}`.slice(0, NAME_LIMITS.logGroup),
      retentionDays: props.logRetentionDays,
      kmsKeyArn: props.logsKmsKeyArn,
    });
    new Wafv2WebAclLoggingConfiguration(this, "logging", {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [logs.arn],
      redactedFields: props.redactedHeaders.map((header) => ({ singleHeader: { name: header } })),
    });
  }
}

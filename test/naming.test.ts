import { ENVIRONMENT_NAME_MAX_LENGTH } from "../environments/schema";
import { NAME_LIMITS } from "../modules/aws-limits";
import { ConfigError } from "../modules/errors";
import { fitName, Naming } from "../modules/naming";
import { realEnvironments, synthesizeEnvironment } from "./support/synth";
import { allResources } from "./support/terraform-json";

describe("Naming", () => {
  const naming = new Naming("news", "dev");

  test("builds <project>-<env>-<component>", () => {
    expect(naming.name("alb", { maxLength: NAME_LIMITS.loadBalancer })).toBe("news-dev-alb");
  });

  test("a name over the limit keeps its start and ends in a stable 8-hex hash", () => {
    const long = fitName("news-staging-api-blue-green-target", 32);
    expect(long).toHaveLength(32);
    expect(long).toMatch(/^news-staging-api-blue-g-[0-9a-f]{8}$/);
    expect(fitName("news-staging-api-blue-green-target", 32)).toBe(long);
    expect(fitName("news-staging-api-blue-green-targex", 32)).not.toBe(long);
  });

  test("never leaves a hyphen before the hash", () => {
    expect(fitName("news-abcdefghij-x-yyyyyyyyyyyy", 20)).not.toMatch(/--/);
  });

  test("rejects names AWS would reject, naming the field", () => {
    expect(() => new Naming("news", "Dev")).toThrow(new ConfigError('Naming: environment "Dev" must be lowercase letters and digits, starting with a letter.'));
    expect(() => naming.name("api_tg", { maxLength: 32 })).toThrow(/component "api_tg"/);
  });
});

/** Physical-name attributes and the limit AWS enforces on each. */
const NAME_ATTRIBUTES: Record<string, { attribute: string; maxLength: number }> = {
  aws_security_group: { attribute: "name", maxLength: NAME_LIMITS.securityGroup },
  aws_iam_role: { attribute: "name", maxLength: NAME_LIMITS.iamRole },
  aws_cloudwatch_log_group: { attribute: "name", maxLength: NAME_LIMITS.logGroup },
  aws_kms_alias: { attribute: "name", maxLength: NAME_LIMITS.kmsAlias },
};

test(`every physical name fits AWS's limits for the longest environment name (${ENVIRONMENT_NAME_MAX_LENGTH} chars)`, () => {
  const [dev] = realEnvironments();
  const stack = synthesizeEnvironment({ ...dev, name: "x".repeat(ENVIRONMENT_NAME_MAX_LENGTH) });
  const checked = allResources(stack).filter(([type]) => NAME_ATTRIBUTES[type]);
  expect(checked.length).toBeGreaterThanOrEqual(Object.keys(NAME_ATTRIBUTES).length);
  for (const [type, resource] of checked) {
    const { attribute, maxLength } = NAME_ATTRIBUTES[type];
    const name: string = resource.values[attribute];
    expect(name).toContain("x".repeat(ENVIRONMENT_NAME_MAX_LENGTH));
    expect(name.length).toBeLessThanOrEqual(maxLength);
  }
});

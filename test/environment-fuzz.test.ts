import fc from "fast-check";
import { validateEnvironment } from "../environments";
import { ConfigError } from "../modules/errors";
import { assertEnvironmentsSynthesizeCleanly, FUZZ_SEED, validEnvironment } from "./support/environment-fuzz";

/**
 * Property-based checks over the environment space: every config the validator accepts synthesizes
 * with zero guardrail errors (so AWS and a security review would accept it too), and configs broken
 * in known ways are refused by the validator with the field named, never later by AWS. 40 synthesis
 * runs in all: 20 here, 20 more in environment-fuzz-synth.test.ts (a second jest worker).
 */
test("every valid environment synthesizes with zero guardrail errors or warnings (20 runs)", () => {
  assertEnvironmentsSynthesizeCleanly(20, FUZZ_SEED);
});

/** Ways to break a valid config, and the field path the validator must name. */
const BREAKAGES: [string, (c: any) => void, RegExp][] = [
  ["cpu/memory pair", (c) => (c.service.memory = c.service.cpu * 64 + 1), /service\.(memory|cpu)/],
  ["min above max tasks", (c) => (c.service.minTasks = c.service.maxTasks + 1), /service\.minTasks/],
  ["AZ of another region", (c) => (c.network.availabilityZones[1] = "xx-nowhere-1b"), /network\.availabilityZones\.1/],
  ["host bits in the VPC range", (c) => (c.network.vpcCidr = c.network.vpcCidr.replace(/\.0\//, ".1/")), /network\.vpcCidr/],
  ["log retention", (c) => (c.logRetentionDays = 2), /logRetentionDays/],
  ["unknown RDS class", (c) => (c.database.instanceClass = "db.z1.mega"), /database\.instanceClass/],
  [
    "storage cap below storage",
    (c) => (c.database.maxAllocatedStorageGb = c.database.allocatedStorageGb - 1),
    /database\.maxAllocatedStorageGb/,
  ],
  ["too many replicas", (c) => (c.cache.replicas = 6), /cache\.replicas/],
  ["name with capitals", (c) => (c.name = `X${c.name}`), /name/],
  ["WAF limit below 10", (c) => (c.waf = { enabled: true, rateLimitPer5Minutes: 1 }), /waf\.rateLimitPer5Minutes/],
  [
    "API domain that is no DNS name",
    (c) => (c.loadBalancer.domain = { name: "api..example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" }),
    /loadBalancer\.domain\.name/,
  ],
  [
    "certificate of another region",
    (c) =>
      (c.loadBalancer.domain = {
        name: "api.example.com",
        certificateArn:
          `arn:aws:acm:${c.region === "us-east-1" ? "eu-west-1" : "us-east-1"}:123456789012:` +
          "certificate/1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9",
      }),
    /loadBalancer\.domain\.certificateArn/,
  ],
];

test("configs broken in known ways are refused by the validator, naming the field", () => {
  fc.assert(
    fc.property(validEnvironment, fc.constantFrom(...BREAKAGES), (input, [, breakIt, field]) => {
      const broken = structuredClone(input);
      breakIt(broken);
      let message = "";
      try {
        validateEnvironment({ file: "environments/fuzz.ts", input: broken });
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        message = error.message;
      }
      if (!message.includes("environments/fuzz.ts") || !field.test(message))
        throw new Error(`expected a ConfigError naming ${field}, got: ${message || "none"}`);
    }),
    { numRuns: 200, seed: FUZZ_SEED },
  );
});

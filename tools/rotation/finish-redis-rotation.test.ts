import { UsageError } from "../cli-args";
import {
  finishRedisRotation,
  parseRotationArgs,
  RotationError,
  Run,
  RotationTargets,
  targetsFromOutputs,
  TARGET_OUTPUTS,
} from "./finish-redis-rotation";
import { synthesizedApp } from "../../test/support/synth";

const targets: RotationTargets = {
  cluster: "news-dev-cluster",
  service: "news-dev-api",
  replicationGroupId: "news-dev-cache",
  secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:news/dev/redis-auth-AbCdEf",
};
const NEW_TOKEN = "N3wT0kenN3wT0kenN3wT0kenN3wT0ken";

/** A recorded AWS CLI: answers each call from `answers` (by its first two words), records the calls. */
function fakeAws(answers: Record<string, { status?: number; stdout?: string; stderr?: string }> = {}) {
  const calls: { args: readonly string[]; input?: string }[] = [];
  const run: Run = (command, args, input) => {
    calls.push({ args: [command, ...args], input });
    const answer = answers[args.slice(0, 3).join(" ")] ?? answers[args.slice(0, 2).join(" ")] ?? {};
    return { status: answer.status ?? 0, stdout: answer.stdout ?? "", stderr: answer.stderr ?? "" };
  };
  return { run, calls, called: () => calls.map((c) => c.args.slice(1, 4).join(" ")) };
}
const secret = { "secretsmanager get-secret-value": { stdout: JSON.stringify({ token: NEW_TOKEN }) } };

test("rolls the tasks, waits until stable, then revokes the old token with SET and waits for the group", () => {
  const aws = fakeAws(secret);
  finishRedisRotation(targets, aws.run, () => undefined);
  expect(aws.called()).toEqual([
    "ecs update-service --cluster",
    "ecs wait services-stable",
    "secretsmanager get-secret-value --secret-id",
    "elasticache modify-replication-group --cli-input-json",
    "elasticache wait replication-group-available",
  ]);
  expect(aws.calls[0].args).toContain("--force-new-deployment");
  expect(JSON.parse(aws.calls[3].input!)).toEqual({
    ReplicationGroupId: "news-dev-cache",
    AuthToken: NEW_TOKEN,
    AuthTokenUpdateStrategy: "SET",
    ApplyImmediately: true,
  });
  // The token never appears on a command line.
  expect(aws.calls.flatMap((c) => c.args).some((a) => a.includes(NEW_TOKEN))).toBe(false);
});

test("a deployment that does not become stable stops before the old token is revoked", () => {
  const aws = fakeAws({
    ...secret,
    "ecs wait services-stable": { status: 255, stderr: "Waiter ServicesStable failed: Max attempts exceeded" },
  });
  expect(() => finishRedisRotation(targets, aws.run, () => undefined)).toThrow(/Max attempts exceeded\nThe old token was NOT revoked/);
  expect(aws.called().some((c) => c.startsWith("elasticache"))).toBe(false);
});

test("a secret without a token revokes nothing", () => {
  const aws = fakeAws({ "secretsmanager get-secret-value": { stdout: JSON.stringify({ key: "x" }) } });
  expect(() => finishRedisRotation(targets, aws.run, () => undefined)).toThrow(RotationError);
  expect(aws.called().some((c) => c.startsWith("elasticache"))).toBe(false);
});

test("targets come from the environment stack's outputs, and a missing one is named", () => {
  const outputs = Object.fromEntries(Object.entries(TARGET_OUTPUTS).map(([key, name]) => [name, { value: (targets as any)[key] }]));
  expect(targetsFromOutputs(outputs)).toEqual(targets);
  expect(() => targetsFromOutputs({ cluster_name: { value: "c" } })).toThrow(
    "terraform outputs lack service_name, redis_replication_group_id, redis_auth_secret_arn",
  );
  // …and every one of them is an output the environment stacks really declare.
  for (const stack of Object.values(synthesizedApp().environments))
    expect(Object.keys(stack.output ?? {})).toEqual(expect.arrayContaining(Object.values(TARGET_OUTPUTS)));
});

test("its command line: one environment, as the runbook passes it; anything else is a usage error naming it", () => {
  expect(parseRotationArgs(["dev"])).toEqual({ env: "dev" }); // npm run rotate:redis-auth -- dev
  expect(() => parseRotationArgs([])).toThrow(/^missing <env>\nusage: npm run rotate:redis-auth -- <env>$/);
  expect(() => parseRotationArgs(["--env", "dev"])).toThrow(/^unknown flag --env; allowed: --help\n/);
  expect(() => parseRotationArgs(["Dev"])).toThrow(UsageError);
  expect(() => parseRotationArgs(["Dev"])).toThrow('<env> "Dev": not an environment name');
  expect(() => parseRotationArgs(["dev", "staging"])).toThrow('unexpected argument "staging"');
});

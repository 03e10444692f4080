import { synthesizedApp } from "../../test/support/synth";
import { notEmulated } from "./not-emulated";
import { protectedResources, REFUSAL_PATTERN } from "./protection";
import { variableArgs } from "./variables";

describe("what the rehearsal reads from a synthesized stack", () => {
  const app = synthesizedApp();

  it("treats prod as production-tier (its destroy must be refused) and dev as destroyable", () => {
    expect(protectedResources(app.environments.prod as any).length).toBeGreaterThan(0);
    expect(protectedResources(app.environments.dev as any)).toEqual([]);
  });

  it("recognises Terraform's and AWS's refusals", () => {
    expect(REFUSAL_PATTERN.test("Error: Instance cannot be destroyed … lifecycle.prevent_destroy")).toBe(true);
    expect(REFUSAL_PATTERN.test("InvalidParameterCombination: Cannot delete protected DB Instance")).toBe(true);
    expect(
      REFUSAL_PATTERN.test("OperationNotPermitted: Load balancer 'arn' cannot be deleted because deletion protection is enabled"),
    ).toBe(true);
    expect(REFUSAL_PATTERN.test("Error: timeout while waiting for state")).toBe(false);
  });

  it("gives image_tag a value and names a required variable it does not know", () => {
    expect(variableArgs("news-dev", app.environments.dev as any)).toEqual(["-var", "image_tag=rehearsal"]);
    expect(() => variableArgs("news-x", { variable: { region: { type: "string" } } })).toThrow(
      "news-x: variable(s) region have no default",
    );
    expect(variableArgs("news-x", { variable: { region: { type: "string", default: "us-east-1" } } })).toEqual([]);
  });

  it("lists each resource of a not-emulated type with its reason", () => {
    const stack = { resource: { aws_x: { a: {}, b: {} }, aws_y: { c: {} } } };
    expect(notEmulated(stack, { aws_x: "moto lacks X" })).toEqual(["aws_x.a: moto lacks X", "aws_x.b: moto lacks X"]);
  });
});

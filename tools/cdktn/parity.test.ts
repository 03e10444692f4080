import { synthesizedApp } from "../../test/support/synth";
import type { SynthesizedStacks } from "../diff/synthesize-ref";
import { compareSyntheses, fullProviderSource, renderParity } from "./parity";

const app = synthesizedApp();
const cdktf = (): SynthesizedStacks =>
  structuredClone({
    "news-state": app.state,
    "news-shared": app.shared,
    ...Object.fromEntries(Object.entries(app.environments).map(([name, json]) => [`news-${name}`, json])),
  }) as SynthesizedStacks;
/** What cdktn writes for the same code: its own provider pin and source spelling, its version in the metadata. */
const cdktn = (): SynthesizedStacks => {
  const stacks = cdktf();
  for (const json of Object.values(stacks)) {
    json.terraform.required_providers.aws = { source: "hashicorp/aws", version: "6.66.0" };
    json["//"] = { metadata: { version: "0.24.0" } };
  }
  return stacks;
};
const resourceCount = Object.values(cdktf()).reduce(
  (n, json) => n + Object.values(json.resource ?? {}).reduce((m: number, byName) => m + Object.keys(byName as object).length, 0),
  0,
);

describe("cdktn parity", () => {
  test("the provider version (and its source's spelling) is the only difference allowed: the table and the verdict line", () => {
    const { text, ok } = renderParity(compareSyntheses(cdktf(), cdktn()));
    expect(ok).toBe(true);
    expect(text).toMatch(/news-dev +\d+ +\d+ +required_providers\.aws\.version 6\.25\.0 → 6\.66\.0 +identical/);
    expect(text.split("\n").at(-1)).toBe(`cdktn parity: 5 stacks, ${resourceCount} resources identical`);
  });

  test("a changed attribute fails with the stack, the resource address and the attribute path", () => {
    const changed = cdktn();
    const [name, database] = Object.entries(changed["news-prod"].resource.aws_db_instance)[0] as [string, Record<string, any>];
    database.backup_retention_period = 1;
    const { text, ok } = renderParity(compareSyntheses(cdktf(), changed));
    expect(ok).toBe(false);
    expect(text).toContain(`news-prod  aws_db_instance.${name}  backup_retention_period: `);
    expect(text.split("\n").at(-1)).toBe("cdktn parity FAILED: 1 differences in 1 of 5 stacks");
  });

  test("a nested attribute, a missing resource, an extra ephemeral block and a changed output all count", () => {
    const changed = cdktn();
    const dev = changed["news-dev"];
    const [taskDefinition] = Object.keys(dev.resource.aws_ecs_task_definition);
    dev.resource.aws_ecs_task_definition[taskDefinition].runtime_platform = { cpu_architecture: "X86_64" };
    const [removed] = Object.keys(dev.resource.aws_security_group);
    delete dev.resource.aws_security_group[removed];
    const [ephemeralType] = Object.keys(dev.ephemeral);
    dev.ephemeral[ephemeralType].extra = {};
    const [output] = Object.keys(dev.output);
    dev.output[output].sensitive = !dev.output[output].sensitive;
    const differences = compareSyntheses(cdktf(), changed)
      .flatMap((r) => r.differences)
      .map((d) => `${d.address} ${d.path}`);
    expect(differences).toEqual(
      expect.arrayContaining([
        `aws_ecs_task_definition.${taskDefinition} runtime_platform.cpu_architecture`,
        `aws_security_group.${removed} `,
        `ephemeral.${ephemeralType}.extra `,
        `output.${output} sensitive`,
      ]),
    );
  });

  test("a stack cdktn did not write fails", () => {
    const missing = cdktn();
    delete missing["news-staging"];
    expect(renderParity(compareSyntheses(cdktf(), missing)).ok).toBe(false);
  });

  test("provider sources compare in full, so a different provider is still a difference", () => {
    expect(fullProviderSource("aws")).toBe("registry.terraform.io/hashicorp/aws");
    expect(fullProviderSource("hashicorp/aws")).toBe("registry.terraform.io/hashicorp/aws");
    const other = cdktn();
    other["news-state"].terraform.required_providers.aws.source = "someone/aws";
    expect(
      compareSyntheses(cdktf(), other)
        .flatMap((r) => r.differences)
        .map((d) => d.path),
    ).toEqual(["required_providers.aws.source"]);
  });
});

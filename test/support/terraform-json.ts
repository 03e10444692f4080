import type { TerraformJson } from "./synth";

export interface Resource {
  /** Terraform name within its type (the second part of the address). */
  readonly name: string;
  readonly values: Record<string, any>;
}

/** Every resource of `type` in the stack, e.g. resourcesOfType(dev, "aws_nat_gateway"). */
export function resourcesOfType(stack: TerraformJson, type: string): Resource[] {
  return Object.entries(stack.resource?.[type] ?? {}).map(([name, values]) => ({ name, values }));
}

export function dataSourcesOfType(stack: TerraformJson, type: string): Resource[] {
  return Object.entries(stack.data?.[type] ?? {}).map(([name, values]) => ({ name, values }));
}

/** The one resource of `type` whose name contains `fragment`; fails loudly when there is not exactly one. */
export function resourceNamed(stack: TerraformJson, type: string, fragment: string): Resource {
  const found = resourcesOfType(stack, type).filter((r) => r.name.includes(fragment));
  if (found.length !== 1) {
    throw new Error(`expected one ${type} named like "${fragment}", found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  }
  return found[0];
}

/** Terraform interpolation of an attribute of a resource: "${aws_vpc.network_vpc_1A2B.id}". */
export function reference(type: string, resource: Resource, attribute = "id"): string {
  return "${" + `${type}.${resource.name}.${attribute}` + "}";
}

/** True when `value` (any nesting) interpolates an attribute of the given resource. */
export function refersTo(value: unknown, type: string, resource: Resource): boolean {
  return JSON.stringify(value ?? null).includes(`${type}.${resource.name}.`);
}

/** Every resource of the stack as [type, resource] pairs. */
export function allResources(stack: TerraformJson): [string, Resource][] {
  return Object.keys(stack.resource ?? {}).flatMap((type) => resourcesOfType(stack, type).map((r): [string, Resource] => [type, r]));
}

/** True when an IAM resource pattern (`*` wildcards) matches `arn`, as IAM compares a statement's Resource. */
export const arnMatches = (pattern: string, arn: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(arn);

import { TerraformStack } from "cdktf";
import { ResourceView, StackView } from "./rule";

/**
 * The stack as it will be synthesized (`toTerraform()`, references resolved to "${type.name.attr}"),
 * indexed for the rules. Each resource keeps its construct path from the synth metadata.
 */
export function stackView(stack: TerraformStack, tier: StackView["tier"]): StackView {
  const json = stack.toTerraform() as {
    resource?: Record<string, Record<string, Record<string, any>>>;
    provider?: Record<string, Record<string, any>[]>;
    terraform?: { backend?: Record<string, Record<string, any>> };
  };
  const resources: ResourceView[] = Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, { "//": meta, ...attrs }]) => ({
      type,
      name,
      path: meta?.metadata?.path ?? `${stack.node.id}/${name}`,
      attrs,
    })),
  );
  const byType = new Map<string, ResourceView[]>();
  for (const r of resources) {
    const ofType = byType.get(r.type);
    if (ofType) ofType.push(r);
    else byType.set(r.type, [r]);
  }
  return {
    stackName: stack.node.id,
    resources,
    providers: json.provider ?? {},
    backend: json.terraform?.backend,
    tier,
    ofType: (type) => byType.get(type) ?? [],
    refersTo: (value, resource, attribute = "") =>
      JSON.stringify(value ?? null).includes(`\${${resource.type}.${resource.name}.${attribute}`),
  };
}

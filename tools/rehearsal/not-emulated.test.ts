import { synthesizedApp } from "../../test/support/synth";
import { ECS_NATIVE_DEPLOYMENTS_WHY, notEmulated, PROVIDER_ONLY_ATTRIBUTES, withoutProviderOnlyAttributes } from "./not-emulated";

describe("arguments only the pinned AWS provider 6.x knows", () => {
  const table = { aws_x: { attributes: ["only6", "block.inner"], why: "5.100 lacks it" } };

  it("removes each listed attribute, also inside every block of a list, and lists the resource", () => {
    const stack = {
      resource: {
        aws_x: { a: { keep: 1, only6: { n: 1 }, block: [{ inner: 2, keep: 3 }, { keep: 4 }] }, b: { keep: 5 } },
        aws_y: { c: { only6: 1 } },
      },
    };
    const { stack: copy, removed } = withoutProviderOnlyAttributes(stack, table);
    expect(copy.resource.aws_x.a).toEqual({ keep: 1, block: [{ keep: 3 }, { keep: 4 }] });
    expect(copy.resource.aws_x.b).toEqual({ keep: 5 });
    expect(copy.resource.aws_y.c).toEqual({ only6: 1 }); // other types untouched
    expect(removed).toEqual(["aws_x.a: only6, block.inner removed (not emulated) — 5.100 lacks it"]);
    expect(stack.resource.aws_x.a.only6).toEqual({ n: 1 }); // the synthesized input is not changed
  });

  it("lists whole stood-in types and removed attributes together", () => {
    const stack = { resource: { aws_x: { a: { only6: true } }, aws_z: { d: {} } } };
    expect(notEmulated(stack, { aws_z: "moto lacks Z" }, table)).toEqual([
      "aws_z.d: moto lacks Z",
      "aws_x.a: only6 removed (not emulated) — 5.100 lacks it",
    ]);
    expect(notEmulated({ resource: { aws_x: { a: { only6: null } } } }, {}, table)).toEqual([]);
  });

  it("strips the ECS-native progressive delivery of staging and prod, and dev has none", () => {
    expect(PROVIDER_ONLY_ATTRIBUTES.aws_ecs_service.attributes).toEqual([
      "deployment_configuration",
      "load_balancer.advanced_configuration",
    ]);
    const app = synthesizedApp();
    for (const env of ["staging", "prod"] as const) {
      const { stack, removed } = withoutProviderOnlyAttributes(app.environments[env] as any);
      expect(removed.length).toBeGreaterThan(0);
      expect(removed.every((line) => line.startsWith("aws_ecs_service.") && line.endsWith(ECS_NATIVE_DEPLOYMENTS_WHY))).toBe(true);
      for (const service of Object.values<any>(stack.resource.aws_ecs_service)) {
        expect(service.deployment_configuration).toBeUndefined();
        expect([service.load_balancer ?? []].flat().every((lb: any) => lb.advanced_configuration === undefined)).toBe(true);
        expect(service.deployment_circuit_breaker).toBeDefined(); // 5.x arguments stay
      }
    }
    expect(withoutProviderOnlyAttributes(app.environments.dev as any).removed).toEqual([]);
  });
});

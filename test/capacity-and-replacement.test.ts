import { TERRAFORM_UNIQUE_SUFFIX_LENGTH } from "../modules/naming";
import { NAME_LIMITS } from "../modules/aws-limits";
import { realEnvironments, synthesizedApp } from "./support/synth";
import { resourcesOfType } from "./support/terraform-json";

const app = synthesizedApp();

describe.each(realEnvironments().map((e) => [e.name, e] as const))("capacity has one owner in %s", (name, env) => {
  const stack = app.environments[name];
  const [target] = resourcesOfType(stack, "aws_appautoscaling_target");
  const [service] = resourcesOfType(stack, "aws_ecs_service");
  const scheduled = env.service.autoscaling.schedules.length > 0;

  test("autoscaling, not Terraform, owns the service's desired count", () => {
    expect(service.values.lifecycle).toEqual({ ignore_changes: ["desired_count"] });
  });

  test(
    scheduled
      ? "schedules own min/max: the scalable target ignores them, so a night-time plan is empty and a " +
          "deploy does not restore daytime capacity"
      : "no schedules: Terraform owns min/max and puts back any drift",
    () => {
      expect(target.values.lifecycle).toEqual(scheduled ? { ignore_changes: ["min_capacity", "max_capacity"] } : undefined);
    },
  );
});

describe.each(Object.entries(app.environments))("replacements of %s do not collide", (name, stack) => {
  test("security groups and the DB parameter group are replaced create-before-destroy under a generated name, never a fixed one", () => {
    const named = [...resourcesOfType(stack, "aws_security_group"), ...resourcesOfType(stack, "aws_db_parameter_group")];
    expect(named).toHaveLength(5);
    for (const r of named) {
      expect(r.values.lifecycle).toEqual({ create_before_destroy: true });
      expect(r.values.name).toBeUndefined();
      expect(r.values.name_prefix).toMatch(new RegExp(`^news-${name}-[a-z0-9-]+-$`));
    }
  });

  test("each prefix leaves room for the 26 characters Terraform appends", () => {
    for (const type of ["aws_security_group", "aws_db_parameter_group"]) {
      for (const r of resourcesOfType(stack, type)) {
        expect(r.values.name_prefix.length + TERRAFORM_UNIQUE_SUFFIX_LENGTH).toBeLessThanOrEqual(NAME_LIMITS.generic);
      }
    }
  });
});

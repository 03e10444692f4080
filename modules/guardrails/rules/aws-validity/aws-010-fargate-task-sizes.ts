import { isFargateSize } from "../../../aws-limits";
import { perResource, type Rule, type RuleMetadata } from "../../rule";

const metadata: RuleMetadata = {
  id: "AWS-010",
  severity: "error",
  scope: "all",
  title: "Fargate tasks use a cpu/memory pair Fargate offers",
  rationale: "ECS rejects other sizes when registering the task definition.",
  fix: "Pick a pair from FARGATE_MEMORY_BY_CPU (modules/aws-limits.ts).",
};

export const AWS_010: Rule = perResource(metadata, ["aws_ecs_task_definition"], (r) =>
  (r.attrs.requires_compatibilities ?? []).includes("FARGATE") && !isFargateSize(Number(r.attrs.cpu), Number(r.attrs.memory))
    ? `cpu ${r.attrs.cpu} / memory ${r.attrs.memory} is not a Fargate size`
    : undefined,
);

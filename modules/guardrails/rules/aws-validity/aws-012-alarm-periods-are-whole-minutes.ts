import { perResource, type Rule, type RuleMetadata } from "../../rule";
import { periodsOf } from "./helpers";

const metadata: RuleMetadata = {
  id: "AWS-012",
  severity: "error",
  scope: "all",
  title: "Alarm periods are whole minutes and evaluate at most a day",
  rationale: "CloudWatch rejects periods that are not multiples of 60 (above 60 s) and evaluation windows over 24 hours.",
  fix: "Use periods of 60 s multiples; keep evaluation_periods × period ≤ 86,400.",
};

export const AWS_012: Rule = perResource(metadata, ["aws_cloudwatch_metric_alarm"], (r) => {
  const problems = periodsOf(r)
    .filter((p) => !(p % 60 === 0 || [10, 30].includes(p)))
    .map((p) => `period ${p} is not 10, 30 or a multiple of 60`);
  const longest = Math.max(...periodsOf(r), 0);
  if (longest * Number(r.attrs.evaluation_periods) > 86_400 && longest < 86_400)
    problems.push(`evaluation_periods × period = ${longest * Number(r.attrs.evaluation_periods)} s exceeds one day`);
  if (r.attrs.datapoints_to_alarm !== undefined && Number(r.attrs.datapoints_to_alarm) > Number(r.attrs.evaluation_periods))
    problems.push("datapoints_to_alarm exceeds evaluation_periods");
  return problems;
});

import { RehearsalReport, renderReport, renderTimings, reportJson, reportPassed } from "./report";

const REPORT: RehearsalReport = {
  provider: "5.100.0",
  stacks: [
    { name: "news-state", resources: 9, seconds: 61.234, drift: [], notEmulated: [] },
    { name: "news-dev", resources: 94, seconds: 120, drift: ["aws_lb.alb (update): idle_timeout"], notEmulated: ["x.y: why"] },
  ],
  lock: { passed: true },
  savedPlan: { stack: "news-dev", passed: true },
  destroy: { "news-dev": "ok" },
};

describe("rehearsal report", () => {
  it("writes exactly issue 11's JSON shape plus issue 12's savedPlan", () => {
    const json = JSON.parse(reportJson(REPORT));
    expect(Object.keys(json)).toEqual(["provider", "stacks", "lock", "savedPlan", "destroy"]);
    expect(json.savedPlan).toEqual({ stack: "news-dev", passed: true });
    expect(Object.keys(json.stacks[0])).toEqual(["name", "resources", "seconds", "drift", "notEmulated"]);
    expect(json.stacks[0]).toEqual({ name: "news-state", resources: 9, seconds: 61.2, drift: [], notEmulated: [] });
    expect(json.lock).toEqual({ passed: true });
    expect(json.destroy).toEqual({ "news-dev": "ok" });
  });

  it("fails on drift, a failed lock test, a failed saved-plan check or an unexpected destroy outcome", () => {
    const clean = { ...REPORT, stacks: [REPORT.stacks[0]] };
    expect(reportPassed(clean, { "news-dev": "ok" })).toBe(true);
    expect(reportPassed(REPORT, { "news-dev": "ok" })).toBe(false);
    expect(reportPassed({ ...clean, lock: { passed: false } }, { "news-dev": "ok" })).toBe(false);
    expect(reportPassed({ ...clean, savedPlan: { stack: "news-dev", passed: false } }, { "news-dev": "ok" })).toBe(false);
    expect(reportPassed({ ...clean, destroy: { "news-prod": "not refused" } }, { "news-prod": "refused" })).toBe(false);
  });

  it("prints one row per stack, the drift and stand-ins by name, and the provider override", () => {
    const text = renderReport(REPORT);
    expect(text).toContain("AWS provider 5.100.0 from the mirror");
    expect(text).toMatch(/news-dev\s+94\s+120\.0\s+1\s+1/);
    expect(text).toContain("drift in news-dev: aws_lb.alb (update): idle_timeout");
    expect(text).toContain("not emulated in news-dev: x.y: why");
    expect(text).toContain("saved plan on news-dev (uploaded encrypted, no secret in it; applied; a stale one refused): passed");
    expect(renderReport({ ...REPORT, savedPlan: { stack: "news-dev", passed: false } })).toContain(
      "saved plan on news-dev (uploaded encrypted, no secret in it; applied; a stale one refused): FAILED",
    );
  });

  it("sums each phase over stacks, largest first", () => {
    const text = renderTimings(
      [
        { stack: "news-dev", phase: "apply", seconds: 60 },
        { stack: "news-shared", phase: "apply", seconds: 20 },
        { stack: "news-dev", phase: "init", seconds: 10 },
      ],
      100,
    );
    const lines = text.split("\n");
    expect(lines[2]).toMatch(/^apply\s+80\.0\s+80 %$/);
    expect(lines[3]).toMatch(/^init\s+10\.0\s+10 %$/);
  });
});

import { assertEnvironmentsSynthesizeCleanly, FUZZ_SEED } from "./support/environment-fuzz";

/** 20 more synthesis runs of environment-fuzz.test.ts's property, from the next seed, on another jest worker. */
test("every valid environment synthesizes with zero guardrail errors or warnings (20 more runs)", () => {
  assertEnvironmentsSynthesizeCleanly(20, FUZZ_SEED + 1);
});

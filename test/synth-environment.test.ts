/**
 * test/support/synth-environment.ts: the infra tests' jest environment. cdktf's token stack captures
 * skip jest's source mapping (the cost); real errors keep it (what a failing test shows).
 */
test("an error's stack is source-mapped to the TypeScript line", () => {
  const error = new Error("here");
  expect(error.stack).toMatch(/synth-environment\.test\.ts:6:\d+\)/);
});

test("a stack captured on a plain object, as cdktf does at every token, gets V8's own format", () => {
  const capture = { stack: "" };
  Error.captureStackTrace(capture);
  const [header, ...frames] = capture.stack.split("\n");
  // jest's formatter would have written "Error: " (name, colon, empty message).
  expect(header).toBe("Error");
  expect(frames.length).toBeGreaterThan(0);
  expect(frames.every((frame) => frame.startsWith("    at "))).toBe(true);
});

test("cdktf's unlimited captures are formatted to the 10 innermost frames; errors keep every frame", () => {
  const previousLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = Number.MAX_SAFE_INTEGER; // as cdktf's captureStackTrace sets it
  try {
    const capture = { stack: "" };
    const deep = (depth: number): Error => {
      if (depth > 0) return deep(depth - 1);
      Error.captureStackTrace(capture, deep);
      return new Error("deep");
    };
    const error = deep(20);
    expect(capture.stack.split("\n").slice(1)).toHaveLength(10);
    expect(error.stack!.split("\n").filter((line) => line.includes("at deep")).length).toBeGreaterThan(20);
  } finally {
    Error.stackTraceLimit = previousLimit;
  }
});

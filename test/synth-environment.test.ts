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

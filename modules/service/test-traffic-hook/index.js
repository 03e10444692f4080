// ECS lifecycle hook (POST_TEST_TRAFFIC_SHIFT): smoke-tests the new revision through the ALB's test
// listener rule before any production traffic moves. FAILED makes ECS roll the deployment back.
// Plain Node.js (the Lambda runtime's fetch), no dependencies: packaged as-is by the stack.
"use strict";

const PATHS = ["/health", "/api/articles?limit=1"];

/** GETs every smoke path with the test header; returns the failures ("" list = all 2XX). */
async function smokeTest(baseUrl, header, { attempts = 5, delayMs = 3000, timeoutMs = 5000 } = {}) {
  const failures = [];
  for (const path of PATHS) {
    let last = "";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await fetch(`${baseUrl}${path}`, {
          headers: { [header.name]: header.value },
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.ok) {
          last = "";
          break;
        }
        last = `${path}: HTTP ${response.status}`;
      } catch (error) {
        last = `${path}: ${error.message}`;
      }
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    if (last) failures.push(last);
  }
  return failures;
}

exports.smokeTest = smokeTest;
/** Retries within the function's 60 s: a new target can take a few seconds to pass its first check. */
exports.retry = { attempts: 5, delayMs: 3000, timeoutMs: 5000 };

exports.handler = async (event) => {
  const header = { name: process.env.TEST_HEADER_NAME, value: process.env.TEST_HEADER_VALUE };
  const failures = await smokeTest(process.env.SERVICE_URL, header, exports.retry);
  console.log(JSON.stringify({ executionId: event && event.executionId, lifecycleStage: event && event.lifecycleStage, failures }));
  return { hookStatus: failures.length === 0 ? "SUCCEEDED" : "FAILED" };
};

/**
 * How the news-api's shutdown fits in ECS's stop timeout: after SIGTERM it keeps serving for the drain
 * window (the ALB's deregistration delay), then answers what is in flight and closes, all within
 * SHUTDOWN_TIMEOUT_MS, which leaves CLOSE_SPARE_SECONDS before SIGKILL for pools and log flushing.
 */
const CLOSE_SPARE_SECONDS = 10;
/** Seconds the service gets after its drain window to finish in-flight requests. */
const FINISH_SECONDS = 5;

/** The least stop timeout minus drain window that leaves room to finish and close. */
export const SHUTDOWN_SPARE_SECONDS = CLOSE_SPARE_SECONDS + FINISH_SECONDS;

/** The container's SHUTDOWN_TIMEOUT_MS and SHUTDOWN_DRAIN_MS for a stop timeout and drain window. */
export function shutdownEnvironment(
  stopTimeoutSeconds: number,
  drainSeconds: number,
): { SHUTDOWN_TIMEOUT_MS: string; SHUTDOWN_DRAIN_MS: string } {
  if (drainSeconds > stopTimeoutSeconds - SHUTDOWN_SPARE_SECONDS) {
    throw new RangeError(
      `drain window ${drainSeconds} s must be at most the stop timeout ${stopTimeoutSeconds} s minus ${SHUTDOWN_SPARE_SECONDS} s`,
    );
  }
  return { SHUTDOWN_TIMEOUT_MS: String((stopTimeoutSeconds - CLOSE_SPARE_SECONDS) * 1000), SHUTDOWN_DRAIN_MS: String(drainSeconds * 1000) };
}

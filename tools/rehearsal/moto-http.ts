/** Plain requests to moto over its self-signed HTTPS (the rehearsal's own certificate as the only CA). */
import { readFileSync } from "node:fs";
import { request } from "node:https";

export interface MotoEndpoint {
  readonly endpoint: string;
  /** PEM file of the certificate moto serves. */
  readonly caFile: string;
}

export interface MotoResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
}

/**
 * An Authorization header naming the test key: S3 treats requests without one as anonymous (private
 * objects answer 403); moto reads the key's account from it and, by default, checks no signature.
 */
const TEST_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0";

/** `method path` against moto as the test account; rejects on network errors. */
export function motoRequest(target: MotoEndpoint, method: string, path: string): Promise<MotoResponse> {
  return new Promise((resolve, reject) => {
    const options = { method, ca: readFileSync(target.caFile), timeout: 10000, headers: { Authorization: TEST_AUTHORIZATION } };
    const req = request(`${target.endpoint}${path}`, options, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${path}: timeout`)));
    req.on("error", reject);
    req.end();
  });
}

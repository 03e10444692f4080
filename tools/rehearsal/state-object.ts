/** Reads a state object's version and its lock file straight from moto's S3 (path style). */
import { MotoEndpoint, motoRequest } from "./moto-http";

export interface StateLocation {
  readonly moto: MotoEndpoint;
  readonly bucket: string;
  readonly key: string;
}

/** Current version id of the state object (the bucket is versioned), undefined when it does not exist. */
export async function stateVersion(location: StateLocation): Promise<string | undefined> {
  const response = await motoRequest(location.moto, "HEAD", `/${location.bucket}/${location.key}`);
  const version = response.headers["x-amz-version-id"];
  return response.status === 200 && typeof version === "string" ? version : undefined;
}

/** Whether the S3-native lock file (`<key>.tflock`) exists, i.e. some run holds the lock. */
export async function lockHeld(location: StateLocation): Promise<boolean> {
  return (await motoRequest(location.moto, "HEAD", `/${location.bucket}/${location.key}.tflock`)).status === 200;
}

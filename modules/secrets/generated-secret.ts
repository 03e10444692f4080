import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { Password } from "@cdktf/provider-random/lib/password";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { requireIntInRange } from "../validate";

export interface GeneratedSecretProps {
  /** Secret name, e.g. `news/dev/redis-auth`. */
  readonly name: string;
  readonly description: string;
  /** KMS key ARN encrypting the secret. */
  readonly kmsKeyArn: string;
  /** JSON key the value is stored under; ECS reads it as `<arn>:<jsonKey>::`. */
  readonly jsonKey: string;
  /**
   * Length of the generated value (letters and digits only: valid as a Redis AUTH token and in headers).
   * @default 64
   */
  readonly length?: number;
  /**
   * Days a deleted secret can still be restored (7–30).
   * @default 30
   */
  readonly recoveryWindowDays?: number;
}

/**
 * A random value generated once and stored in Secrets Manager as `{"<jsonKey>": "<value>"}`.
 * `random_password` keeps the value in Terraform state and regenerates it only when the resource is
 * replaced, so plans are stable; the value never appears in the synthesized JSON. Readers get the
 * secret ARN, never the value (except `value` for the one resource that must be configured with it).
 */
export class GeneratedSecret extends Construct {
  public readonly secretArn: string;
  /** The generated value, for the resource that must be configured with it (sensitive in plans). */
  public readonly value: string;

  constructor(scope: Construct, id: string, props: GeneratedSecretProps) {
    super(scope, id);
    requireIntInRange("GeneratedSecret", "length", props.length, 16, 128);
    requireIntInRange("GeneratedSecret", "recoveryWindowDays", props.recoveryWindowDays, 7, 30);
    const password = new Password(this, "value", { length: props.length ?? 64, special: false });
    const secret = new SecretsmanagerSecret(this, "secret", {
      name: props.name,
      description: props.description,
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: props.recoveryWindowDays ?? 30,
    });
    new SecretsmanagerSecretVersion(this, "version", {
      secretId: secret.id,
      secretString: Fn.jsonencode({ [props.jsonKey]: password.result }),
    });
    this.secretArn = secret.arn;
    this.value = password.result;
  }
}

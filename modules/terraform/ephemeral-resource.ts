import { TerraformElement } from "cdktf";
import { Construct } from "constructs";

export interface EphemeralResourceProps {
  /** Terraform type of the ephemeral resource, e.g. `aws_secretsmanager_random_password`. */
  readonly type: string;
  /** Its arguments, in Terraform's snake_case, exactly as they go into the JSON. */
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * An `ephemeral "<type>" "<name>"` block (Terraform ≥ 1.10). cdktf 0.21 and its provider bindings
 * have no ephemeral-resource classes, so this element emits the block itself; its logical id is
 * allocated like a resource's. Its values exist only while Terraform runs: they may feed write-only
 * arguments (`*_wo`) and provider blocks, never ordinary arguments, and are never written to state.
 * JSON synth only (the HCL renderer of cdktf 0.21 would drop the block).
 */
export class EphemeralResource extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly props: EphemeralResourceProps,
  ) {
    super(scope, id, `ephemeral.${props.type}`);
  }

  /** Terraform expression (no `${}`) of one of its attributes, for use inside a `${...}` string. */
  expression(attribute: string): string {
    return `ephemeral.${this.props.type}.${this.friendlyUniqueId}.${attribute}`;
  }

  override toTerraform(): Record<string, unknown> {
    return {
      ephemeral: {
        [this.props.type]: {
          [this.friendlyUniqueId]: { ...this.props.config, "//": this.constructNodeMetadata },
        },
      },
    };
  }
}

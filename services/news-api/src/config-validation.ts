import Ajv, { ErrorObject } from "ajv";
import envSchema from "env-schema";
import { EnvironmentValues, EnvironmentVariables, KNOWN_VARIABLES, VariableName, variableSchema } from "./config-schema";

/** Environment variables as process.env holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * env-schema's own Ajv, but without type coercion: Ajv would read "0x10" and "1e3" as whole numbers;
 * decode() types values itself, so anything else stays text and fails the schema's type.
 */
const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: false, removeAdditional: true, addUsedSchema: false });
ajv.addKeyword({ keyword: "allowed", schemaType: "string" });
ajv.addKeyword({ keyword: "secret", schemaType: "string" });
ajv.addKeyword({
  keyword: "urlSchemes",
  type: "string",
  schemaType: "array",
  validate: (schemes: string[], value: string) => URL.canParse(value) && schemes.includes(new URL(value).protocol),
});

/**
 * The known variables as the schema expects them: trimmed, blank ones unset, whole numbers and
 * true/false typed where the schema asks for them. Reads no other variable.
 */
function decode(env: Env): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of KNOWN_VARIABLES) {
    const text = env[name]?.trim();
    if (!text) continue;
    const { type } = variableSchema(name);
    if (type === "integer" && /^-?\d+$/.test(text)) input[name] = Number(text);
    else if (type === "boolean" && (text === "true" || text === "false")) input[name] = text === "true";
    else input[name] = text;
  }
  return input;
}

/** What a variable accepts, in words, from its schema. */
function allowedValues(name: VariableName): string {
  const schema = variableSchema(name);
  if (schema.allowed) return schema.allowed;
  if (schema.urlSchemes) return `a URL with scheme ${schema.urlSchemes.join(" or ")}`;
  if (schema.enum) return `one of ${(schema.enum as string[]).join(", ")}`;
  if (schema.type === "boolean") return "one of true, false";
  if (schema.type === "integer") return `a whole number from ${schema.minimum} to ${schema.maximum}`;
  if (schema.minLength) return `at least ${schema.minLength} characters`;
  return "valid";
}

/** `NAME="value": must be …`, or without the value for secrets. */
function problemOf(name: VariableName, value: string): string {
  const { secret } = variableSchema(name);
  return secret
    ? `${name}: must be ${allowedValues(name)} (value not shown: ${secret})`
    : `${name}=${JSON.stringify(value)}: must be ${allowedValues(name)}`;
}

/** The variables Ajv's errors name, once each, in schema order. */
const invalidVariables = (errors: ErrorObject[]) => [...new Set(errors.map((e) => e.instancePath.split("/")[1] as VariableName))];

export interface ValidatedEnvironment {
  /** Valid variables with defaults; an invalid one is replaced by its default, so rules across variables can still run. */
  readonly values: EnvironmentValues;
  /** Which variables were set (to anything, valid or not). */
  readonly given: ReadonlySet<VariableName>;
  /** One message per invalid variable. */
  readonly problems: string[];
}

/** Checks the known variables of `env` against the schema with env-schema; never reads process.env. */
export function validateEnvironment(env: Env): ValidatedEnvironment {
  const input = decode(env);
  const given = new Set(Object.keys(input) as VariableName[]);
  const validate = (data: Record<string, unknown>) => envSchema<EnvironmentValues>({ schema: EnvironmentVariables, data, env: false, ajv });
  try {
    return { values: validate(input), given, problems: [] };
  } catch (error) {
    const errors = (error as { errors?: ErrorObject[] }).errors;
    if (!errors) throw error;
    const invalid = invalidVariables(errors);
    const valid = Object.fromEntries(Object.entries(input).filter(([name]) => !invalid.includes(name as VariableName)));
    return { values: validate(valid), given, problems: invalid.map((name) => problemOf(name, String(env[name]).trim())) };
  }
}

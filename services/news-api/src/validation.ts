import Ajv from "ajv";
import addFormats from "ajv-formats";
import type { FastifySchemaCompiler } from "fastify";
import { componentSchemas } from "./schemas";

/**
 * Two validators: query strings and path parameters arrive as text, so they are coerced ("20" → 20);
 * JSON bodies are not, so `"title": 123` is a 400 rather than a silently stored "123". Neither strips
 * unknown properties: an unknown field is an error the client should hear about.
 */
function ajv(coerceTypes: boolean): Ajv {
  const instance = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: true, strict: false });
  addFormats(instance);
  for (const schema of componentSchemas) instance.addSchema(schema); // request bodies are `$ref`s to them
  return instance;
}

const coercing = ajv(true);
const strict = ajv(false);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === "body" ? strict : coercing).compile(schema as object);

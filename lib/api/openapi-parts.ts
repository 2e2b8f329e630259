import { z } from "zod";

/** A JSON Schema object as OpenAPI 3.1 embeds it. */
export type JsonSchema = Record<string, unknown>;

/** An OpenAPI parameter object. */
export interface Parameter {
  name: string;
  in: "query" | "path";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

const withoutDialect = (schema: JsonSchema): JsonSchema => {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
};

/**
 * The query parameters a zod object of query parameters declares, as OpenAPI parameter objects:
 * each property's input schema (what the URL carries), its description lifted to the parameter.
 */
export function queryParameters(schema: z.ZodObject): Parameter[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: "query",
      required: json.required?.includes(name) ?? false,
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

/** A path parameter from a zod schema. */
export function pathParameter(name: string, schema: z.ZodType, description: string): Parameter {
  return {
    name,
    in: "path",
    required: true,
    description,
    schema: withoutDialect(z.toJSONSchema(schema) as JsonSchema),
  };
}

/** Component schemas from named zod schemas; shared ones become `$ref`s. */
export function componentSchemas(named: Record<string, z.ZodType>): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => [id, withoutDialect(schema as JsonSchema)]),
  );
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Headers every cacheable 200 carries. */
const CACHE_HEADERS = {
  ETag: { $ref: "#/components/headers/ETag" },
  "Last-Modified": { $ref: "#/components/headers/Last-Modified" },
  "Cache-Control": { $ref: "#/components/headers/Cache-Control" },
};

/** A 200 with a body of `contentType` (schema `schema`) and the caching headers. */
export function ok(description: string, contentType: string, schema: JsonSchema) {
  return { description, headers: CACHE_HEADERS, content: { [contentType]: { schema } } };
}

/** The error responses an operation can give, by status. */
export function errors(...statuses: (304 | 400 | 401 | 404 | 409 | 429 | 503)[]) {
  const refs: Record<string, { $ref: string }> = {};
  for (const status of statuses) refs[String(status)] = { $ref: `#/components/responses/${status}` };
  return refs;
}

const errorBody = (description: string) => ({
  description,
  content: { "application/json": { schema: ref("Error") } },
});

/** The shared responses and headers of `components`. */
export const SHARED_COMPONENTS = {
  responses: {
    "304": {
      description:
        "Not Modified: the client's copy (If-None-Match, else If-Modified-Since) is current; no body",
    },
    "400": errorBody("A parameter is invalid; `error.parameter` names it and the message the rule it broke"),
    "401": errorBody("Missing or wrong `Authorization: Bearer <CRON_SECRET>`"),
    "404": errorBody("Unknown feed (`error.valid` lists the feeds) or paper"),
    "409": errorBody("Another refresh is running"),
    "429": errorBody(
      "This client asked for too many personal feeds or filtered pages that had to be ranked anew; retry after `Retry-After` seconds (304s and repeated queries are not counted)",
    ),
    "503": errorBody("The store is unreachable; retry after `Retry-After` seconds"),
  },
  headers: {
    ETag: {
      description: "Strong validator from the snapshot version and the query",
      schema: { type: "string" },
    },
    "Last-Modified": { description: "When the snapshot was published", schema: { type: "string" } },
    "Cache-Control": {
      description:
        "Browsers revalidate (max-age=0); Vercel's CDN keeps the response until the next expected refresh",
      schema: { type: "string" },
    },
  },
  securitySchemes: {
    cronSecret: { type: "http", scheme: "bearer", description: "The deployment's CRON_SECRET" },
  },
};

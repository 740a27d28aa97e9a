/** The part of an OpenAPI 3 schema the fuzz reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  nullable?: boolean;
}

export interface QueryParameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

/** One operation of a service's OpenAPI document, its references resolved. */
export interface Operation {
  service: string;
  method: string;
  /** The template, e.g. `/v1/offers/{id}`. */
  path: string;
  pathParameters: string[];
  query: QueryParameter[];
  headers: string[];
  body?: JsonSchema;
  secured: boolean;
}

interface OpenApiParameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Replaces every `$ref` by the schema it names (the services' DTOs hold no cycles). */
function resolve(schema: JsonSchema, doc: OpenApiDocument): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc.components?.schemas?.[name] ?? {}, doc);
  }
  return {
    ...schema,
    ...(schema.items ? { items: resolve(schema.items, doc) } : {}),
    ...(schema.properties
      ? {
          properties: Object.fromEntries(
            Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, doc)]),
          ),
        }
      : {}),
  };
}

/**
 * Every operation a service documents at `/docs-json` (Swagger's JSON beside the UI at /docs).
 * Path parameters come from the template: the services declare them by DTO, not in the document.
 */
export async function fetchOperations(service: string, baseUrl: string): Promise<Operation[]> {
  const response = await fetch(`${baseUrl}/docs-json`);
  if (!response.ok) throw new Error(`${service}: GET /docs-json answered ${response.status}`);
  const doc = (await response.json()) as OpenApiDocument;
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const parameters = op.parameters ?? [];
      const body = op.requestBody?.content?.['application/json']?.schema;
      return {
        service,
        method: method.toUpperCase(),
        path,
        pathParameters: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({
            name: p.name,
            required: p.required === true,
            schema: resolve(p.schema ?? {}, doc),
          })),
        headers: parameters.filter((p) => p.in === 'header').map((p) => p.name),
        ...(body ? { body: resolve(body, doc) } : {}),
        secured: (op.security ?? []).length > 0,
      };
    }),
  );
}

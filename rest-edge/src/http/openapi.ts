import { ERROR_CATALOG } from '@paygate/chassis';
import { z } from 'zod';
import { DEFAULT_STRIPE_API_VERSION } from '../env';
import { paymentIntentObject } from '../objects/payment-intent';
import { paymentMethodObject } from '../objects/payment-method';
import stripeSchemaFile from '../objects/stripe-schemas.json';
import type { StripeObject } from '../objects/stripe-object';
import { IDEMPOTENCY_KEY_MAX_LENGTH } from './idempotency';
import { wireSchemas } from './params';
import type { DescribedRoute } from './route-table';

/**
 * The OpenAPI 3.1 document of the REST edge, generated from the route table — never written by hand.
 * Each route gives one operation: its path (`:id` → `{id}`), its params (zod → JSON Schema: the query
 * string for GET and DELETE, a form-encoded or JSON body for POST), and its response (the Stripe
 * object its renderer names, described with Stripe's own property list from
 * `objects/stripe-schemas.json` where that list has the object, or a list/search envelope of them).
 * Every error is Stripe's `{error: {...}}` with a status from the error catalog. Served at
 * `GET /openapi.json`; `pnpm openapi` writes docs/openapi.json, which a unit test keeps current.
 */

type JsonSchema = Record<string, unknown>;

/** Stripe's property list per object (a copy of Stripe's spec): `type` is e.g. 'string', 'integer', 'string|object'. */
interface StripeSchema {
  object: string | null;
  required?: string[];
  properties: Record<string, { type: string; nullable: boolean }>;
}
const STRIPE_SCHEMAS = stripeSchemaFile as unknown as Record<string, StripeSchema | undefined>;

const ERROR_RESPONSE = { $ref: '#/components/responses/error' };

/** The params schema as JSON Schema, as a client sends it (zod's input side; custom checks described by `wireSchemas`). */
export function paramsJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    // Reused schemas inline; a recursive one becomes `$defs` + `$ref`, which hoistDefs moves into components.
    reused: 'inline',
    override: (ctx) => {
      const described = wireSchemas.get(ctx.zodSchema);
      if (!described) return;
      const target = ctx.jsonSchema as JsonSchema;
      for (const key of Object.keys(target)) delete target[key];
      Object.assign(target, described.jsonSchema);
    },
  }) as JsonSchema;
  delete json.$schema;
  return emptyUnsets(json) as JsonSchema;
}

/**
 * A `$ref` inside an OpenAPI document resolves against the document, not the schema it sits in: a
 * recursive params schema's `$defs` (and a `$ref: '#'` to its own root) move to components.schemas
 * under `<prefix>.<name>` (and `<prefix>`).
 */
export function hoistDefs(json: JsonSchema, prefix: string, components: Record<string, JsonSchema>): JsonSchema {
  const { $defs, ...root } = json as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const selfReference = JSON.stringify(root).includes('"$ref":"#"');
  if (!$defs && !selfReference) return json;
  const target = (ref: string) => `#/components/schemas/${prefix}${ref === '#' ? '' : `.${ref.slice('#/$defs/'.length)}`}`;
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' && value.startsWith('#') ? target(value) : rewrite(value)]));
  };
  for (const [name, def] of Object.entries($defs ?? {})) components[`${prefix}.${name}`] = rewrite(def) as JsonSchema;
  const rewritten = rewrite(root) as JsonSchema;
  if (!selfReference) return rewritten;
  components[prefix] = rewritten;
  return { $ref: target('#') };
}

/**
 * `null` in a params schema is how '' arrives (`metadata=` clears, `shipping=` unsets): Stripe's spec
 * writes it as the empty string, which is what a form can send (a JSON body may also send null).
 */
function emptyUnsets(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(emptyUnsets);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'anyOf' && Array.isArray(value)) {
      out[key] = value.map((option) => (isNullSchema(option) ? { type: 'string', enum: [''] } : emptyUnsets(option)));
    } else out[key] = emptyUnsets(value);
  }
  return out;
}

function isNullSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as JsonSchema).type === 'null' && Object.keys(schema).length === 1;
}

/** Objects and arrays travel as `metadata[key]=…`, `expand[]=…`: OpenAPI's deepObject style. */
function isNested(schema: JsonSchema): boolean {
  if (schema.type === 'object' || schema.type === 'array') return true;
  return Array.isArray(schema.anyOf) && (schema.anyOf as JsonSchema[]).some(isNested);
}

const pascal = (text: string) =>
  text
    .split(/[_.\-]/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

const singular = (word: string) => (word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.endsWith('s') ? word.slice(0, -1) : word);

/**
 * Stripe's operationId style: the method, then each segment after /v1; an `:id` segment is named after
 * the collection before it (GET /v1/customers/:id → GetCustomersCustomer), any other parameter by its
 * own name (/v1/accounts/:account/external_accounts → PostAccountsAccountExternalAccounts).
 */
export function operationId(method: string, path: string): string {
  const segments = path.split('/').filter(Boolean).slice(1);
  const words = segments.map((segment, i) => {
    if (!segment.startsWith(':')) return pascal(segment);
    const name = segment.slice(1);
    const before = segments[i - 1];
    return name === 'id' && before && !before.startsWith(':') ? pascal(singular(before)) : pascal(name);
  });
  return `${pascal(method)}${words.join('')}`;
}

/** Express's `/v1/customers/:id` → OpenAPI's `/v1/customers/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const pathParamNames = (path: string) => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);

/** Builds components.schemas for the objects the routes answer with (and those their expandable properties expand into). */
class ObjectSchemas {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly expandables = new Map<string, Set<string>>();

  /** The component a Stripe object module is described by; a `$ref` to it. */
  ref(object: StripeObject<unknown>): JsonSchema {
    return { $ref: `#/components/schemas/${this.add(object)}` };
  }

  private add(object: StripeObject<unknown>): string {
    if (object.name === 'list') return this.addList();
    const name = object.deleted ? `deleted_${object.name}` : object.name;
    // Two modules may render one Stripe object (a charge just created, a webhook endpoint with its secret).
    const known = this.expandables.get(name);
    const fresh = Object.keys(object.expandable).filter((property) => !known?.has(property));
    if (known && fresh.length === 0) return name;
    const expandables = known ?? new Set<string>();
    this.expandables.set(name, expandables);
    // Marked before recursing: objects expand into each other (charge → payment_intent → latest_charge).
    for (const property of fresh) expandables.add(property);
    if (!known) this.schemas[name] = object.deleted ? deletedSchema(object.name) : objectSchema(object.name);
    const schema = this.schemas[name]!;
    const properties = schema.properties as Record<string, JsonSchema>;
    for (const property of fresh) {
      const nullable = STRIPE_SCHEMAS[object.name]?.properties[property]?.nullable ?? true;
      const target = this.ref(object.expandable[property]!.object());
      properties[property] = { anyOf: [{ type: 'string' }, target, ...(nullable ? [{ type: 'null' }] : [])], description: `The id, or the object with \`expand[]=${property}\`.` };
    }
    schema['x-expandableFields'] = [...expandables].sort();
    return name;
  }

  /** A list embedded in an object (a session's line_items): Stripe's list envelope. */
  private addList(): string {
    this.schemas.list ??= listSchema({ type: 'object' }, 'list');
    return 'list';
  }
}

/** Stripe's property types → JSON Schema (3.1: `null` is a type). */
function propertySchema(property: { type: string; nullable: boolean }): JsonSchema {
  const types = property.type.split('|');
  if (types.length === 1 && !property.nullable) return { type: types[0] };
  return { type: property.nullable ? [...types, 'null'] : types };
}

function objectSchema(name: string): JsonSchema {
  const stripe = STRIPE_SCHEMAS[name];
  const properties: Record<string, JsonSchema> = {};
  if (stripe) {
    for (const [property, described] of Object.entries(stripe.properties).sort(([a], [b]) => a.localeCompare(b))) properties[property] = propertySchema(described);
  } else properties.id = { type: 'string' };
  properties.object = { type: 'string', enum: [name] };
  return {
    type: 'object',
    title: name,
    description: stripe
      ? `Stripe's \`${name}\` object (API version ${DEFAULT_STRIPE_API_VERSION}).`
      : `Stripe's \`${name}\` object (API version ${DEFAULT_STRIPE_API_VERSION}); its properties are in Stripe's API reference (only id and object listed here).`,
    properties,
    required: stripe?.required?.filter((key) => key in properties).sort() ?? ['id', 'object'],
  };
}

function deletedSchema(name: string): JsonSchema {
  return {
    type: 'object',
    title: `deleted_${name}`,
    description: `A deleted \`${name}\`.`,
    properties: { deleted: { type: 'boolean', enum: [true] }, id: { type: 'string' }, object: { type: 'string', enum: [name] } },
    required: ['deleted', 'id', 'object'],
  };
}

function listSchema(items: JsonSchema, title: string): JsonSchema {
  return {
    type: 'object',
    title,
    properties: {
      object: { type: 'string', enum: ['list'] },
      data: { type: 'array', items },
      has_more: { type: 'boolean' },
      url: { type: 'string' },
    },
    required: ['data', 'has_more', 'object', 'url'],
  };
}

function searchSchema(items: JsonSchema, title: string): JsonSchema {
  return {
    type: 'object',
    title,
    properties: {
      object: { type: 'string', enum: ['search_result'] },
      data: { type: 'array', items },
      has_more: { type: 'boolean' },
      next_page: { type: ['string', 'null'] },
      url: { type: 'string' },
    },
    required: ['data', 'has_more', 'next_page', 'object', 'url'],
  };
}

/** Stripe's error body; `type` and the statuses come from the catalog every error goes through. */
function errorSchema(): JsonSchema {
  const types = [...new Set(Object.values(ERROR_CATALOG).map((entry) => entry.type))].sort();
  return {
    type: 'object',
    title: 'error',
    description: "Stripe's error body: `type` says which kind, `code` which error (with `doc_url`), `param` which parameter.",
    properties: {
      error: {
        type: 'object',
        properties: {
          type: { type: 'string', enum: types },
          code: { type: 'string' },
          decline_code: { type: 'string' },
          message: { type: 'string' },
          param: { type: 'string' },
          charge: { type: 'string' },
          doc_url: { type: 'string' },
          request_log_url: { type: 'string' },
          payment_intent: { $ref: '#/components/schemas/payment_intent' },
          payment_method: { $ref: '#/components/schemas/payment_method' },
        },
        required: ['message', 'type'],
      },
    },
    required: ['error'],
  };
}

const ERROR_STATUSES = [...new Set(Object.values(ERROR_CATALOG).map((entry) => entry.status))].filter((status) => status >= 400).sort((a, b) => a - b);

function operation(r: DescribedRoute, objects: ObjectSchemas): JsonSchema {
  const id = operationId(r.method, r.path);
  const params = hoistDefs(paramsJsonSchema(r.params), `${id}Params`, objects.schemas);
  const resolved = params.$ref ? objects.schemas[`${id}Params`]! : params;
  const properties = (resolved.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((resolved.required ?? []) as string[]);
  const parameters: JsonSchema[] = pathParamNames(r.path).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' }, style: 'simple' }));
  const op: JsonSchema = { operationId: id, tags: [r.object.name] };
  const access =
    r.publishable === true
      ? 'A secret or a publishable key may call it.'
      : r.publishable === 'client_secret'
        ? 'A secret key, or a publishable key together with the client_secret.'
        : 'A secret key only (a publishable key gets 403).';
  op.description = access;
  if (r.method === 'post') {
    parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
    const encoding = Object.fromEntries(Object.entries(properties).filter(([, schema]) => isNested(schema)).map(([name]) => [name, { style: 'deepObject', explode: true }]));
    op.requestBody = {
      required: required.size > 0,
      description: "Form-encoded as Stripe's SDKs send it (nested with brackets: `metadata[key]=value`, `expand[]=…`), or the same params as a JSON object. '' unsets an optional field.",
      content: {
        'application/x-www-form-urlencoded': { schema: params, ...(Object.keys(encoding).length ? { encoding } : {}) },
        'application/json': { schema: params },
      },
    };
  } else {
    for (const [name, schema] of Object.entries(properties)) {
      parameters.push({ name, in: 'query', required: required.has(name), schema, ...(isNested(schema) ? { style: 'deepObject', explode: true } : {}) });
    }
  }
  if (parameters.length) op.parameters = parameters;
  const item = objects.ref(r.object);
  const title = pascal(r.object.name);
  const body = r.shape === 'list' ? listSchema(item, `${title}List`) : r.shape === 'search' ? searchSchema(item, `${title}SearchResult`) : item;
  op.responses = {
    '200': { description: 'Successful response.', content: { 'application/json': { schema: body } } },
    ...Object.fromEntries(ERROR_STATUSES.map((status) => [String(status), ERROR_RESPONSE])),
  };
  return op;
}

/** The whole document, paths in alphabetical order (so a diff of docs/openapi.json shows only real changes). */
export function openApiDocument(routes: readonly DescribedRoute[]): JsonSchema {
  const objects = new ObjectSchemas();
  // The objects a card error carries (error.payment_intent, error.payment_method).
  objects.ref(paymentIntentObject);
  objects.ref(paymentMethodObject);
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const ids = new Set<string>();
  const sorted = [...routes].sort((a, b) => openApiPath(a.path).localeCompare(openApiPath(b.path)) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method));
  for (const r of sorted) {
    const path = openApiPath(r.path);
    const op = operation(r, objects);
    if (paths[path]?.[r.method]) throw new Error(`two routes for ${r.method.toUpperCase()} ${r.path}`);
    if (ids.has(op.operationId as string)) throw new Error(`operationId ${String(op.operationId)} is not unique`);
    ids.add(op.operationId as string);
    (paths[path] ??= {})[r.method] = op;
  }
  const schemas = { ...objects.schemas, error: errorSchema() };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Paygate API',
      version: DEFAULT_STRIPE_API_VERSION,
      summary: 'A Stripe-compatible payment gateway: the REST edge.',
      description:
        "Stripe's REST wire format: authenticate with the secret key as the HTTP Basic username (no password) or as a Bearer token; " +
        'send params form-encoded (or as JSON); answers are Stripe objects as JSON. A POST with `Idempotency-Key` runs once. ' +
        'Generated from the edge’s route table (rest-edge/src/routes.ts) by `pnpm openapi`; do not edit.',
    },
    servers: [
      { url: '/', description: 'The edge that serves this document.' },
      { url: 'http://127.0.0.1:4000', description: 'A local `pnpm start`.' },
    ],
    security: [{ basicAuth: [] }, { bearerAuth: [] }],
    tags: [...new Set(sorted.map((r) => r.object.name))].sort().map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Runs the request at most once per key and account (24 hours); a retry replays the first outcome with `Idempotent-Replayed: true`.',
          schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_LENGTH },
        },
      },
      responses: {
        error: { description: 'Error response.', content: { 'application/json': { schema: { $ref: '#/components/schemas/error' } } } },
      },
      securitySchemes: {
        basicAuth: {
          type: 'http',
          scheme: 'basic',
          description: 'The secret key (sk_test_…) as the username, no password: `Authorization: Basic <base64 of "sk_test_…:">`.',
        },
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'auth-scheme',
          description: 'The secret key (or, where an operation allows it, the publishable key) as a bearer token: `Authorization: Bearer sk_test_…`.',
        },
      },
    },
  };
}

const METHODS: readonly string[] = ['get', 'post', 'delete'];

/** The document as the text `GET /openapi.json` serves and docs/openapi.json holds. */
export function openApiJson(routes: readonly DescribedRoute[]): string {
  return `${JSON.stringify(openApiDocument(routes), null, 2)}\n`;
}

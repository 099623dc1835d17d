import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OPENAPI_FILE } from '../openapi-cli';
import { accountRoutes } from '../resources/account';
import { API_ROUTES, ROUTES } from '../routes';
import { openApiDocument, openApiJson, openApiPath, operationId, paramsJsonSchema } from './openapi';
import { customerObject } from '../objects/customer';
import { form } from './params';
import type { DescribedRoute } from './route-table';

type Doc = {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string }> };
};
type Operation = {
  operationId: string;
  parameters?: { name?: string; in?: string; required?: boolean; $ref?: string }[];
  requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> }; encoding?: Record<string, unknown> }> };
  responses: Record<string, { content?: { 'application/json': { schema: Record<string, unknown> } }; $ref?: string }>;
};

const doc = openApiDocument(API_ROUTES) as unknown as Doc;

/**
 * The OpenAPI 3.1 schema check runs in a child process: the validator is an ES module, which jest's
 * CommonJS runtime cannot load on Node 20. The document goes in on stdin, the result comes out as JSON.
 */
function validateOpenApi(document: unknown): { valid: boolean; errors?: unknown; version?: string } {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(text));
    process.stdout.write(JSON.stringify({ valid: result.valid, errors: result.errors, version: validator.version }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.join(__dirname, '..', '..'), // rest-edge/, where the validator is installed
    input: JSON.stringify(document),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`the validator did not run: ${run.stderr}`);
  return JSON.parse(run.stdout) as { valid: boolean; errors?: unknown; version?: string };
}

describe('the OpenAPI document', () => {
  it('docs/openapi.json is the current document (run pnpm openapi when this fails)', () => {
    const published = fs.existsSync(OPENAPI_FILE) ? fs.readFileSync(OPENAPI_FILE, 'utf8') : '(missing)';
    const current = openApiJson(API_ROUTES);
    if (published !== current) {
      const [was, now] = [published.split('\n'), current.split('\n')];
      const line = was.findIndex((text, i) => text !== now[i]);
      throw new Error(`docs/openapi.json is stale: run pnpm openapi (it is generated from rest-edge/src/routes.ts and the params schemas). First difference at line ${line + 1}: ${JSON.stringify(was[line])} → ${JSON.stringify(now[line])}`);
    }
  });

  it('has exactly one operation per route, and a route for every operation', () => {
    const operations = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${p}`));
    const routes = API_ROUTES.map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`);
    expect(new Set(routes).size).toBe(routes.length);
    expect([...operations].sort()).toEqual([...routes].sort());
    // The table itself, and the account routes the edge mounts by hand, are all there.
    expect(API_ROUTES).toHaveLength(ROUTES.length + accountRoutes.length);
    for (const r of ROUTES) expect(doc.paths[openApiPath(r.path)]?.[r.method]?.operationId).toBe(operationId(r.method, r.path));
    const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is a valid OpenAPI 3.1 document', () => {
    const result = validateOpenApi(doc);
    expect(result.errors).toBeUndefined();
    expect(result).toMatchObject({ valid: true, version: '3.1' });
  });

  it('the validator catches a broken document', () => {
    const broken = JSON.parse(JSON.stringify(doc)) as Doc;
    (broken.paths['/v1/customers']!.get as unknown as Record<string, unknown>).responses = 'none';
    expect(validateOpenApi(broken).valid).toBe(false);
  });

  it('describes params from the zod schemas: body, query and path', () => {
    const create = doc.paths['/v1/customers']!.post!;
    expect(create.operationId).toBe('PostCustomers');
    for (const type of ['application/x-www-form-urlencoded', 'application/json']) {
      expect(create.requestBody!.content[type]!.schema.properties.email).toEqual({ type: 'string' });
    }
    const form = create.requestBody!.content['application/x-www-form-urlencoded']!;
    expect(form.encoding!.metadata).toEqual({ style: 'deepObject', explode: true });
    expect(form.schema.properties.metadata).toEqual({
      anyOf: [{ type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'string' } }, { type: 'string', enum: [''] }],
    });
    expect(create.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });

    const list = doc.paths['/v1/customers']!.get!;
    expect(list.requestBody).toBeUndefined();
    expect(list.parameters).toContainEqual(expect.objectContaining({ name: 'limit', in: 'query', required: false, schema: expect.objectContaining({ type: 'integer' }) }));

    const retrieve = doc.paths['/v1/customers/{id}']!.get!;
    expect(retrieve.operationId).toBe('GetCustomersCustomer');
    expect(retrieve.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true }));
    expect(doc.paths['/v1/customers/{id}/balance_transactions/{transaction}']!.get!.operationId).toBe('GetCustomersCustomerBalanceTransactionsTransaction');
    expect(doc.paths['/v1/customers/search']!.get!.parameters).toContainEqual(expect.objectContaining({ name: 'query', in: 'query', required: true }));
  });

  it('describes responses: the object, list and search envelopes, deleted objects, Stripe errors', () => {
    const schemaOf = (p: string, method: string) => doc.paths[p]![method]!.responses['200']!.content!['application/json'].schema;
    expect(schemaOf('/v1/customers/{id}', 'get')).toEqual({ $ref: '#/components/schemas/customer' });
    expect(schemaOf('/v1/customers/{id}', 'delete')).toEqual({ $ref: '#/components/schemas/deleted_customer' });
    expect(schemaOf('/v1/customers', 'get')).toMatchObject({ properties: { object: { enum: ['list'] }, data: { items: { $ref: '#/components/schemas/customer' } } } });
    expect(schemaOf('/v1/customers/search', 'get')).toMatchObject({ properties: { object: { enum: ['search_result'] } } });
    const customer = doc.components.schemas.customer as { properties: Record<string, unknown>; required: string[] };
    expect(customer.properties.email).toEqual({ type: ['string', 'null'] });
    expect(customer.properties.object).toEqual({ type: 'string', enum: ['customer'] });
    expect(customer.required).toEqual(expect.arrayContaining(['id', 'object']));
    const charge = doc.components.schemas.charge as { properties: Record<string, unknown>; 'x-expandableFields': string[] };
    expect(charge['x-expandableFields']).toEqual(expect.arrayContaining(['balance_transaction', 'customer', 'payment_intent']));
    expect(charge.properties.customer).toMatchObject({ anyOf: [{ type: 'string' }, { $ref: '#/components/schemas/customer' }, { type: 'null' }] });
    for (const status of ['400', '401', '402', '404', '409', '429']) expect(doc.paths['/v1/charges']!.post!.responses[status]).toEqual({ $ref: '#/components/responses/error' });
    expect(doc.components.schemas.error).toMatchObject({ required: ['error'], properties: { error: { properties: { type: { enum: expect.arrayContaining(['card_error', 'invalid_request_error']) } } } } });
  });

  it('info, servers and Stripe’s two ways to send the key', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(doc.components.securitySchemes.basicAuth).toMatchObject({ type: 'http', scheme: 'basic' });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('a recursive params schema still gives a valid document: its definitions move to components', () => {
    const node: z.ZodType = z.lazy(() => z.strictObject({ name: z.string(), children: z.array(node).optional() }));
    const self: z.ZodType = z.strictObject({ name: z.string(), get child() { return self.optional(); } });
    const routes: DescribedRoute[] = [
      { method: 'post', path: '/v1/trees', params: z.strictObject({ tree: node.optional() }), object: customerObject },
      { method: 'get', path: '/v1/trees/:id', params: self, object: customerObject },
    ];
    const recursive = openApiDocument(routes) as unknown as Doc;
    expect(JSON.stringify(recursive)).not.toContain('$defs');
    expect(recursive.components.schemas['PostTreesParams.__schema0']).toMatchObject({ properties: { children: { items: { $ref: '#/components/schemas/PostTreesParams.__schema0' } } } });
    expect(recursive.paths['/v1/trees/{id}']!.get!.parameters).toContainEqual(expect.objectContaining({ name: 'child', schema: { $ref: '#/components/schemas/GetTreesTreeParams' } }));
    expect(validateOpenApi(recursive)).toMatchObject({ valid: true });
  });

  it('turns every params helper into JSON Schema without throwing (transforms, preprocess, custom checks)', () => {
    const schema = paramsJsonSchema(
      z.strictObject({
        amount: form.amount(),
        count: form.integer().optional(),
        card: form.cardNumber(),
        on: form.boolean().optional(),
        created: form.range().optional(),
        metadata: form.metadata().optional(),
        expand: form.expand().optional(),
        description: form.nullableString().optional(),
      }),
    );
    expect(schema).toMatchObject({
      type: 'object',
      required: ['amount', 'card'],
      additionalProperties: false,
      properties: {
        amount: { type: 'integer', maximum: 99_999_999 },
        count: { type: 'integer' },
        card: { type: 'string' },
        on: { type: 'boolean' },
        created: { anyOf: [{ type: 'integer' }, { type: 'object', properties: { gte: { type: 'integer' } } }] },
        expand: { type: 'array', items: { type: 'string' } },
        description: { type: 'string' },
      },
    });
    expect(schema.$schema).toBeUndefined();
    // Every params schema in the table converts, and none leaves a param undescribed ({}).
    for (const r of API_ROUTES) {
      const properties = (paramsJsonSchema(r.params).properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [name, property] of Object.entries(properties)) expect([`${r.method} ${r.path} ${name}`, Object.keys(property).length > 0]).toEqual([`${r.method} ${r.path} ${name}`, true]);
    }
  });
});

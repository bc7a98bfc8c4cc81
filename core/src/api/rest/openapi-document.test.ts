import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../router.ts';
import { openApiDocument } from './openapi-document.ts';

const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })._def.procedures,
).map(([path, procedure]) => ({ path, type: procedure._def.type }));

type Operation = {
  operationId: string;
  tags: string[];
  description: string;
  parameters?: { name: string; in: string; schema?: unknown; content?: unknown }[];
  requestBody?: unknown;
  responses: Record<string, { content: Record<string, unknown> }>;
};
const document = openApiDocument() as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has an operation for every procedure of the router: queries GET and POST, mutations POST, streams GET', () => {
    expect(procedures.length).toBeGreaterThan(100);
    const operationIds = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    for (const { path, type } of procedures) {
      const item = document.paths[`/api/v1/${path.replace('.', '/')}`];
      expect(item, path).toBeDefined();
      const methods = Object.keys(item ?? {}).sort();
      expect(methods, path).toEqual(type === 'query' ? ['get', 'post'] : type === 'mutation' ? ['post'] : ['get']);
      expect(operationIds).toContain(path);
      if (type === 'query') expect(item?.post?.operationId).toBe(`${path}.post`);
    }
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it('takes query parameters from the zod input, objects as JSON text, and the same schema as the POST body', () => {
    const get = document.paths['/api/v1/dataSources/query']?.get as Operation;
    const byName = Object.fromEntries((get.parameters ?? []).map((parameter) => [parameter.name, parameter]));
    expect(byName.dataSource).toMatchObject({ in: 'query', required: true, schema: { type: 'string' } });
    expect(byName.params).toMatchObject({ content: { 'application/json': { schema: { type: 'object' } } } });
    expect(byName.maxPoints).toMatchObject({ schema: { type: 'integer' } });
    const post = document.paths['/api/v1/dashboards/create']?.post as Operation;
    expect(post.requestBody).toMatchObject({ required: true, content: { 'application/json': { schema: {} } } });
    expect(get.tags).toEqual(['dataSources']);
  });

  it('names the role each procedure needs, and marks login-free ones', () => {
    expect(document.paths['/api/v1/users/list']?.get?.description).toContain('Needs the admin role');
    expect(document.paths['/api/v1/dashboards/create']?.post?.description).toContain('Needs the editor role');
    expect(document.paths['/api/v1/dashboards/list']?.get?.description).toContain('Needs the viewer role');
    const login = document.paths['/api/v1/auth/login']?.post as Operation & { security: unknown[] };
    expect(login.description).toContain('No login needed');
    expect(login.security).toContainEqual({});
  });

  it('describes errors with one Error schema, the two ways to authenticate, and the streams', () => {
    const list = document.paths['/api/v1/dashboards/list']?.get as Operation;
    expect(list.responses['401']?.content['application/json']).toEqual({ schema: { $ref: '#/components/schemas/Error' } });
    expect(Object.keys(document.components.schemas)).toEqual(['Error']);
    expect(document.components.securitySchemes).toMatchObject({
      apiKey: { type: 'http', scheme: 'bearer' },
      session: { type: 'apiKey', in: 'cookie', name: 'nautilus_session' },
    });
    const watch = document.paths['/api/v1/deployments/watch']?.get as Operation;
    expect(Object.keys(watch.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
    expect(document).toMatchObject({ 'x-websocket': { path: '/live', docs: 'docs/streams.md' } });
  });
});

import { ErrorCode } from '@nautilus/sdk';
import { ROLES } from '../../db/tables.ts';
import { CORE_VERSION } from '../../version.ts';
import { SESSION_COOKIE } from '../context.ts';
import { type JsonSchema, PROCEDURES, type ProcedureEntry, restPath } from './procedure-catalog.ts';
import { takesString } from './query-params.ts';

const STREAMS_DOC = 'docs/streams.md';

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'Every error answer: the same fields /trpc gives in error.data.nautilus.',
  required: ['code', 'message', 'fields', 'details', 'requestId'],
  properties: {
    code: { type: 'string', enum: Object.values(ErrorCode) },
    message: { type: 'string', description: 'What went wrong and what to do.' },
    fields: {
      type: 'array',
      description: 'One entry per refused input field (VALIDATION).',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string', examples: ['panels[0].gridPos.w'] }, message: { type: 'string' } },
      },
    },
    details: { type: 'object', additionalProperties: true, description: 'e.g. retryAfterSeconds for RATE_LIMITED.' },
    requestId: {
      type: ['string', 'null'],
      description:
        'The request id, as in the x-request-id response header and the server log (null only for an answer given before the server was ready).',
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const ERROR_RESPONSES = {
  '400': errorResponse('VALIDATION (and other refused input): `fields` names each bad field.'),
  '401': errorResponse('UNAUTHORIZED: no valid session cookie or API key.'),
  '403': errorResponse('FORBIDDEN: the role is too low, or a cross-origin write.'),
  '404': errorResponse('NOT_FOUND'),
  '429': errorResponse('RATE_LIMITED: retry after details.retryAfterSeconds (also the Retry-After header).'),
  default: errorResponse('Any other error (CONFLICT 409, INTERNAL 500, DATA_SOURCE_ERROR 502, UNAVAILABLE 503, …).'),
};

const ANY_JSON: JsonSchema = {
  description: 'The procedure declares no output schema: any JSON. Its TypeScript type is the router type (AppRouter).',
};

function roleText(entry: ProcedureEntry): string {
  if (entry.role === null) return 'No login needed (the procedure may still check the caller).';
  const roles = ROLES.slice(ROLES.indexOf(entry.role));
  return `Needs the ${entry.role} role or higher (${roles.join(', ')}).`;
}

/** Whether a property is sent as JSON text in the query string (an object or array). */
function isJsonParameter(schema: unknown): boolean {
  if (takesString(schema)) return false;
  const { type, anyOf, oneOf } = schema as JsonSchema;
  const types = [type, ...[anyOf, oneOf].flatMap((list) => (Array.isArray(list) ? list.map((item) => item?.type) : []))];
  return types.flat().some((kind) => kind === 'object' || kind === 'array');
}

function queryParameters(input: JsonSchema | undefined): unknown[] {
  if (input?.type !== 'object') return [];
  const required = new Set((input.required as string[] | undefined) ?? []);
  return Object.entries((input.properties ?? {}) as Record<string, JsonSchema>).map(([name, schema]) =>
    isJsonParameter(schema)
      ? {
          name,
          in: 'query',
          required: required.has(name),
          description: 'JSON text.',
          content: { 'application/json': { schema } },
        }
      : { name, in: 'query', required: required.has(name), schema },
  );
}

function requestBody(entry: ProcedureEntry): unknown {
  if (entry.input === undefined) return undefined;
  const description = entry.inputUnrepresentable
    ? 'The input, as JSON (its schema cannot be written as JSON Schema; see the router types).'
    : 'The input, as JSON.';
  const optional = entry.input.type === 'object' && !((entry.input.required as unknown[] | undefined)?.length ?? 0);
  return { required: !optional, description, content: { 'application/json': { schema: entry.input } } };
}

function operation(entry: ProcedureEntry, method: 'get' | 'post'): Record<string, unknown> {
  const [area = entry.path] = entry.path.split('.');
  const stream = entry.type === 'subscription';
  const how =
    entry.type === 'query'
      ? method === 'get'
        ? 'Query: input as query parameters (objects and arrays as JSON text). The same call as POST takes a JSON body.'
        : 'Query with the input as a JSON body (for big inputs); the same answer as GET.'
      : stream
        ? `Stream: server-sent events, each \`data: <json>\` one event; a failure after the first event is sent as \`event: error\` with an Error body. See ${STREAMS_DOC}.`
        : 'Mutation: input as a JSON body.';
  const success = stream
    ? {
        description: 'A stream of server-sent events.',
        content: { 'text/event-stream': { schema: { type: 'string', description: 'Each event is `data: <json>`.' } } },
      }
    : {
        description: 'The output of the procedure, as JSON (no envelope).',
        content: { 'application/json': { schema: entry.output ?? ANY_JSON } },
      };
  const op: Record<string, unknown> = {
    operationId: entry.type === 'query' && method === 'post' ? `${entry.path}.post` : entry.path,
    tags: [area],
    summary: entry.path,
    description: `${how}\n\n${roleText(entry)}`,
    responses: { '200': success, ...ERROR_RESPONSES },
  };
  if (method === 'get') {
    const parameters = queryParameters(entry.input);
    if (parameters.length > 0) op.parameters = parameters;
  } else {
    const body = requestBody(entry);
    if (body) op.requestBody = body;
  }
  // The global requirement is "a session or an API key"; anybody may call a procedure without a role check.
  if (entry.role === null) op.security = [{}, { apiKey: [] }, { session: [] }];
  return op;
}

const LIVE_DESCRIPTION = `Live data (bars, forming bars, order books, risk alerts, deployment events) streams over one WebSocket, \`GET /live\`, authenticated like the API (session cookie or \`Authorization: Bearer <API key>\`). Every frame is a JSON array of messages: the client sends \`subscribe {id, channel, from?}\`, \`unsubscribe {id}\`, \`resync {id}\`, \`ping {time}\`; the server answers \`hello\`, \`subscribed\`, \`data {id, data, position?}\`, \`resync\`, \`error\` and \`pong\`. See ${STREAMS_DOC} and the README's "Live streaming".`;

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the router: one operation per procedure and
 * method (queries get a GET `area.verb` and a POST `area.verb.post`).
 */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const areas = new Set<string>();
  for (const entry of PROCEDURES.values()) {
    areas.add(entry.path.split('.')[0] as string);
    const item: Record<string, unknown> = {};
    if (entry.type !== 'mutation') item.get = operation(entry, 'get');
    if (entry.type !== 'subscription') item.post = operation(entry, 'post');
    paths[restPath(entry.path)] = item;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Nautilus API',
      version: CORE_VERSION,
      description: `Every tRPC procedure \`area.verb\` of the server, as plain HTTP + JSON at \`/api/v1/{area}/{verb}\`. Authenticate with an API key (\`Authorization: Bearer <key>\`) or the session cookie. Errors are one \`Error\` object whose status matches /trpc.\n\n${LIVE_DESCRIPTION}`,
    },
    tags: [...areas].map((name) => ({ name })),
    security: [{ apiKey: [] }, { session: [] }],
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (apiKeys.create).' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie auth.login sets.' },
      },
    },
    'x-websocket': {
      path: '/live',
      description: LIVE_DESCRIPTION,
      docs: STREAMS_DOC,
      channels: ['bars', 'forming', 'book', 'alerts', 'deployment'],
    },
  };
}

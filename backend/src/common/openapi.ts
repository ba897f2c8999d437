import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/**
 * The OpenAPI document, built from the controllers and then completed in ONE place so that a route
 * only needs `@ApiOperation({ summary })` and a typed success response (`@ApiOkResponse({ type })`,
 * `@ApiCreatedResponse`, …):
 *
 * - `security`: `[]` on routes marked `@Public()` (the decorator tags them with `x-public`),
 *   bearer auth on every other route (no `@ApiBearerAuth()` needed);
 * - the error envelope `ApiError { statusCode, code, message, details }` as shared responses and,
 *   on each operation, the 4xx/5xx it can answer: 400, 401/403 when it needs a
 *   token, 404 with a path parameter, 409 on writes, 429 on the rate-limited auth routes, 500 always
 *   (400 always too: any /api request with a malformed JSON body gets 400 MALFORMED_JSON).
 *   A route's own declaration of one of these codes wins;
 * - `servers`, `license`, and the `x-public` marker removed.
 *
 * `test/api/openapi.int-spec.ts` lints the result with `@redocly/cli` (recommended ruleset).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Zhice 智策 API')
    .setDescription(
      'Membership platform for A-share investors. Errors always answer `{ statusCode, code, message, details? }` ' +
        '(`code` is stable, `message` follows Accept-Language: zh-CN or en).',
    )
    .setVersion('1')
    .setLicense('Proprietary', 'https://zhice.example/license')
    .addServer('/', 'this instance')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'access token from POST /api/v1/auth/login' }, 'bearer')
    .build();
  return completeDocument(SwaggerModule.createDocument(app, config));
}

const ERROR_RESPONSES: Record<string, { name: string; description: string; code: string; message: string; details?: unknown }> = {
  '400': {
    name: 'BadRequest',
    description: 'Invalid input (VALIDATION_FAILED, MALFORMED_JSON, or a rule of the route)',
    code: 'VALIDATION_FAILED',
    message: 'Invalid input',
    details: [{ field: 'months', messages: ['months must not be greater than 36'] }],
  },
  '401': { name: 'Unauthorized', description: 'Missing, expired or revoked access token', code: 'UNAUTHORIZED', message: 'Please sign in' },
  '403': { name: 'Forbidden', description: 'The caller lacks the role or the account is disabled', code: 'FORBIDDEN', message: 'Forbidden' },
  '404': { name: 'NotFound', description: 'The resource does not exist', code: 'NOT_FOUND', message: 'Not found' },
  '409': { name: 'Conflict', description: 'The request conflicts with the current state', code: 'CONFLICT', message: 'Conflict' },
  '429': { name: 'TooManyRequests', description: 'Rate limit exceeded', code: 'RATE_LIMITED', message: 'Too many requests' },
  '500': { name: 'InternalError', description: 'Unexpected server error', code: 'INTERNAL_ERROR', message: 'Internal server error' },
};

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Operation = {
  security?: Array<Record<string, string[]>>;
  responses?: Record<string, unknown>;
  parameters?: Array<{ in?: string }>;
  requestBody?: unknown;
  'x-public'?: boolean;
  [k: string]: unknown;
};

/** Exported for the unit test; mutates and returns `doc`. */
export function completeDocument(doc: OpenAPIObject): OpenAPIObject {
  doc.components ??= {};
  doc.components.schemas ??= {};
  doc.components.schemas.ApiError = {
    type: 'object',
    description: 'The one error envelope of every route',
    required: ['statusCode', 'code', 'message'],
    properties: {
      statusCode: { type: 'integer', example: 400, description: 'the HTTP status' },
      code: { type: 'string', example: 'VALIDATION_FAILED', description: 'stable UPPER_SNAKE error code (shared/src/errors.ts)' },
      message: { type: 'string', example: 'Invalid input', description: 'localised by Accept-Language (zh-CN default, en)' },
      details: { description: 'optional, code-specific (e.g. the invalid fields)', example: [{ field: 'months', messages: ['months must not be greater than 36'] }] },
    },
  };
  doc.components.responses ??= {};
  for (const [status, r] of Object.entries(ERROR_RESPONSES)) {
    doc.components.responses[r.name] = {
      description: r.description,
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/ApiError' },
          example: { statusCode: Number(status), code: r.code, message: r.message, ...(r.details ? { details: r.details } : {}) },
        },
      },
    };
  }

  for (const [route, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const isPublic = op['x-public'] === true;
      delete op['x-public'];
      op.security = isPublic ? [] : [{ bearer: [] }];
      // Every /api route parses a JSON body if one is sent, so even a GET can answer 400 MALFORMED_JSON.
      const wanted = new Set<string>(['400', '500']);
      if (!isPublic) {
        wanted.add('401');
        wanted.add('403');
      }
      if (route.includes('{')) wanted.add('404');
      if (WRITE_METHODS.has(method)) wanted.add('409');
      if (route.startsWith('/api/v1/auth/')) wanted.add('429');
      op.responses ??= {};
      for (const status of [...wanted].sort()) {
        if (op.responses[status]) continue;
        op.responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSES[status]!.name}` };
      }
    }
  }
  return doc;
}

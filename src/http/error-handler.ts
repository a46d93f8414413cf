import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { TandemError } from '../domain/errors.js';
import type { ErrorCode } from '../domain/errors.js';
import { errorBody } from './error-body.js';
import { httpStatusFor } from './http-status.js';

/** Fastify's and its plugins' own errors, in our codes. */
function frameworkCode(e: FastifyError & { statusCode?: number }): { status: number; code: ErrorCode; message: string } | null {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `the request body is larger than this server accepts (${e.message})` };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { status: 415, code: 'BAD_INPUT', message: `unsupported content type: ${e.message}` };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'BAD_INPUT', message: 'the body is empty but the content type says JSON' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'BAD_INPUT', message: `the body is not valid JSON: ${e.message}` };
    default:
      break;
  }
  if (e.statusCode === 429) return { status: 429, code: 'RATE_LIMITED', message: e.message };
  if (e instanceof SyntaxError) return { status: 400, code: 'BAD_INPUT', message: `the body is not valid JSON: ${e.message}` };
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return { status: e.statusCode, code: 'BAD_INPUT', message: e.message };
  return null;
}

/** Every error leaves as `{"error":{"code","message","details"}}`; a stack trace never does. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((e: FastifyError, request, reply) => {
    if (e instanceof TandemError) {
      const status = httpStatusFor(e.code);
      const details = { ...e.place, ...(e.problems.length ? { problems: e.problems } : {}) };
      return reply.status(status).send(errorBody(e.code, e.message, Object.keys(details).length ? details : undefined));
    }
    if (hasZodFastifySchemaValidationErrors(e)) {
      const issues = e.validation.map((v) => ({
        field: [e.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      const message = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
      return reply.status(400).send(errorBody('BAD_INPUT', message, { issues }));
    }
    if (isResponseSerializationError(e)) {
      request.log.error({ err: e }, 'response did not match its schema');
      return reply.status(500).send(errorBody('INTERNAL', 'the server built a response it should not have; this is a bug'));
    }
    const known = frameworkCode(e);
    if (known) {
      if (known.status === 429 && (e as { headers?: Record<string, string> }).headers) reply.headers((e as unknown as { headers: Record<string, string> }).headers);
      return reply.status(known.status).send(errorBody(known.code, known.message));
    }
    request.log.error({ err: e }, 'internal error');
    return reply.status(500).send(errorBody('INTERNAL', 'internal error; the server log has the details'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
}

import { z } from 'zod';
import type { IngestKind } from '../../app/ingest-input.js';
import { TandemError } from '../../domain/errors.js';
import { errorBodySchema } from '../error-body.js';
import type { App, RouteContext } from '../route-context.js';
import { batchEnvelopeSchema, ingestResultSchema } from '../schemas/ingest-schemas.js';
import { DELIVERY_HEADER, verifyWebhook } from '../webhook-signature.js';
import { ingestChecked } from './ingest-routes.js';

const SOURCE = z.object({ source: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'a source is lowercase letters, digits, - and _') });

/**
 * Webhooks for systems that push events. Outside /api/ (no bearer token): a sender proves
 * itself with an HMAC of the raw body, and a delivery is accepted once.
 */
export function webhookRoutes(app: App, { services, options }: RouteContext): void {
  const envelope = batchEnvelopeSchema(options.batchMaxItems);
  void app.register(async (scope) => {
    // The signature covers the exact bytes sent, so the body is kept raw and parsed after the check.
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: options.batchBodyLimit }, (_req, body, done) => done(null, body));
    (scope as App).post('/webhooks/:source', {
      bodyLimit: options.batchBodyLimit,
      schema: {
        tags: ['ingest'],
        summary: 'Receive pushed events from a source system (HMAC-signed)',
        description:
          'Body: the same JSON as POST /api/ingest (`system` defaults to the source in the path). Headers: X-Tandem-Timestamp (unix seconds), ' +
          'X-Tandem-Signature: sha256=HMAC-SHA256(secret, "<timestamp>.<raw body>") in hex, and optionally X-Tandem-Delivery (a unique id; default the signature). ' +
          `Refused: a timestamp more than ${options.webhookWindowSeconds} s away, a wrong signature, a delivery already received.`,
        params: SOURCE,
        response: { 200: ingestResultSchema, 401: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
      },
      handler: async (request) => {
        const { source } = request.params;
        const secret = options.webhookSecrets[source] ?? options.webhookSecrets['*'];
        if (!secret) throw new TandemError('NOT_FOUND', `no webhook is configured for source "${source}"`, { place: { field: 'source' } });
        const raw = request.body as unknown;
        if (!Buffer.isBuffer(raw)) throw new TandemError('BAD_INPUT', 'send the events as application/json');
        const { signature } = verifyWebhook(secret, request.headers, raw, options.now().getTime(), options.webhookWindowSeconds);
        const delivery = request.headers[DELIVERY_HEADER];
        const deliveryId = typeof delivery === 'string' && delivery.length > 0 && delivery.length <= 200 ? delivery : signature;
        if (!(await services.claimWebhookDelivery(source, deliveryId, options.webhookWindowSeconds))) {
          throw new TandemError('CONFLICT', `delivery ${deliveryId.slice(0, 80)} was already received: refused as a replay`, { place: { field: DELIVERY_HEADER } });
        }
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch (e) {
          throw new TandemError('BAD_INPUT', `the body is not valid JSON: ${(e as Error).message}`);
        }
        const body = envelope.safeParse(json);
        if (!body.success) throw new TandemError('BAD_INPUT', body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
        const withSystem: Partial<Record<IngestKind, unknown[]>> = {};
        for (const kind of ['persons', 'activities', 'opportunities'] as const) {
          withSystem[kind] = (body.data[kind] ?? []).map((item) => ({ system: source, ...item }));
        }
        return ingestChecked(services, withSystem);
      },
    });
  });
}

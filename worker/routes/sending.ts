import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '../../schema/zod';
import type { AppEnv, UserPrincipal } from '../context';
import { apiRoute, jsonResponse, problemResponses } from '../routing';
import { deliveryShape } from '../../schema/mail';
import { AppError, invalid } from '../errors';
import { nl } from '../../schema/i18n/nl';
import { mailContext } from '../services/mail-context';
import { sendAdvice } from '../services/send-letter';
import { listDeliveries, retryDelivery } from '../services/dossier-mails';
import { applyResendEvent, type ResendEvent } from '../services/mail-events';
import { verifySvix } from '../lib/svix';

const idParam = z.object({ id: z.string() });
const user = (c: { var: { principal: unknown } }) => c.var.principal as UserPrincipal;

export function registerSendingRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    apiRoute({ policy: 'user', load: 'advice', action: 'send' }, {
      method: 'post',
      path: '/api/v1/advice/{id}/send',
      tags: ['Delivery'],
      summary: 'Send the signed letter to the council — official or approver',
      description:
        'Queues one mail per council recipient (the official who requested approval in cc) with the signed PDF attached. ' +
        'Only a signed dossier can be sent; sending a sent dossier again is 409 and queues nothing.',
      request: { params: idParam },
      responses: { 202: jsonResponse('Queued for delivery', z.object({ status: z.literal('sent') })), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => c.json(await sendAdvice(c.var.db, c.env.DOCUMENTS, mailContext(c.env, c.req.url), user(c), c.var.advice), 202),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'advice', action: 'viewDelivery' }, {
      method: 'get',
      path: '/api/v1/advice/{id}/deliveries',
      tags: ['Delivery'],
      summary: 'Every mail of a dossier, per recipient, with its delivery status — staff of the organisation',
      request: { params: idParam },
      responses: { 200: jsonResponse('Mails', z.object({ items: z.array(deliveryShape) })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json({ items: await listDeliveries(c.var.db, c.var.advice.id) }, 200),
  );

  app.openapi(
    apiRoute({ policy: 'user', load: 'advice', action: 'retryDelivery' }, {
      method: 'post',
      path: '/api/v1/advice/{id}/deliveries/{mailId}/retry',
      tags: ['Delivery'],
      summary: 'Queue a failed mail again (as a new mail) — official or approver',
      request: { params: idParam.extend({ mailId: z.string() }) },
      responses: {
        202: jsonResponse('Queued again', z.object({ id: z.string(), status: z.literal('queued'), retryOf: z.string() })),
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await retryDelivery(c.var.db, user(c), c.var.advice, c.req.valid('param').mailId, Date.now()), 202),
  );

  app.openapi(
    apiRoute('public', {
      method: 'post',
      path: '/api/v1/webhooks/resend',
      tags: ['Delivery'],
      summary: 'Delivery events from Resend (Svix-signed; the signature is the authentication)',
      description: 'Configure in Resend with the events email.sent, delivered, delivery_delayed, bounced, complained, failed; secret in RESEND_WEBHOOK_SECRET.',
      // Declared but not validated here: the handler verifies the signature over the raw bytes first.
      request: { body: { required: false, content: { 'application/json': { schema: z.object({ type: z.string() }).passthrough() } } } },
      responses: {
        200: jsonResponse('Accepted (also for a replay, which changes nothing)', z.object({ received: z.literal(true), applied: z.boolean() })),
        ...problemResponses(401, 413, 415, 422),
      },
    }),
    async (c) => {
      // The signature covers the exact bytes: read the raw body before anything parses it.
      const raw = await c.req.text();
      const svixId = c.req.header('svix-id');
      const now = Date.now();
      const verdict = await verifySvix(
        c.env.RESEND_WEBHOOK_SECRET,
        { id: svixId, timestamp: c.req.header('svix-timestamp'), signature: c.req.header('svix-signature') },
        raw,
        now,
      );
      if (!verdict.ok) {
        console.warn(`resend webhook refused: ${verdict.reason}`);
        throw new AppError(401, 'Unauthorized', nl.mail.errors.webhookRefused);
      }
      let event: ResendEvent;
      try {
        event = JSON.parse(raw) as ResendEvent;
      } catch {
        throw invalid([{ path: '', message: nl.problems.invalidJson }], nl.problems.invalidJson);
      }
      const result = await applyResendEvent(c.var.db, svixId!, event, now);
      return c.json({ received: true as const, applied: result.applied }, 200);
    },
  );
}

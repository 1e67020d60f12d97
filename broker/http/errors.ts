import type { FastifyError, FastifyInstance } from 'fastify';
import { McError, isMcError } from '../../protocol/errors.js';

export const errorSchema = {
  type: 'object', additionalProperties: true,
  properties: { code: { type: 'string' }, message: { type: 'string' }, messageEn: { type: 'string' }, details: {} },
} as const;

/** Every HTTP error is `{ code, message (Vietnamese), messageEn }` with the code's status. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | McError, req, reply) => {
    if (isMcError(err)) return reply.status(err.statusCode).send(err.toJSON());
    const fe = err as FastifyError;
    if (fe.validation) return reply.status(400).send(new McError('MC_ERR_BAD_REQUEST', fe.message).toJSON());
    if (fe.statusCode && fe.statusCode < 500) {
      const code = fe.statusCode === 413 ? 'MC_ERR_PAYLOAD_TOO_LARGE' : fe.statusCode === 429 ? 'MC_ERR_RATE_LIMITED' : 'MC_ERR_BAD_REQUEST';
      return reply.status(fe.statusCode).send(new McError(code, fe.message).toJSON());
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send(new McError('MC_ERR_INTERNAL').toJSON());
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ code: 'MC_ERR_NOT_FOUND', message: 'Không tìm thấy trang.', messageEn: `No route ${req.method} ${req.url.split('?')[0]}` }));
}

/**
 * Zalo Notification Service (ZNS) template messages: POST https://business.openapi.zalo.me/message/template with the
 * Official Account's `access_token` header and `{phone: "84912345678", template_id, template_data, tracking_id}`;
 * answered `{"error": 0, "message": "Success", "data": {"msg_id", "sent_time"}}`, or a negative `error`.
 * The codes that say the same message can never go (no Zalo account on that number, the citizen refused or blocked
 * ZNS, an invalid number or template data) give up at once; the others (expired access token, quota, unknown
 * errors, no answer) are tried again later. ZNS has no idempotency key: `tracking_id` (our outbox key) only comes
 * back in Zalo's delivery callbacks; an answer lost after Zalo took the message may therefore deliver it twice.
 */
import { GatewayError, postJson, type GatewayAccepted, type MessageGateway, type OutgoingMessage } from './gateway.js';
import type { MessageKind } from './templates.js';

export interface ZnsGatewayOptions { url: string; accessToken: string; templates: Record<MessageKind, string> }

/** Zalo's ZNS error codes the hub acts on (docs/messages.md lists them). */
export const ZNS_ERRORS = {
  unknown: -100, invalidPhone: -108, invalidTemplate: -109, invalidTemplateData: -112, outOfQuota: -115, noZaloAccount: -118,
  invalidToken: -124, templateNotApproved: -131, userRefused: -139, userBlocked: -141, dailyQuota: -144,
} as const;

const PERMANENT = new Set<number>([ZNS_ERRORS.invalidPhone, ZNS_ERRORS.invalidTemplateData, ZNS_ERRORS.noZaloAccount, ZNS_ERRORS.userRefused, ZNS_ERRORS.userBlocked]);

export class ZnsGateway implements MessageGateway {
  readonly name = 'zns' as const;
  constructor(private readonly o: ZnsGatewayOptions) {}

  async send(m: OutgoingMessage, signal: AbortSignal): Promise<GatewayAccepted> {
    const templateId = this.o.templates[m.kind];
    if (!templateId) throw new GatewayError(`no ZNS template configured for ${m.kind} (messages.zns.templates)`, false, 'zns_no_template');
    const r = await postJson(this.o.url, { access_token: this.o.accessToken }, { phone: m.phone, template_id: templateId, template_data: m.vars, tracking_id: m.idemKey }, signal);
    if (r.status < 200 || r.status > 299) throw new GatewayError(`HTTP ${r.status}`, false, `http_${r.status}`);
    const b = r.body as { error?: unknown; message?: unknown; data?: { msg_id?: unknown } } | null;
    const err = typeof b?.error === 'number' ? b.error : NaN;
    if (err === 0) return { gatewayId: String(b?.data?.msg_id ?? '') };
    throw new GatewayError(`error ${Number.isNaN(err) ? '(none)' : err}${b?.message ? ` ${String(b.message)}` : ''}`, PERMANENT.has(err), `zns_${Number.isNaN(err) ? 'none' : err}`);
  }
}

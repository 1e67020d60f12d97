/**
 * An HTTP SMS brandname gateway in the shape of eSMS.vn's JSON API (SendMultipleMessage_V4_post_json), the most
 * common in Vietnam; SpeedSMS and others differ only in names. One POST per message:
 *   {ApiKey, SecretKey, Phone: "0912345678", Content, Brandname, SmsType: "2", IsUnicode: "1", Sandbox: "0", RequestId}
 * answered `{"CodeResult": "100", "SMSID": "…"}` when accepted. `RequestId` is our outbox key: the gateway answers
 * 124 ("RequestId already used") to a message it already took, which we count as accepted (no duplicate SMS).
 * Every other code (101 wrong keys, 103 no balance, 104 unknown brandname, 99 …) is tried again later: each is a
 * state of the account a technician can fix, and the message must not be lost meanwhile.
 */
import { GatewayError, postJson, type GatewayAccepted, type MessageGateway, type OutgoingMessage } from './gateway.js';
import { localPhone } from './phone.js';
import { smsText } from './templates.js';

export interface SmsGatewayOptions { url: string; apiKey: string; secretKey: string; brandname: string; smsType: string }

/** eSMS answer codes (docs/messages.md). */
export const SMS_CODES = { ok: '100', badKeys: '101', noBalance: '103', badBrandname: '104', duplicateRequest: '124' } as const;

export class SmsGateway implements MessageGateway {
  readonly name = 'sms' as const;
  constructor(private readonly o: SmsGatewayOptions) {}

  async send(m: OutgoingMessage, signal: AbortSignal): Promise<GatewayAccepted> {
    const body = { ApiKey: this.o.apiKey, SecretKey: this.o.secretKey, Phone: localPhone(m.phone), Content: smsText(m.kind, m.vars),
      Brandname: this.o.brandname, SmsType: this.o.smsType, IsUnicode: '1', Sandbox: '0', RequestId: m.idemKey };
    const r = await postJson(this.o.url, {}, body, signal);
    if (r.status < 200 || r.status > 299) throw new GatewayError(`HTTP ${r.status}`, false, `http_${r.status}`);
    const b = r.body as { CodeResult?: unknown; SMSID?: unknown; ErrorMessage?: unknown } | null;
    const code = String(b?.CodeResult ?? '');
    if (code === SMS_CODES.ok) return { gatewayId: String(b?.SMSID ?? '') };
    if (code === SMS_CODES.duplicateRequest) return { gatewayId: `request:${m.idemKey}` };
    throw new GatewayError(`CodeResult ${code || '(none)'}${b?.ErrorMessage ? ` ${String(b.ErrorMessage)}` : ''}`, false, `sms_${code || 'none'}`);
  }
}

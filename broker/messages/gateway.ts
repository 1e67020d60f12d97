/** The small interface every message gateway implements (SMS, Zalo ZNS), and how it says what went wrong. */
import type { MessageKind } from './templates.js';

export interface OutgoingMessage {
  /** Unique per message (the outbox row's key): sent as the gateway's request / tracking id. */
  idemKey: string;
  kind: MessageKind;
  /** Canonical `84xxxxxxxxx`. */
  phone: string;
  vars: Record<string, string>;
}

export interface GatewayAccepted { gatewayId: string }

/**
 * A refusal or a failure. `permanent`: sending the same message again cannot succeed (the number has no Zalo account,
 * the number is invalid, the template's data is refused); anything else is tried again later with backoff.
 */
export class GatewayError extends Error {
  constructor(message: string, readonly permanent: boolean, readonly code: string) { super(message); this.name = 'GatewayError'; }
}

export interface MessageGateway {
  readonly name: 'sms' | 'zns';
  send(m: OutgoingMessage, signal: AbortSignal): Promise<GatewayAccepted>;
}

/** POST JSON with a timeout; network failures and timeouts become transient GatewayErrors. */
export async function postJson(url: string, headers: Record<string, string>, body: unknown, signal: AbortSignal): Promise<{ status: number; body: unknown }> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', ...headers }, body: JSON.stringify(body), signal });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) as unknown : null; } catch { /* kept as text */ }
    return { status: res.status, body: parsed };
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    const why = signal.aborted ? 'timeout' : cause?.code ?? (e as Error).message;
    throw new GatewayError(`no answer: ${why}`, false, signal.aborted ? 'timeout' : 'network');
  }
}

import { isMcError } from '../../protocol/errors.js';
import type { RequestArgsMap, RequestOp } from '../../protocol/messages.js';

/** What device logic needs of its MQTT connection (MqttDevice satisfies it). */
export interface Requester {
  request<O extends RequestOp>(op: O, args?: RequestArgsMap[O]): Promise<unknown>;
}

/** A failure as a device shows it: code plus the Vietnamese message (or the English one). */
export interface DeviceFault { code: string; message: string }

export function toFault(err: unknown): DeviceFault {
  if (isMcError(err)) {
    const d = err.details as { message?: string } | undefined;
    return { code: err.code, message: d?.message ?? err.vi };
  }
  return { code: 'MC_ERR_INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

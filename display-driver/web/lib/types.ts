/** The retained payloads the display pages read (built by broker/hub/publisher.ts). */
import type { CallMessage } from '../../../broker/protocol/messages.js';

export type { CallMessage };

export interface HallCounter { counterId: string; counterNumber: number; counterName: string; fields: string[]; open: boolean; number: string | null; clerkName: string | null }
export interface FieldWait { fieldId: string; name: string; waiting: number; minutes: number }
export interface Figures { onTime: number; overdue: number; inProgress?: number; asOf: number | string; cached?: boolean }
export interface HallState {
  v: number;
  office: { name: string; shortName?: string; level: string };
  counters: HallCounter[];
  recent: CallMessage[];
  waiting: FieldWait[];
  figures: Figures | null;
  notice: string;
  voice: { enabled: boolean; volume: number };
  at: number;
}

export interface CounterState {
  v: number; counterId: string; counterNumber: number; counterName: string; fields: string[]; open: boolean;
  ticket: { ticketId: string; number: string; fieldName: string; status: string; priority: string | null } | null;
  clerk: { id: string; name: string; title?: string; workField?: string; phone?: string } | null;
  at: number;
}

/** "Quầy 3", or "Quầy 7 — Quầy ưu tiên" when the counter has its own name. */
export function counterLabel(number: number, name: string): { label: string; extra: string } {
  const label = `Quầy ${number}`;
  const extra = name && name !== label && name !== String(number) && !/^q\d+$/i.test(name) ? name : '';
  return { label, extra };
}

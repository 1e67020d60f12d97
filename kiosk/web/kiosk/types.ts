import type { WaitForecast } from '../../../protocol/messages.js';

/** Shapes the kiosk reads from the hub's public API (`/api/office`, `/api/queue`, `/api/catalog`, …). */
export type OpenState = { open: true; day: string; session: number } | { open: false; nextDay: string | null; nextSession: number; nextStart: string | null };

export interface OfficeInfo {
  office: { id: string; name: string; shortName: string; address?: string; timezone: string };
  open: OpenState;
  priorityMode: 'none' | 'first' | 'dedicated';
  fields: { id: string; name: string; nameEn: string }[];
  /** Per field id: whether it takes numbers now, and if not when it opens again (its own sessions). */
  fieldsOpen?: Record<string, OpenState>;
  counters: { id: string; number: number; name: string; fields: string[]; priority: boolean; guidance: boolean }[];
  rating: { levels: { key: string; label: string; labelEn: string; score: number }[]; reasons: string[] };
  texts: { notice: string; ticketGuidance: string; ticketFooter: string };
  /** The national format of a dossier code (a regular expression), to read the receipt's QR code. */
  dossierCodePattern?: string;
}

export type { FieldWait } from '../../../protocol/messages.js';

export interface TicketView {
  id: string; number: string; fieldId: string; fieldName: string; status: string; priority: string | null;
  counterNumber: number | null; finishedAt: number | null;
  /** Whether its service has been rated (once per service). */
  rated?: boolean;
  estimate: ({ ahead: number } & WaitForecast) | null;
  counters: { counterId: string; number: number; name: string; serving: string | null }[];
  /** After the field's cut-off: a paper dossier is processed on `processDay`. */
  paper?: { cutoff: string; processDay: string } | null;
  /** Whether the ticket's field takes numbers now, and if not when it opens again. */
  fieldOpen?: OpenState;
}

export interface Procedure {
  id: string; code: string; name: string; fieldId: string; fieldName: string; documents: string[]; fee: string;
  processingTime: string; submitAt: string; legalBasis: string; level: string;
  levelKind?: LevelKind | null; resultAt?: string;
}
export type LevelKind = 'province' | 'commune' | 'vertical' | 'district';
export interface CatalogAnswer { version: string; publishedAt: string; cached: boolean; ageMs: number; procedures: Procedure[] }

export interface DossierAnswer {
  dossier: { code: string; procedureName: string; status: string; receivedAt: string; appointmentDate: string; onTime: boolean; overdue: boolean; collectAt: string };
  cached: boolean; ageMs: number;
}

export interface CallView { ticketId: string; number: string; counterNumber: number; at: number; kind: 'call' | 'recall'; rated?: boolean }

/** A refusal the citizen should read: the hub's code and its message. */
export class KioskError extends Error {
  constructor(readonly code: string, message: string) { super(message); }
}

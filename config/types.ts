/** TypeScript shape of a validated office configuration (defaults filled in). See config/schema.ts. */
import type { OfficeLevel, OfficeUnit } from './levels.js';
import type { BookingConfig } from './booking-schema.js';
export type { BookingConfig };
import type { MessagesConfig } from './messages-schema.js';
export interface Numbering { start: number; end: number; prefix: string; pad: number }
export interface FieldConfig { id: string; name: string; nameEn: string; numbering: Numbering; hidden: boolean; hours: WeekdayHours[]; paperCutoff: string }
/** Sessions on some weekdays (1 = Monday … 7 = Sunday), for a field or a counter. */
export interface WeekdayHours { weekdays: number[]; sessions: SessionConfig[] }
export interface CounterConfig {
  id: string; number: number; name: string; fields: string[];
  priority: boolean; acceptsPriority: boolean; guidance: boolean; sector: string; hours: WeekdayHours[];
}
export interface ClerkConfig { id: string; name: string; title: string; workField: string; phone: string; agency: string; keypadCode?: string }
export interface SessionConfig { start: string; end: string }
export interface RatingLevel { key: string; label: string; labelEn: string; score: number }
export type PriorityMode = 'none' | 'first' | 'dedicated';

export interface OfficeConfig {
  version: number;
  office: {
    id: string; name: string; shortName: string; address: string; timezone: string; publicUrl: string;
    level: OfficeLevel; unit: OfficeUnit; place: string; center: string; branch: string;
  };
  hub: {
    host: string; port: number; publicUrl: string; mqttHost: string; mqttPort: number;
    externalBrokerUrl: string; externalBrokerUsername: string; externalBrokerPassword: string;
    dataDir: string; logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'; maxPayloadBytes: number; metricsToken: string; trustProxy: string;
  };
  calendar: {
    weekdays: number[]; sessions: SessionConfig[]; holidays: string[]; extraWorkdays: string[];
    outsideHours: 'refuse' | 'next_session'; paperCutoff: string;
  };
  queue: { priorityMode: PriorityMode; transferKeepsPlace: boolean; recallLimit: number; defaultServiceMinutes: number };
  fields: FieldConfig[];
  counters: CounterConfig[];
  clerks: ClerkConfig[];
  rating: { levels: RatingLevel[]; windowSeconds: number; phoneWindowMinutes: number; lowThreshold: number; reasons: string[]; dissatisfiedLevels: string[] };
  onestop: { label: string; url: string; apiKey: string; hmacSecret: string; timeoutMs: number; batchSize: number; keepSentDays: number; dossierCodePattern: string; mqttUrl: string; mqttUsername: string; mqttPassword: string; centerId: string };
  texts: { ticketFooter: string; ticketGuidance: string; notice: string };
  messages: MessagesConfig;
  voice: { enabled: boolean; volume: number };
  booking: BookingConfig;
}

/** Plain data of the reports: what a period's event log says, ticket by ticket, and the figures built from it. */
export type GroupBy = 'office' | 'field' | 'counter' | 'clerk';
export const GROUP_BYS: readonly GroupBy[] = ['office', 'field', 'counter', 'clerk'];
export type PeriodKind = 'day' | 'month' | 'quarter' | 'year' | 'range';
export const PERIOD_KINDS: readonly PeriodKind[] = ['day', 'month', 'quarter', 'year', 'range'];

/** A period of whole local days, both ends included. */
export interface Period { kind: PeriodKind; from: string; to: string; label: string; labelEn: string }

export interface Durations {
  count: number;
  /** Seconds; null when count is 0. */
  mean: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
  buckets: { label: string; fromMin: number; toMin: number | null; count: number }[];
}

export interface RatingFigures {
  count: number;
  perLevel: Record<string, number>;
  /** Mean score (0–100) of the ratings, one decimal; null without ratings. */
  score: number | null;
  /** Rated served tickets ÷ served tickets, 0–1 (4 decimals); null when nothing was served. */
  ratedShare: number | null;
}

export interface Figures {
  key: string;
  name: string;
  /** Tickets issued (office and field groups only; null for counter and clerk). */
  issued: number | null;
  called: number;
  served: number;
  noShows: number;
  voided: number;
  expired: number;
  transferred: number;
  wait: Durations;
  service: Durations;
  outcomes: Record<string, number>;
  ratings: RatingFigures;
}

export interface Report {
  office: { id: string; name: string };
  period: Period;
  groupBy: GroupBy;
  generatedAt: number;
  levels: { key: string; label: string; score: number }[];
  rows: Figures[];
  total: Figures;
  /** Tickets issued per local hour (0–23) of the day, per field. */
  arrivals: { fieldId: string; name: string; perHour: number[] }[];
  /** Waits of the tickets issued in each local hour (seconds). */
  waitsByHour: { hour: number; count: number; median: number | null; p90: number | null }[];
  /** Ratings per clerk (for the chart), whatever the grouping. */
  clerkRatings: { clerkId: string; name: string; perLevel: Record<string, number>; score: number | null; count: number }[];
  /** Decision 766/QĐ-TTg figures next to the configured scale. */
  satisfaction766?: Satisfaction766Report;
  /** Messages to citizens (SMS / Zalo ZNS) made in the period, by outcome and kind. */
  messages?: MessageFigures;
  ms: number;
}

/** Messages by outcome (sent, refused for good, expired before a gateway took them, still pending) and per kind. */
export interface MessageFigures { sent: number; failed: number; expired: number; pending: number; byKind: Record<string, Record<string, number>> }

export interface ClerkSummary {
  clerkId: string; name: string; title: string; agency: string; workField: string;
  sessions: number; signedInMinutes: number; counters: string[];
  called: number; served: number; noShows: number; service: Durations; ratings: RatingFigures;
  /** Score under `rating.lowThreshold` with at least the hub's minimum count of ratings. */
  flagged: boolean;
}
export interface ClerkMonth { office: { id: string; name: string }; period: Period; lowThreshold: number; minRatings: number; clerks: ClerkSummary[]; generatedAt: number }


/** The Decision 766/QĐ-TTg satisfaction figure of a center, a field or a clerk (see broker/reports/satisfaction766.ts). */
export interface Satisfaction766 {
  key: string; name: string;
  /** Distinct dossier codes received. */
  dossiers: number;
  /** Dossiers with a rating of a "dissatisfied" level, complained about, overdue, and any of the three. */
  dissatisfied: number; complained: number; overdue: number; excluded: number;
  /** Dossiers whose overdue/complaint state the provincial system gave. */
  statusKnown: number;
  /** (dossiers − excluded) ÷ dossiers, 0–1 (4 decimals); null without dossiers. */
  figure: number | null;
}
export interface Satisfaction766Report {
  dissatisfiedLevels: string[];
  office: Satisfaction766; byField: Satisfaction766[]; byClerk: Satisfaction766[];
  /** Ratings of services that received no dossier (guidance only): kept, reported apart, not in the figure. */
  ratingsWithoutDossier: number;
}

/** `GET /api/reports/bookings` (issue 22): bookings of the period's days by status and channel, and the waits from issue
 * (or check-in) to first call of walk-ins, checked-in bookings and numbers from phones. */
export interface WaitFigures { called: number; medianMin: number | null; p90Min: number | null }
export interface BookingFigures {
  from: string; to: string;
  bookings: { total: number; booked: number; checkedIn: number; late: number; noShow: number; cancelled: number };
  byChannel: Record<string, number>;
  waits: { walkIn: WaitFigures; booking: WaitFigures; remote: WaitFigures };
}

import type { Db } from '../db/open.js';
import type { BookingFigures, WaitFigures } from '../../protocol/reports.js';
import { median, percentile, sortNumbers } from './stats.js';

const KIND = `CASE WHEN p.channel LIKE 'remote:%' THEN 'remote' WHEN p.channel LIKE 'booking:%' THEN 'booking' ELSE 'walkIn' END`;

/**
 * Bookings and arrivals of the local days `from`..`to` (issue 22): bookings by status and channel (no-shows, late
 * arrivals, check-ins), and the waits of walk-ins, checked-in bookings and numbers taken from a phone, side by side.
 */
export function bookingFigures(db: Db, from: string, to: string): BookingFigures {
  const rows = db.prepare('SELECT status, channel, COUNT(*) AS n FROM bookings WHERE day BETWEEN ? AND ? GROUP BY status, channel').all(from, to) as { status: string; channel: string; n: number }[];
  const by = (s: string): number => rows.filter((r) => r.status === s).reduce((a, r) => a + r.n, 0);
  const byChannel: Record<string, number> = {};
  for (const r of rows) byChannel[r.channel] = (byChannel[r.channel] ?? 0) + r.n;
  const waits = db.prepare(`SELECT ${KIND} AS kind, r.first_call - r.issued_at AS ms FROM report_tickets r LEFT JOIN phone_tickets p ON p.ticket_id = r.ticket_id
    WHERE r.day BETWEEN ? AND ? AND r.first_call IS NOT NULL AND r.issued_at IS NOT NULL`).all(from, to) as { kind: 'walkIn' | 'booking' | 'remote'; ms: number }[];
  const fig = (k: string): WaitFigures => {
    const xs = sortNumbers(waits.filter((w) => w.kind === k).map((w) => w.ms / 60_000));
    const r = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
    return { called: xs.length, medianMin: r(median(xs)), p90Min: r(percentile(xs, 90)) };
  };
  return { from, to, bookings: { total: rows.reduce((a, r) => a + r.n, 0), booked: by('booked'), checkedIn: by('checked_in'), late: by('late'), noShow: by('no_show'), cancelled: by('cancelled') },
    byChannel, waits: { walkIn: fig('walkIn'), booking: fig('booking'), remote: fig('remote') } };
}

/**
 * The province's figures from the stored events: one screen of every office, and quality figures per center, field
 * or clerk over a period (tickets, served, waits, share called within the target, ratings and the Decision
 * 766/QĐ-TTg figure as far as the hubs know it: dossiers rated dissatisfied; overdue and complaints are known to the
 * provincial one-stop system, not to the hubs, and are not subtracted here).
 */
import type { Pool } from './db.js';

/** What a signed-in person may see: the whole province, or one center. */
export interface Scope { centerId: string | null }

export interface OfficeView {
  id: string; name: string; centerId: string; online: boolean | null; onlineAt: number | null; lastEventAt: number | null;
  events: number; duplicates: number; lastSeq: number; missing: number; clockSkewMs: number; clockWrong: boolean;
  healthAt: number | null; waiting: number | null; fields: { name: string; waiting: number; minutes: number }[];
  faults: { id: string; name: string; kind: string; problem: string }[]; devices: number | null;
  link: { configured: boolean; backlog: number; failures: number; parked: number; lastError: string | null } | null;
}

interface OfficeRow {
  id: string; name: string; center_id: string; online: boolean | null; online_at: Date | null; last_event_at: Date | null; events: string | null;
  duplicates: string | null; last_seq: string | null; contiguous_seq: string | null; clock_skew_ms: number | null; health_at: Date | null; health: Health | null;
}
interface Health {
  waiting?: number; fields?: { name: string; waiting: number; minutes: number }[];
  devices?: { id: string; kind: string; name: string; online: boolean; disabled: boolean; faults: string[] }[];
  link?: { configured: boolean; backlog: number; failures: number; parked: number; lastError: string | null };
}

const ms = (d: Date | null): number | null => (d ? d.getTime() : null);

export async function officesView(db: Pool, scope: Scope, skewToleranceMs = 120_000): Promise<OfficeView[]> {
  const r = await db.query<OfficeRow>(`SELECT o.id, o.name, o.center_id, s.online, s.online_at, s.last_event_at, s.events, s.duplicates, s.last_seq, s.contiguous_seq,
      s.clock_skew_ms, s.health_at, s.health
    FROM offices o LEFT JOIN office_state s ON s.office_id = o.id WHERE ($1::text IS NULL OR o.center_id = $1) ORDER BY o.center_id, o.name`, [scope.centerId]);
  return r.rows.map((x) => {
    const h = x.health ?? {};
    const devs = (h.devices ?? []).filter((d) => !d.disabled);
    const faults = devs.flatMap((d) => (!d.online ? [{ id: d.id, name: d.name, kind: d.kind, problem: 'offline' }] : d.faults.map((f) => ({ id: d.id, name: d.name, kind: d.kind, problem: f }))));
    const skew = x.clock_skew_ms ?? 0;
    return {
      id: x.id, name: x.name, centerId: x.center_id, online: x.online, onlineAt: ms(x.online_at), lastEventAt: ms(x.last_event_at),
      events: Number(x.events ?? 0), duplicates: Number(x.duplicates ?? 0), lastSeq: Number(x.last_seq ?? 0),
      missing: Math.max(0, Number(x.last_seq ?? 0) - Number(x.contiguous_seq ?? 0)), clockSkewMs: skew, clockWrong: Math.abs(skew) > skewToleranceMs,
      healthAt: ms(x.health_at), waiting: h.waiting ?? null, fields: (h.fields ?? []).filter((f) => f.waiting > 0).map((f) => ({ name: f.name, waiting: f.waiting, minutes: f.minutes })),
      faults, devices: x.health ? devs.length : null, link: h.link ?? null,
    };
  });
}

export type GroupBy = 'center' | 'office' | 'field' | 'clerk';

export interface QualityRow {
  key: string; name: string; issued: number; served: number; noShow: number; avgWaitMin: number | null; p90WaitMin: number | null;
  calledWithinTarget: number | null; ratings: number; avgScore: number | null; dossiers: number; dissatisfied: number; s766: number | null;
}

const KEYS: Record<GroupBy, [string, string]> = {
  center: ['o.center_id', 'o.center_id'],
  office: ['o.id', 'max(o.name)'],
  field: ['t.field_id', 't.field_id'],
  clerk: ["t.office_id || '/' || t.clerk_id", "max(o.name) || ' — ' || max(t.clerk_id)"],
};

/**
 * Quality figures between two days (inclusive, the offices' local days) per `by`. A ticket counts in the period of
 * the day it was issued; its wait is from issue to first call.
 */
export async function quality(db: Pool, scope: Scope, q: { from: string; to: string; by: GroupBy; targetMin: number; dissatisfied: string[] }): Promise<QualityRow[]> {
  const [key, name] = KEYS[q.by];
  // the at bounds let PostgreSQL skip the partitions of other months; the day bounds are the offices' own days
  const r = await db.query<{ key: string | null; name: string | null; issued: string; served: string; no_show: string; avg_wait: number | null; p90_wait: number | null;
    within: number | null; ratings: string; avg_score: number | null; dossiers: string; dissatisfied: string }>(`
    WITH t AS (
      SELECT e.office_id, e.ticket_id,
        max(e.field_id) FILTER (WHERE e.type = 'ticket.issued') AS field_id,
        min(e.at) FILTER (WHERE e.type = 'ticket.issued') AS issued,
        min(e.at) FILTER (WHERE e.type = 'ticket.called') AS called,
        bool_or(e.type = 'ticket.finished') AS finished,
        bool_or(e.type = 'ticket.no_show') AS no_show,
        max(e.clerk_id) FILTER (WHERE e.type IN ('ticket.finished', 'ticket.called')) AS clerk_id,
        max(e.data->>'dossierCode') FILTER (WHERE e.type = 'ticket.finished') AS dossier,
        max(e.data->>'level') FILTER (WHERE e.type = 'rating.recorded') AS level,
        max((e.data->>'score')::float8) FILTER (WHERE e.type = 'rating.recorded') AS score
      FROM events e
      WHERE e.at >= ($1::date - 1)::timestamptz AND e.at < ($2::date + 2)::timestamptz AND e.day BETWEEN $1::date AND $2::date AND e.ticket_id IS NOT NULL
      GROUP BY e.office_id, e.ticket_id)
    SELECT ${key} AS key, ${name} AS name,
      count(*) FILTER (WHERE t.issued IS NOT NULL) AS issued,
      count(*) FILTER (WHERE t.finished) AS served,
      count(*) FILTER (WHERE t.no_show) AS no_show,
      avg(extract(epoch FROM t.called - t.issued) / 60) AS avg_wait,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM t.called - t.issued) / 60) AS p90_wait,
      (count(*) FILTER (WHERE t.called - t.issued <= make_interval(mins => $4)))::float8 / NULLIF(count(t.called - t.issued), 0) AS within,
      count(t.level) AS ratings, avg(t.score) AS avg_score,
      count(DISTINCT t.office_id || '/' || t.dossier) AS dossiers,
      count(DISTINCT t.office_id || '/' || t.dossier) FILTER (WHERE t.level = ANY($5::text[])) AS dissatisfied
    FROM t JOIN offices o ON o.id = t.office_id
    WHERE ($3::text IS NULL OR o.center_id = $3) ${q.by === 'clerk' ? 'AND t.clerk_id IS NOT NULL' : ''}
    GROUP BY ${key} ORDER BY 1`, [q.from, q.to, scope.centerId, q.targetMin, q.dissatisfied]);
  const round = (x: number | null, d = 1): number | null => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);
  const names = q.by === 'clerk' || q.by === 'field' ? await namesFromHealth(db, q.by) : new Map<string, string>();
  return r.rows.map((x) => {
    const dossiers = Number(x.dossiers);
    const bad = Number(x.dissatisfied);
    return {
      key: x.key ?? '(không rõ)', name: (x.key && names.get(x.key)) || x.name || '(không rõ)', issued: Number(x.issued), served: Number(x.served), noShow: Number(x.no_show),
      avgWaitMin: round(x.avg_wait), p90WaitMin: round(x.p90_wait), calledWithinTarget: round(x.within, 4), ratings: Number(x.ratings), avgScore: round(x.avg_score),
      dossiers, dissatisfied: bad, s766: dossiers ? Math.round(((dossiers - bad) / dossiers) * 10_000) / 10_000 : null,
    };
  });
}

/** Clerks' and fields' names as the hubs last reported them (health snapshots): `office/clerk` → "Office — Name", field id → name. */
async function namesFromHealth(db: Pool, by: 'clerk' | 'field'): Promise<Map<string, string>> {
  const r = await db.query<{ id: string; name: string; health: { clerks?: { id: string; name: string }[]; fields?: { fieldId: string; name: string }[] } | null }>(
    'SELECT o.id, o.name, s.health FROM offices o JOIN office_state s ON s.office_id = o.id WHERE s.health IS NOT NULL');
  const m = new Map<string, string>();
  for (const o of r.rows) {
    if (by === 'clerk') for (const c of o.health?.clerks ?? []) m.set(`${o.id}/${c.id}`, `${c.name} — ${o.name}`);
    else for (const f of o.health?.fields ?? []) if (!m.has(f.fieldId)) m.set(f.fieldId, f.name);
  }
  return m;
}

/** CSV for Excel (UTF-8 with BOM, Vietnamese headers, comma-separated, every text quoted). */
export function qualityCsv(rows: QualityRow[], by: GroupBy, targetMin: number): string {
  const head = [{ center: 'Trung tâm', office: 'Cơ quan', field: 'Lĩnh vực', clerk: 'Công chức' }[by], 'Số phiếu cấp', 'Đã phục vụ', 'Vắng mặt', 'Chờ trung bình (phút)',
    'Chờ P90 (phút)', `Được gọi trong ${targetMin} phút (%)`, 'Lượt đánh giá', 'Điểm trung bình', 'Số hồ sơ (QĐ 766)', 'Hồ sơ không hài lòng', 'Chỉ số hài lòng QĐ 766 (%)'];
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const n = (x: number | null) => (x === null ? '' : String(x));
  const pct = (x: number | null) => (x === null ? '' : String(Math.round(x * 10_000) / 100));
  const lines = rows.map((r) => [q(r.name), r.issued, r.served, r.noShow, n(r.avgWaitMin), n(r.p90WaitMin), pct(r.calledWithinTarget), r.ratings, n(r.avgScore), r.dossiers, r.dissatisfied, pct(r.s766)].join(','));
  return '\ufeff' + [head.map(q).join(','), ...lines].join('\r\n') + '\r\n';
}

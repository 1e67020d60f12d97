/**
 * Monitoring alerts that stay until a person handles them: raised when a device goes offline, a printer runs low
 * or out of paper, the provincial link fails or the disk runs low; kept (marked "cleared") when the cause goes
 * away, gone only when acknowledged. Pure over plain data; the hub keeps one list (AlertBook), saved in SQLite.
 */
export interface Alert { id: string; kind: 'offline' | 'paper' | 'link' | 'disk'; subject: string; text: string; raisedAt: number; cleared: boolean }

export interface Watch {
  offline: { id: string; name: string }[];
  paper: { id: string; name: string; paper: 'low' | 'out' }[];
  link: { configured: boolean; failures: number; parked: number };
  disk: { freeBytes: number; totalBytes: number } | null;
}

const named = (d: { id: string; name: string }): string => (d.name && d.name !== d.id ? `${d.name} (${d.id})` : d.id);

/** The conditions present now, as alerts (id = kind:subject, so the same cause is one alert). */
export function conditions(w: Watch, now: number): Alert[] {
  const a = (kind: Alert['kind'], subject: string, text: string): Alert => ({ id: `${kind}:${subject}`, kind, subject, text, raisedAt: now, cleared: false });
  const out = [
    ...w.offline.map((d) => a('offline', d.id, `${named(d)} mất kết nối`)),
    ...w.paper.map((p) => a('paper', p.id, `${named(p)}: ${p.paper === 'out' ? 'hết giấy' : 'sắp hết giấy'}`)),
  ];
  if (w.link.configured && (w.link.failures > 0 || w.link.parked > 0)) out.push(a('link', 'onestop', w.link.parked ? `Liên thông tỉnh: ${w.link.parked} sự kiện bị từ chối` : `Liên thông tỉnh lỗi ${w.link.failures} lần liên tiếp`));
  if (w.disk && w.disk.freeBytes < 0.1 * w.disk.totalBytes) out.push(a('disk', 'data', 'Ổ đĩa dữ liệu còn dưới 10 %'));
  return out;
}

/** The alert list after looking again: new causes added, vanished ones kept as cleared (until acknowledged). */
export function updateAlerts(prev: readonly Alert[], now: Alert[]): Alert[] {
  const live = new Map(now.map((x) => [x.id, x]));
  const kept = prev.map((p) => (live.has(p.id) ? { ...p, cleared: false } : { ...p, cleared: true }));
  const known = new Set(prev.map((p) => p.id));
  return [...kept, ...now.filter((x) => !known.has(x.id))];
}

/** Acknowledge (handled): the alert goes; raised again only if its cause is present at the next look. */
export function acknowledge(list: readonly Alert[], id: string): Alert[] { return list.filter((a) => a.id !== id); }

/** Where the list is kept between restarts (the hub's `meta` table): an alert nobody handled is still there after a
 * restart or a power cut, with the time it was first raised, and one handled before does not come back by itself. */
export interface AlertStore { load(): Alert[]; save(list: readonly Alert[]): void }

const ALERTS_KEY = 'monitoring.alerts';

/** An AlertStore over the hub's SQLite `meta` table (key `monitoring.alerts`, a JSON list). */
export function metaAlertStore(db: { open: boolean; prepare(sql: string): { get(...a: unknown[]): unknown; run(...a: unknown[]): unknown } }): AlertStore {
  return {
    load() {
      const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(ALERTS_KEY) as { value: string } | undefined;
      if (!row) return [];
      try {
        const list = JSON.parse(row.value) as unknown;
        return Array.isArray(list) ? list.filter((a): a is Alert => typeof a === 'object' && a !== null && typeof (a as Alert).id === 'string') : [];
      } catch { return []; } // a damaged row loses only the list; the causes still present are raised again
    },
    save(list) {
      if (!db.open) return;
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(ALERTS_KEY, JSON.stringify(list));
    },
  };
}

/** The hub's one list of alerts: looked at by the summary, the admin page and /metrics; written through when it changes. */
export class AlertBook {
  private list: Alert[];
  constructor(private readonly store: AlertStore | null = null) { this.list = store?.load() ?? []; }
  get current(): readonly Alert[] { return this.list; }
  /** Look again at what is present now. */
  update(present: Alert[]): Alert[] { return this.set(updateAlerts(this.list, present)); }
  acknowledge(id: string): Alert[] { return this.set(acknowledge(this.list, id)); }
  private set(next: Alert[]): Alert[] {
    const changed = JSON.stringify(next) !== JSON.stringify(this.list);
    this.list = next;
    if (changed) this.store?.save(next);
    return next;
  }
}

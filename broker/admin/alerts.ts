/**
 * Monitoring alerts that stay until a person handles them: raised when a device goes offline, a printer runs low
 * or out of paper, the provincial link fails or the disk runs low; kept (marked "cleared") when the cause goes
 * away, gone only when acknowledged. Pure over plain data; the hub keeps one list in memory.
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

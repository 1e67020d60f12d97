import { DEVICE_PUB_CHANNELS, DEVICE_SUB_CHANNELS, HUB_READS_BY_KIND, ROOT, deviceTopic, type DeviceKind } from '../../protocol/topics.js';

/** Who is on the other end of an MQTT connection. */
export type Identity =
  | { type: 'hub' }
  | { type: 'device'; id: string; kind: DeviceKind; counterId: string | null }
  | { type: 'staff'; username: string; role: string };

export interface Grants { publish: string[]; subscribe: string[] }

/**
 * The access rules, one source for aedes' hooks and the exported Mosquitto ACL: a device publishes only on its
 * own channels and subscribes only to its own set/response plus the hub topics its kind needs.
 */
export function grantsFor(id: Identity, office: string): Grants {
  switch (id.type) {
    case 'hub': return { publish: [`${ROOT}/${office}/#`], subscribe: [`${ROOT}/${office}/#`] };
    case 'staff': return { publish: [], subscribe: [`${ROOT}/${office}/hub/#`] };
    case 'device': {
      const own = (chs: readonly string[]) => chs.map((c) => deviceTopic(office, id.kind, id.id, c as never));
      const reads = HUB_READS_BY_KIND[id.kind]
        .filter((r) => !r.includes('{counter}') || id.counterId)
        .map((r) => `${ROOT}/${office}/hub/${r.replace('{counter}', id.counterId ?? '')}`);
      return { publish: own(DEVICE_PUB_CHANNELS), subscribe: [...own(DEVICE_SUB_CHANNELS), ...reads] };
    }
  }
}

/** MQTT filter matching (+ and #). */
export function matches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

export function mayPublish(id: Identity, office: string, topic: string): boolean {
  if (topic.includes('+') || topic.includes('#')) return false;
  return grantsFor(id, office).publish.some((g) => matches(g, topic));
}

/**
 * A subscription is allowed when the requested filter is one of the grants, or a filter covered by one without
 * wildcards beyond it (a device may not widen its view with # or +).
 */
export function maySubscribe(id: Identity, office: string, filter: string): boolean {
  const grants = grantsFor(id, office).subscribe;
  if (grants.includes(filter)) return true;
  return grants.some((g) => (g.endsWith('/#') || g.includes('+')) && coveredBy(filter, g));
}

function coveredBy(filter: string, grant: string): boolean {
  const f = filter.split('/');
  const g = grant.split('/');
  for (let i = 0; i < f.length; i++) {
    const gi = g[i];
    if (gi === '#') return true;
    if (gi === undefined) return false;
    if (f[i] === '#') return false;
    if (f[i] === '+' && gi !== '+') return false;
    if (gi !== '+' && gi !== f[i]) return false;
  }
  return f.length === g.length;
}

import type { Hub, HubOptions } from './app.js';

/** Hub options of the demo (ticket renderer, printers): filled in as the printing module lands. */
export async function demoHubOptions(): Promise<Partial<HubOptions>> {
  return {};
}

/** Provision (once) and start the demo's simulated devices; returns display URLs to print. */
export async function startDemoDevices(hub: Hub): Promise<{ urls: [string, string][]; stop: () => Promise<void> }> {
  const urls: [string, string][] = [];
  const counters = hub.cfg.counters.map((c) => c.id);
  const ensure = (id: string, kind: string, counterId: string | null, options: Record<string, unknown> = {}): string => {
    const secret = hub.registry.get(id) ? hub.registry.rotate(id) : hub.registry.add({ id, kind, counterId, options, name: id }, counters).secret;
    return secret;
  };
  const hall = ensure('display-hall', 'display', null);
  urls.push(['Màn hình chung (hall):', String(hub.pairing('display-hall', hall).pageUrl)]);
  const kiosk = ensure('kiosk-1', 'kiosk', null);
  urls.push(['Kiốt (kiosk):', String(hub.pairing('kiosk-1', kiosk).pageUrl)]);
  const first = hub.cfg.counters[0];
  if (first) {
    const s = ensure(`counter-${first.id}`, 'counter', first.id);
    urls.push([`Màn hình quầy ${first.number}:`, String(hub.pairing(`counter-${first.id}`, s).pageUrl)]);
  }
  return { urls, stop: async () => undefined };
}

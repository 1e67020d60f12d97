/** Shared setup of the kiosk tests: a real hub (optionally pointed at the provincial-system simulator), a virtual
 * network printer, a provisioned kiosk device and Debian's Chromium. Everything is closed by `t.teardown`. */
import type { Test } from 'tap';
import type { Browser, Page } from 'playwright-core';
import { VirtualPrinter } from '../../printer/virtual-printer.js';
import { startOnestopSim, type OnestopSim } from '../../broker/onestop/sim.js';
import type { OfficeConfig } from '../../config/types.js';
import { launch, newPage } from '../helpers/browser.js';
import { OPEN_AT, startHub, testClock, testConfig, type TestHub } from '../helpers/hub.js';

export interface KioskRig { th: TestHub; vp: VirtualPrinter; browser: Browser; sim: OnestopSim | null; clock: ReturnType<typeof testClock>; kioskUrl: (params?: string) => string }

export async function kioskRig(t: Test, o: { sim?: boolean; at?: string; file?: string; patch?: (c: OfficeConfig) => void } = {}): Promise<KioskRig> {
  const sim = o.sim ? await startOnestopSim() : null;
  if (sim) t.teardown(() => sim.close());
  const vp = new VirtualPrinter();
  await vp.start();
  t.teardown(() => vp.stop());
  const clock = testClock(o.at ?? OPEN_AT);
  const cfg = testConfig(o.file, (c) => { if (sim) c.onestop.url = sim.url; o.patch?.(c); });
  const th = await startHub({ cfg, clock: clock.now });
  t.teardown(() => th.stop());
  const counters = th.hub.cfg.counters.map((c) => c.id);
  const printer = th.hub.registry.add({ id: 'p1', kind: 'printer', counterId: null, options: { transport: 'tcp', host: '127.0.0.1', port: vp.port, paper: 80, text: 'cp1258' } }, counters);
  th.hub.addPrinter(printer.device);
  const { secret } = th.hub.registry.add({ id: 'kiosk1', kind: 'kiosk', counterId: null, options: { printerId: 'p1' } }, counters);
  const browser = await launch();
  t.teardown(() => browser.close());
  const page = String(th.hub.pairing('kiosk1', secret).pageUrl);
  const kioskUrl = (params = ''): string => page.replace('/kiosk#', `/kiosk${params ? `?${params}` : ''}#`);
  return { th, vp, browser, sim, clock, kioskUrl };
}

/** Open the kiosk in a fresh browser context of the given size; waits for the first screen. */
export async function openKiosk(t: Test, rig: KioskRig, size: { width: number; height: number }, params = ''): Promise<Page> {
  const { context, page } = await newPage(rig.browser, size);
  t.teardown(() => context.close());
  await page.goto(rig.kioskUrl(params));
  await page.waitForSelector('body[data-screen="home"], body[data-screen="closed"]');
  return page;
}

/** Wait until the kiosk shows `screen`. */
export async function onScreen(page: Page, screen: string): Promise<void> {
  await page.waitForSelector(`body[data-screen="${screen}"]`, { timeout: 10_000 });
}

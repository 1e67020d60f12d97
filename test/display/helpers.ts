/** Shared steps of the display tests: pairing a display page, staffing counters, reading what the page shows. */
import type { Browser, Page } from 'playwright-core';
import { newPage } from '../helpers/browser.js';
import type { TestHub } from '../helpers/hub.js';

/** Provision a display device and open its page with the pairing address (#device=&secret=). */
export async function openDisplay(browser: Browser, th: TestHub, o: { id: string; kind: 'display' | 'counter'; counterId?: string; size: { width: number; height: number }; query?: string }): Promise<{ page: Page; close: () => Promise<void> }> {
  const { secret } = th.hub.registry.add({ id: o.id, kind: o.kind, counterId: o.counterId ?? null }, th.hub.cfg.counters.map((c) => c.id));
  const pageUrl = String(th.hub.pairing(o.id, secret).pageUrl);
  const { context, page } = await newPage(browser, o.size);
  const [path, hash] = pageUrl.split('#') as [string, string];
  await page.goto(`${path}${o.query ?? ''}#${hash}`);
  return { page, close: () => context.close() };
}

/** Sign a clerk in at a counter (as the clerk console does). */
export function signIn(th: TestHub, counterId: string, clerkId: string): void {
  th.hub.queue.execute({ op: 'signIn', counterId, clerkId }, { source: 'test' });
}

export function issue(th: TestHub, fieldId: string): string {
  const r = th.hub.queue.execute({ op: 'issue', fieldId, source: 'test', awaitPrint: false }, { source: 'test' });
  return String(r.ticket?.number);
}

/** The clerk presses Next; returns the number now served at that counter. */
export function next(th: TestHub, counterId: string): string {
  th.hub.queue.execute({ op: 'next', counterId }, { source: 'test' });
  const st = th.hub.publisher.counterState(counterId) as { ticket: { number: string } | null };
  return st.ticket?.number ?? '';
}

/** Wait until the page holds fresh state (connected, retained state rendered). */
export async function fresh(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.body.classList.contains('stale'), undefined, { timeout: 15_000 });
}

export const text = (page: Page, sel: string): Promise<string> => page.locator(sel).innerText();

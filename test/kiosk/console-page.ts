/** Open the clerk console in a page: log in and sign in at a counter, wait until it is live; and the rig the console tests share. */
import type { Test } from 'tap';
import type { Page } from 'playwright-core';
import { launch, LANDSCAPE, newPage } from '../helpers/browser.js';
import { OPEN_AT, startHub, testClock, TestDevice, type TestHub } from '../helpers/hub.js';

export async function openConsole(page: Page, url: string, counterId: string, user = 'nv-lan', password = 'matkhau-123'): Promise<void> {
  await page.goto(`${url}/console`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('[data-action="login"]');
  await page.click(`[data-counter="${counterId}"]`);
  await page.waitForSelector('[data-role="conn"]:has-text("Trực tuyến")');
}

export interface ConsoleRig { page: Page; th: TestHub; clock: ReturnType<typeof testClock>; disp: TestDevice; issue: (fieldId: string, priority?: string | null) => Promise<string> }

/** A hub on the test clock, clerk nv-lan, a dispenser, and the console open in Chromium at `counterId`. */
export async function consoleRig(t: Test, counterId: string, size = LANDSCAPE): Promise<ConsoleRig> {
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now });
  t.teardown(() => th.stop());
  await th.hub.staff.add('nv-lan', 'matkhau-123', 'clerk', 'nv-lan');
  const disp = await TestDevice.create(th, 'd1', 'dispenser');
  t.teardown(() => disp.end());
  const browser = await launch();
  t.teardown(() => browser.close());
  const { page } = await newPage(browser, size);
  await openConsole(page, th.url, counterId);
  const issue = async (fieldId: string, priority: string | null = null): Promise<string> =>
    String(((await disp.request('issue', { fieldId, priority })).result as { number: string }).number);
  return { page, th, clock, disp, issue };
}

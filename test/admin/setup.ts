/** Shared setup of the admin-page tests: a real hub with a technician and a manager, and Debian's Chromium. */
import type { Test } from 'tap';
import type { Browser, Page } from 'playwright-core';
import { launch, LANDSCAPE, newPage } from '../helpers/browser.js';
import { OPEN_AT, startHub, testClock, testConfig, type TestHub } from '../helpers/hub.js';
import type { OfficeConfig } from '../../config/types.js';

export const TECH = { username: 'kythuat', password: 'ky-thuat-2026' };
export const MANAGER = { username: 'truongbp', password: 'truong-bo-phan' };

export interface AdminRig { th: TestHub; browser: Browser }

export async function adminRig(t: Test, patch?: (c: OfficeConfig) => void): Promise<AdminRig> {
  const clock = testClock(OPEN_AT);
  const th = await startHub({ cfg: testConfig(undefined, patch), clock: clock.now });
  t.teardown(() => th.stop());
  await th.hub.staff.add(TECH.username, TECH.password, 'technician');
  await th.hub.staff.add(MANAGER.username, MANAGER.password, 'manager');
  const browser = await launch();
  t.teardown(() => browser.close());
  return { th, browser };
}

/** A fresh browser context on /admin, signed in as `who`; waits for the devices tab. */
export async function openAdmin(t: Test, rig: AdminRig, who: { username: string; password: string }): Promise<Page> {
  const { context, page } = await newPage(rig.browser, LANDSCAPE);
  t.teardown(() => context.close());
  page.on('dialog', (d) => { void d.accept(); });
  await page.goto(`${rig.th.url}/admin`);
  await page.fill('#username', who.username);
  await page.fill('#password', who.password);
  await page.click('[data-action="login"]');
  await page.waitForSelector('[data-testid="who"]');
  await page.waitForSelector('[data-device], td.muted');
  return page;
}

/** The config editor card of a section. */
export const card = (section: string): string => `section[data-section="${section}"]`;

/** Open the clerk console in a page: log in and sign in at a counter, wait until it is live. */
import type { Page } from 'playwright-core';

export async function openConsole(page: Page, url: string, counterId: string, user = 'nv-lan', password = 'matkhau-123'): Promise<void> {
  await page.goto(`${url}/console`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('[data-action="login"]');
  await page.click(`[data-counter="${counterId}"]`);
  await page.waitForSelector('[data-role="conn"]:has-text("Trực tuyến")');
}

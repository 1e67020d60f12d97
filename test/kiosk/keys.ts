import type { Page } from 'playwright-core';

/** Type on the kiosk's on-screen keyboard by touching its keys (space → the space bar). */
export async function typeKeys(page: Page, text: string): Promise<void> {
  for (const ch of text) await page.click(`.keyboard [data-key="${ch === ' ' ? 'space' : ch}"]`);
}

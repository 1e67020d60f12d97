import type { Page } from 'playwright-core';

/**
 * What a 2D scanner in keyboard mode does: the QR's text as key presses a few milliseconds apart, then Enter. The
 * keys are sent inside the page in one go, so a loaded test machine cannot stretch the gaps past the kiosk's 60 ms.
 */
export async function scan(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    for (const key of [...t, 'Enter']) document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  }, text);
}

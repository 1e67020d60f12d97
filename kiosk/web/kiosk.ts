/**
 * The citizen kiosk (`/kiosk#device=ID&secret=S`, a `kiosk` device): take a number, look up procedures and
 * dossiers, rate the service (rating-station mode `?rating=1`). URL parameters: `idle` seconds before returning
 * home (default 60), `lang=en`, `rating=1|0` (remembered on the kiosk). See docs/kiosk.md.
 */
import { deviceCredentials } from '../../web-lib/hub-client.js';
import { h, mount } from './shared/dom.js';
import { KioskApp, readParams } from './kiosk/app.js';
import { closedScreen, homeScreen } from './kiosk/home.js';
import { lockDown } from './kiosk/lockdown.js';

async function main(): Promise<void> {
  const device = deviceCredentials('motcua.kiosk'); // first: takes the secret out of the address before history is touched
  lockDown();
  const root = document.getElementById('app') as HTMLElement;
  const app = new KioskApp(readParams(location.search), root, { home: homeScreen, closed: closedScreen });
  try {
    await app.start(device);
  } catch (e) {
    mount(root, h('section', { class: 'message message-error', role: 'alert' }, h('h2', { class: 'message-title' }, 'Không kết nối được hệ thống'), h('p', { class: 'message-text' }, (e as Error).message)));
    setTimeout(() => location.reload(), 15_000);
    return;
  }
  if (!device) root.prepend(h('div', { class: 'banner', role: 'status' }, app.t('noDevice')));
  (window as unknown as { kiosk: KioskApp }).kiosk = app;
}

void main();

/**
 * The clerk counter console (`/console`): staff login, choose the counter, then serve (see console/counter-view.ts).
 * Needs no device pairing: it uses the staff session and short-lived read-only MQTT credentials.
 */
import { ApiError, getJson, postJson } from '../../web-lib/hub-client.js';
import { h, mount } from './shared/dom.js';
import type { OfficeInfo } from './kiosk/types.js';
import { get, type Me } from './console/api.js';
import { chooseCounter } from './console/chooser.js';
import { CounterConsole } from './console/counter-view.js';
import { loginForm } from './shared/login.js';

const root = document.getElementById('app') as HTMLElement;

async function main(): Promise<void> {
  let me: Me;
  try { me = (await get<{ user: Me }>('/api/auth/me')).user; } catch (e) {
    if (e instanceof ApiError && e.status === 401) { loginForm(root, 'Màn hình quầy — đăng nhập', () => void main()); return; }
    mount(root, h('p', { class: 'alert', role: 'alert' }, (e as Error).message));
    return;
  }
  const office = await getJson<OfficeInfo>('/api/office');
  const logout = (): void => { void postJson('/api/auth/logout').finally(() => void main()); };
  const open = (counterId: string): void => {
    const c = new CounterConsole(root, me, office, counterId, () => void chooseCounter(root, me, open, logout, true));
    (window as unknown as { counterConsole: CounterConsole }).counterConsole = c;
    void c.start();
  };
  await chooseCounter(root, me, open, logout);
}

void main();

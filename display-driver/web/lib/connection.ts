/**
 * Joins a display page to the hub: device credentials from the address (#device=&secret=, then localStorage),
 * the office id from /api/office, MQTT over WebSocket, and the "lost connection" banner. While the page is not
 * connected, or connected but not yet holding fresh retained state, `<body>` carries the class `stale`.
 */
import { deviceCredentials, getJson, HubClient, type Status } from '../../../web-lib/hub-client.js';
import type { DeviceKind } from '../../../protocol/topics.js';

export const TEXT = {
  connecting: 'Đang kết nối với máy chủ…',
  lost: 'Mất kết nối với máy chủ — đang kết nối lại…',
  refused: 'Máy chủ từ chối thiết bị này (sai mã bí mật, hoặc thiết bị đã bị tắt hay xoá). Ghép nối lại từ trang Quản trị → Thiết bị.',
  unpaired: 'Màn hình chưa được ghép nối. Mở địa chỉ ghép nối của thiết bị (trang Quản trị → Thiết bị).',
} as const;

export interface DisplayLink { client: HubClient; office: string; deviceId: string; fresh: () => void }

function banner(text: string | null): void {
  let el = document.getElementById('conn-banner');
  if (!el) {
    el = document.createElement('div');
    el.id = 'conn-banner';
    el.setAttribute('role', 'alert');
    document.body.append(el);
  }
  el.textContent = text ?? '';
  el.hidden = text === null;
}

async function officeId(): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await getJson<{ office: { id: string } }>('/api/office')).office.id;
    } catch {
      banner(attempt === 0 ? TEXT.connecting : TEXT.lost);
      await new Promise((r) => setTimeout(r, Math.min(5000, 1000 * (attempt + 1))));
    }
  }
}

/**
 * Connects as the page's device. `fresh()` must be called by the page when a retained state message arrives:
 * it lifts the stale marking. Returns null (and says so on screen) when the page has no credentials.
 */
export async function connectDisplay(kind: DeviceKind, storageKey: string): Promise<DisplayLink | null> {
  document.body.classList.add('stale');
  const creds = deviceCredentials(storageKey);
  if (!creds) { banner(TEXT.unpaired); return null; }
  banner(TEXT.connecting);
  const office = await officeId();
  const client = new HubClient({ username: creds.id, password: creds.secret, clientId: HubClient.screenClientId(creds.id) }, { office, kind, id: creds.id });
  let everOnline = false;
  client.onStatus = (s: Status) => {
    if (s === 'online') { everOnline = true; return; } // stays stale until the retained state arrives
    document.body.classList.add('stale');
    banner(s === 'refused' ? TEXT.refused : everOnline ? TEXT.lost : TEXT.connecting);
  };
  const fresh = (): void => {
    if (client.status !== 'online') return;
    document.body.classList.remove('stale');
    banner(null);
  };
  return { client, office, deviceId: creds.id, fresh };
}

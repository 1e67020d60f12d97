/**
 * Admin pages (`/admin`): technicians manage devices, the office configuration and staff accounts; office managers
 * read devices and edit texts, calendar, clerks and the rating scale; clerks have no access. Plain DOM, hash tabs.
 */
import { AdminError, describe, get, post } from './admin/api.js';
import { DevicesView } from './admin/devices.js';
import { h, mount } from './admin/dom.js';
import { SectionEditor, type EditorHost, type SectionSpec } from './admin/editor.js';
import { ROLE_NAMES } from './admin/labels.js';
import { loginForm } from './shared/login.js';
import { auditPanel, linkPanel, previewPanel } from './admin/panels.js';
import { bookingSpec, calendarSpec, clerksSpec, countersSpec, fieldsSpec, officeSpec, queueSpec, ratingSpec, textsSpec, voiceSpec } from './admin/sections.js';
import { usersPanel } from './admin/users.js';
import { HubClient, hubTopic, staffCredentials } from '../../web-lib/hub-client.js';

const ADMIN_LOGIN = 'Quản trị Trung tâm Phục vụ hành chính công — đăng nhập';

interface Me { username: string; role: string }
type Cfg = Record<string, any>;
const root = document.getElementById('app') as HTMLElement;

const TABS: [string, string][] = [['thiet-bi', 'Giám sát và thiết bị'], ['quay', 'Quầy và lĩnh vực'], ['cong-chuc', 'Công chức'], ['lich', 'Lịch làm việc'], ['danh-gia', 'Thang đánh giá'],
  ['noi-dung', 'Nội dung phiếu và màn hình'], ['bo-phan', 'Bộ phận và quy tắc'], ['lien-thong', 'Liên thông tỉnh'], ['nhat-ky', 'Nhật ký'], ['tai-khoan', 'Tài khoản']];

class AdminApp {
  private cfg: Cfg = {};
  private editable = new Set<string>();
  private readonly view = h('main');
  private readonly nav = h('nav', { class: 'tabs', 'aria-label': 'Mục quản trị' });
  private devices: DevicesView | null = null;
  private mqtt: HubClient | null = null;

  constructor(private readonly me: Me) {}

  async start(): Promise<void> {
    const r = await get<{ config: Cfg; editable: string[] }>('/api/admin/config');
    this.cfg = r.config;
    this.editable = new Set(r.editable);
    const logout = h('button', { class: 'btn btn-small', 'data-action': 'logout', onclick: () => { this.mqtt?.end(); void post('/api/auth/logout').finally(() => location.reload()); } }, 'Đăng xuất');
    mount(root, h('header', { class: 'top' }, h('h1', {}, `Quản trị — ${String(this.cfg.office?.name ?? '')}`),
      h('a', { class: 'btn btn-small', href: '/reports', 'data-nav': 'reports' }, 'Báo cáo'),
      h('span', { class: 'who', 'data-testid': 'who' }, `${this.me.username} · ${ROLE_NAMES[this.me.role] ?? this.me.role}`), logout), this.nav, this.view);
    window.addEventListener('hashchange', () => this.show());
    this.show();
    void this.live();
  }

  /** Device changes arrive retained on hub/devices: refresh the list when it is open. */
  private async live(): Promise<void> {
    try {
      const creds = await staffCredentials();
      this.mqtt = new HubClient(creds);
      this.mqtt.subscribe(hubTopic.devices(creds.office), () => { if (this.devices?.el.isConnected) void this.devices.refresh(); });
      this.mqtt.connect();
    } catch { /* the list still works by reloading the tab */ }
  }

  private get isTech(): boolean { return this.me.role === 'technician'; }

  private host: EditorHost = {
    value: (s) => this.cfg[s],
    canEdit: (s) => this.editable.has(s),
    saved: (config) => { this.cfg = config; },
  };

  private editor(spec: SectionSpec): HTMLElement { return new SectionEditor(spec, this.host).el; }

  private show(): void {
    const tab = location.hash.slice(1) || 'thiet-bi';
    mount(this.nav, ...TABS.map(([id, label]) => h('a', { href: `#${id}`, 'data-tab': id, 'aria-current': id === tab ? 'page' : null }, label)));
    const tz = String(this.cfg.office?.timezone ?? 'Asia/Ho_Chi_Minh');
    const fields = () => (this.cfg.fields as Cfg[]).map((f) => ({ id: String(f.id), name: String(f.name) }));
    this.devices = null;
    switch (tab) {
      case 'quay': mount(this.view, this.editor(fieldsSpec()), this.editor(countersSpec(() => this.cfg))); break;
      case 'cong-chuc': mount(this.view, this.editor(clerksSpec())); break;
      case 'lich': mount(this.view, this.editor(calendarSpec())); break;
      case 'danh-gia': mount(this.view, this.editor(ratingSpec())); break;
      case 'noi-dung': mount(this.view, this.editor(textsSpec(previewPanel(fields))), this.editor(voiceSpec())); break;
      case 'bo-phan': mount(this.view, this.editor(officeSpec()), this.editor(queueSpec()), this.editor(bookingSpec())); break;
      case 'lien-thong': void linkPanel(this.view, tz, this.isTech); break;
      case 'nhat-ky': void auditPanel(this.view, tz); break;
      case 'tai-khoan': void usersPanel(this.view, this.isTech, () => (this.cfg.clerks as Cfg[]).map((c) => ({ id: String(c.id), name: String(c.name) }))); break;
      default: {
        this.devices = new DevicesView({ isTech: this.isTech, tz, counters: () => (this.cfg.counters as Cfg[]).map((c) => ({ id: String(c.id), number: Number(c.number), name: String(c.name) })) });
        mount(this.view, this.devices.el);
        void this.devices.refresh();
      }
    }
  }
}

async function main(): Promise<void> {
  let me: Me;
  try { me = (await get<{ user: Me }>('/api/auth/me')).user; } catch (e) {
    if (e instanceof AdminError && e.status === 401) { loginForm(root, ADMIN_LOGIN, () => void main()); return; }
    mount(root, h('p', { class: 'alert', role: 'alert' }, describe(e)));
    return;
  }
  if (me.role === 'clerk') {
    loginForm(root, ADMIN_LOGIN, () => void main(), 'Tài khoản công chức không có quyền quản trị. Hãy đăng nhập bằng tài khoản kỹ thuật viên hoặc lãnh đạo bộ phận.');
    return;
  }
  try { await new AdminApp(me).start(); } catch (e) { mount(root, h('p', { class: 'alert', role: 'alert' }, describe(e))); }
}

void main();

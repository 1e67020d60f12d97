/** Staff accounts: list; technicians add, change role, disable, reset passwords. The server refuses to lose the last technician. */
import { describe, get, patch, post } from './api.js';
import { h, mount } from './dom.js';
import { ROLE_NAMES } from './labels.js';

interface User { username: string; role: string; clerkId: string | null; disabled: boolean }

export async function usersPanel(el: HTMLElement, isTech: boolean, clerks: () => { id: string; name: string }[]): Promise<void> {
  const msg = h('div', { 'aria-live': 'polite' });
  const show = (e: unknown) => mount(msg, h('p', { class: 'alert', role: 'alert' }, describe(e)));
  const ok = (t: string) => mount(msg, h('p', { class: 'note', role: 'status' }, t));
  const list = h('tbody');
  const reload = async () => {
    let users: User[];
    try { users = (await get<{ users: User[] }>('/api/users')).users; } catch (e) { show(e); return; }
    mount(list, ...users.map((u) => {
      const role = h('select', { 'aria-label': `Vai trò của ${u.username}`, disabled: !isTech, 'data-role-of': u.username }, ...Object.entries(ROLE_NAMES).map(([k, v]) => h('option', { value: k, selected: k === u.role }, v)));
      role.onchange = () => { patch(`/api/users/${encodeURIComponent(u.username)}`, { role: role.value }).then(() => ok(`Đã đổi vai trò của ${u.username}.`), (e: unknown) => { show(e); role.value = u.role; }); };
      const toggle = h('button', { class: `btn btn-small ${u.disabled ? '' : 'btn-danger'}`, 'data-action': u.disabled ? 'enable-user' : 'disable-user', onclick: () => {
        patch(`/api/users/${encodeURIComponent(u.username)}`, { disabled: !u.disabled }).then(() => { ok(u.disabled ? `Đã mở khóa ${u.username}.` : `Đã khóa ${u.username}.`); return reload(); }, show);
      } }, u.disabled ? 'Mở khóa' : 'Khóa');
      const reset = h('button', { class: 'btn btn-small', 'data-action': 'password', onclick: () => {
        const pw = prompt(`Mật khẩu mới cho ${u.username} (ít nhất 8 ký tự):`);
        if (pw) post(`/api/users/${encodeURIComponent(u.username)}/password`, { password: pw }).then(() => ok(`Đã đặt mật khẩu mới cho ${u.username}.`), show);
      } }, 'Đặt mật khẩu');
      return h('tr', { 'data-user': u.username }, h('td', {}, h('strong', {}, u.username)), h('td', {}, role), h('td', {}, u.clerkId ?? '—'),
        h('td', {}, u.disabled ? h('span', { class: 'badge badge-off' }, 'Đã khóa') : h('span', { class: 'badge badge-ok' }, 'Hoạt động')), isTech ? h('td', {}, h('div', { class: 'actions', style: 'margin:0' }, toggle, reset)) : null);
    }));
  };
  mount(el, msg, h('section', { class: 'card' }, h('h2', {}, 'Tài khoản'),
    isTech ? null : h('p', { class: 'warn' }, 'Chỉ xem: chỉ kỹ thuật viên được thêm hoặc sửa tài khoản.'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Tên đăng nhập'), h('th', {}, 'Vai trò'), h('th', {}, 'Công chức'), h('th', {}, 'Trạng thái'), isTech ? h('th', {}, '') : null)), list)),
  isTech ? addUserForm(clerks, reload, ok, show) : null);
  await reload();
}

function addUserForm(clerks: () => { id: string; name: string }[], reload: () => Promise<void>, ok: (t: string) => void, show: (e: unknown) => void): HTMLElement {
  const username = h('input', { id: 'user-name', required: true, autocomplete: 'off' });
  const pw = h('input', { id: 'user-password', type: 'password', required: true, minlength: 8, autocomplete: 'new-password' });
  const role = h('select', { id: 'user-role' }, ...Object.entries(ROLE_NAMES).map(([k, v]) => h('option', { value: k }, v)));
  const clerk = h('select', { id: 'user-clerk' }, h('option', { value: '' }, '—'), ...clerks().map((c) => h('option', { value: c.id }, `${c.name} (${c.id})`)));
  const form = h('form', { class: 'card', onsubmit: (e: Event) => {
    e.preventDefault();
    post('/api/users', { username: username.value.trim(), password: pw.value, role: role.value, clerkId: clerk.value || null })
      .then(async () => { ok(`Đã tạo tài khoản ${username.value.trim()}.`); form.reset(); await reload(); }, show);
  } }, h('h2', {}, 'Thêm tài khoản'),
  h('div', { class: 'form-grid' }, h('label', { for: 'user-name' }, 'Tên đăng nhập'), h('div', {}, username, h('p', { class: 'help' }, '3–32 chữ thường không dấu, số, dấu chấm, gạch.')),
    h('label', { for: 'user-password' }, 'Mật khẩu'), pw, h('label', { for: 'user-role' }, 'Vai trò'), role,
    h('label', { for: 'user-clerk' }, 'Công chức'), h('div', {}, clerk, h('p', { class: 'help' }, 'Bắt buộc với tài khoản công chức.'))),
  h('div', { class: 'actions' }, h('button', { class: 'btn btn-primary', type: 'submit', 'data-action': 'add-user' }, 'Tạo tài khoản')));
  return form;
}

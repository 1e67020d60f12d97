/** The staff login form (session cookie from POST /api/auth/login), shared by the clerk console and the admin pages. */
import { ApiError, postJson } from '../../../web-lib/hub-client.js';
import { h, mount } from './dom.js';

export function loginForm(root: HTMLElement, title: string, onDone: () => void, notice?: string): void {
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pw = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const err = h('p', { class: 'alert', role: 'alert', hidden: !notice }, notice ?? '');
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', 'data-action': 'login' }, 'Đăng nhập');
  const form = h('form', { class: 'login card', onsubmit: (e: Event) => {
    e.preventDefault();
    submit.disabled = true;
    err.hidden = true;
    postJson('/api/auth/login', { username: user.value.trim(), password: pw.value })
      .then(() => onDone())
      .catch((x: unknown) => { err.textContent = x instanceof ApiError ? x.message : 'Không kết nối được hệ thống.'; err.hidden = false; pw.value = ''; pw.focus(); })
      .finally(() => { submit.disabled = false; });
  } },
  h('h1', {}, title),
  h('label', { for: 'username' }, 'Tên đăng nhập'), user,
  h('label', { for: 'password' }, 'Mật khẩu'), pw,
  err, submit);
  mount(root, form);
}

/** Staff login form of the clerk console (session cookie from POST /api/auth/login). */
import { ApiError } from '../lib/hub-client.js';
import { h, mount } from '../shared/dom.js';
import { post } from './api.js';

export function loginForm(root: HTMLElement, onDone: () => void): void {
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pw = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const err = h('p', { class: 'alert', role: 'alert', hidden: true });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', 'data-action': 'login' }, 'Đăng nhập');
  const form = h('form', { class: 'login card', onsubmit: (e: Event) => {
    e.preventDefault();
    submit.disabled = true;
    err.hidden = true;
    post('/api/auth/login', { username: user.value.trim(), password: pw.value })
      .then(() => onDone())
      .catch((e: unknown) => { err.textContent = e instanceof ApiError ? e.message : 'Không kết nối được hệ thống.'; err.hidden = false; })
      .finally(() => { submit.disabled = false; });
  } },
  h('h1', {}, 'Màn hình quầy — đăng nhập'),
  h('label', { for: 'username' }, 'Tên đăng nhập'), user,
  h('label', { for: 'password' }, 'Mật khẩu'), pw,
  err, submit);
  mount(root, form);
}

/** Staff login of the admin pages (session cookie); wrong passwords are refused and, after 5 tries, rate-limited by the server. */
import { describe, post } from './api.js';
import { h, mount } from './dom.js';

export function loginForm(root: HTMLElement, onDone: () => void, notice?: string): void {
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pw = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const err = h('p', { class: 'alert', role: 'alert', hidden: !notice }, notice ?? '');
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', 'data-action': 'login' }, 'Đăng nhập');
  const form = h('form', { class: 'login card', onsubmit: (e: Event) => {
    e.preventDefault();
    submit.disabled = true;
    err.hidden = true;
    post('/api/auth/login', { username: user.value.trim(), password: pw.value })
      .then(() => onDone())
      .catch((x: unknown) => { err.textContent = describe(x).split('\n')[0] ?? ''; err.hidden = false; pw.value = ''; pw.focus(); })
      .finally(() => { submit.disabled = false; });
  } },
  h('h1', {}, 'Quản trị Bộ phận Một cửa — đăng nhập'),
  h('label', { for: 'username' }, 'Tên đăng nhập'), user,
  h('label', { for: 'password' }, 'Mật khẩu'), pw,
  err, submit);
  mount(root, form);
}

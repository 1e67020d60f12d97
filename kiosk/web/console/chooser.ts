/**
 * Choose the counter to work at: a clerk signs in there with its own clerk id (POST /api/counters/:id/signin).
 * Opened at start (a clerk already signed in somewhere goes straight there) or by "Đổi quầy" (`change`): then the
 * list is shown, the clerk's own counter marked, and another choice moves her there.
 */
import { ApiError } from '../../../web-lib/hub-client.js';
import { h, mount } from '../shared/dom.js';
import { get, post, token, type CounterView, type Me } from './api.js';

export async function chooseCounter(root: HTMLElement, me: Me, open: (counterId: string) => void, logout: () => void, change = false): Promise<void> {
  const { counters } = await get<{ counters: CounterView[] }>('/api/counters');
  const here = counters.find((c) => me.clerkId && c.clerk?.id === me.clerkId);
  if (here && !change) { open(here.counterId); return; }
  const err = h('p', { class: 'alert', role: 'alert', hidden: true });
  const pick = async (c: CounterView): Promise<void> => {
    err.hidden = true;
    if (c === here) { open(c.counterId); return; }
    try {
      await post(`/api/counters/${c.counterId}/signin`, {}, `signin-${c.counterId}-${token()}`);
      open(c.counterId);
    } catch (e) { err.textContent = e instanceof ApiError ? e.message : 'Không kết nối được hệ thống.'; err.hidden = false; }
  };
  mount(root,
    h('header', { class: 'top' }, h('h1', {}, change ? 'Đổi quầy làm việc' : 'Chọn quầy làm việc'), h('span', { class: 'who' }, me.username),
      h('button', { class: 'btn btn-quiet', type: 'button', 'data-op': 'logout', onclick: logout }, 'Đăng xuất')),
    err,
    h('div', { class: 'counters' }, ...counters.map((c) => h('button', { class: 'counter card', type: 'button', 'data-counter': c.counterId, onclick: () => void pick(c) },
      h('strong', {}, `Quầy ${c.counterNumber}`), h('span', {}, c.counterName !== `Quầy ${c.counterNumber}` ? c.counterName : ''),
      h('span', { class: 'sub' }, c.fields.join(', ')),
      c === here ? h('span', { class: 'free' }, 'Quầy bạn đang làm việc')
        : h('span', { class: c.clerk ? 'busy' : 'free' }, c.clerk ? `Đang có công chức: ${c.clerk.name}` : 'Còn trống')))));
}

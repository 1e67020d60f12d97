/** The 2026 templates on screen (real hub, real Chromium): the hall display and the kiosk of a commune-level center
 * and of a province center show the center's full name and hours, and nothing says "huyện". Screens saved. */
import t from 'tap';
import { COMMUNE_CENTER, PROVINCE_CENTER } from '../../broker/demo.js';
import { launch, LANDSCAPE, newPage, PORTRAIT, screenshot } from '../helpers/browser.js';
import { OPEN_AT, startHub, testClock, testConfig } from '../helpers/hub.js';
import { fresh, issue, next, openDisplay, signIn, text } from './helpers.js';

for (const [name, file, full] of [['commune', COMMUNE_CENTER, 'Trung tâm Phục vụ hành chính công phường An Phú'], ['province', PROVINCE_CENTER, 'Trung tâm Phục vụ hành chính công tỉnh Hòa An']] as const) {
  t.test(`${name} center: hall and kiosk speak of the center, not of a district`, async (t) => {
    const th = await startHub({ clock: testClock(OPEN_AT).now, cfg: testConfig(file, (c) => { c.voice.enabled = false; }) });
    t.teardown(th.stop);
    const browser = await launch();
    t.teardown(() => browser.close());
    signIn(th, 'q1', 'nv-lan');
    issue(th, th.hub.cfg.counters[0]?.fields[0] ?? '');
    issue(th, th.hub.cfg.counters[0]?.fields[0] ?? '');
    next(th, 'q1');
    const { page } = await openDisplay(browser, th, { id: 'hall-1', kind: 'display', size: LANDSCAPE });
    await fresh(page);
    t.equal(await text(page, '#office-name'), full, 'the hall shows the full name made from level and place');
    t.match(await text(page, '#notice'), new RegExp(`^${full} làm việc từ thứ Hai đến thứ Sáu: sáng`), 'the notice follows the name and hours');
    t.notMatch(await page.innerText('body'), /huyện|Bộ phận Một cửa/i);
    await screenshot(page, `hall-${name}-center`);
    const { secret } = th.hub.registry.add({ id: 'kiosk1', kind: 'kiosk', counterId: null, options: {} }, th.hub.cfg.counters.map((c) => c.id));
    const { context, page: kiosk } = await newPage(browser, PORTRAIT);
    t.teardown(() => context.close());
    await kiosk.goto(String(th.hub.pairing('kiosk1', secret).pageUrl));
    await kiosk.waitForSelector('body[data-screen="home"]');
    t.equal(await kiosk.textContent('.welcome'), full);
    t.notMatch(await kiosk.innerText('body'), /huyện/i);
    await screenshot(kiosk, `kiosk-home-${name}-center`);
  });
}

import t from 'tap';
import type { Page } from 'playwright-core';
import { startOnestopSim } from '../../broker/onestop/sim.js';
import { callWords } from '../../display-driver/voice/words.js';
import { launch, LANDSCAPE, screenshot } from '../helpers/browser.js';
import { COMMUNE_EXAMPLE, OPEN_AT, startHub, testClock, testConfig } from '../helpers/hub.js';
import { fresh, issue, next, openDisplay, signIn, text } from './helpers.js';
import { TEST_DAY, vnDate } from '../helpers/days.js';

interface VoiceEntry { kind: string; number: string; counterNumber: number; clips: string[]; volume: number; start: number; end: number; skipped?: string }
interface HighlightEntry { number: string; counterNumber: number; kind: string; start: number; end: number | null }

const voiceLog = (p: Page): Promise<VoiceEntry[]> => p.evaluate(() => window.__voiceLog as VoiceEntry[]);
const highlightLog = (p: Page): Promise<HighlightEntry[]> => p.evaluate(() => window.__highlightLog as HighlightEntry[]);
const waitLog = (p: Page, name: '__voiceLog' | '__highlightLog', n: number, timeout = 60_000) =>
  p.waitForFunction(([k, m]) => ((window as unknown as Record<string, unknown[]>)[k] ?? []).length >= m, [name, n] as const, { timeout });

t.test('district hall: three counters call at once; each number shows, is highlighted in turn, and is announced in order without overlap', async (t) => {
  const sim = await startOnestopSim({});
  t.teardown(() => sim.close());
  const th = await startHub({ clock: testClock(OPEN_AT).now, cfg: testConfig(undefined, (c) => { c.onestop.url = sim.url; }) });
  t.teardown(th.stop);
  const browser = await launch();
  t.teardown(() => browser.close());
  for (const [q, clerk] of [['q1', 'nv-lan'], ['q2', 'nv-hung'], ['q3', 'nv-minh'], ['q5', 'nv-duc'], ['q6', 'nv-thu']] as const) signIn(th, q, clerk);
  for (const f of ['hotich', 'datdai', 'datdai', 'kinhdoanh', 'hotich', 'ldtbxh', 'tuphap', 'hotich']) issue(th, f);
  const n5 = next(th, 'q5');
  const n6 = next(th, 'q6');
  const { page } = await openDisplay(browser, th, { id: 'hall-1', kind: 'display', size: LANDSCAPE });
  await fresh(page);
  t.equal(await text(page, '[data-counter=q5] .counter-number'), n5, 'the retained state shows the numbers already being served');
  t.equal(await text(page, '[data-counter=q6] .counter-number'), n6);
  const before = (await voiceLog(page)).length;
  const hBefore = (await highlightLog(page)).length;

  // three clerks press Next in the same instant
  const expected = [[next(th, 'q1'), 1], [next(th, 'q2'), 2], [next(th, 'q3'), 3]] as const;
  for (const [num, q] of expected) {
    await page.waitForFunction(([sel, n]) => document.querySelector(sel)?.textContent === n, [`[data-counter=q${q}] .counter-number`, num] as const);
  }
  t.match(await text(page, '[data-counter=q1]'), new RegExp(`Quầy 1[\\s\\S]*${expected[0][0]}`));
  t.match(await text(page, '[data-counter=q1]'), /Quầy 1[\s\S]*Hộ tịch · Tư pháp – Chứng thực[\s\S]*Nguyễn Thị Lan/, 'a tile shows counter, number, fields, clerk');
  t.match(await text(page, '[data-counter=q4]'), /Tạm ngừng tiếp nhận/, 'a counter without a clerk is shown closed');
  t.same((await text(page, '#recent-list')).split(/\s*\n\s*/).filter((x) => x !== '→').slice(0, 6),
    [expected[2][0], 'Quầy 3', expected[1][0], 'Quầy 2', expected[0][0], 'Quầy 1'], 'latest calls, newest first');
  t.match(await text(page, '#waiting-list'), /Hộ tịch\s*1/, 'people waiting per field');
  await page.waitForFunction(() => !document.getElementById('figures')?.hidden);
  t.match(await text(page, '#figures'), /Đúng hạn\s*1\.287[\s\S]*Quá hạn\s*3/, 'dossier figures from the provincial system');
  // the clock shows the hub's time (a test clock fixed at 09:00), not the TV's own clock
  await page.waitForFunction(() => /^09:0[0-2]:\d\d$/.test(document.getElementById('clock-time')?.textContent ?? ''), undefined, { timeout: 10_000 });
  t.equal(await text(page, '#clock-date'), `Thứ Ba, ${vnDate(TEST_DAY)}`, 'the date is the hub\'s day, in the office time zone');
  t.match(await text(page, '#notice'), /Bộ phận Một cửa làm việc từ thứ Hai đến thứ Sáu/, 'the scrolling notice');
  t.ok(await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.counter-number, .now-number')].every((e) => e.scrollWidth <= e.clientWidth)), 'no number is cut off');
  await screenshot(page, 'display-hall-district');

  await waitLog(page, '__voiceLog', before + 3);
  const calls = (await voiceLog(page)).slice(before);
  t.same(calls.map((c) => [c.number, c.counterNumber]), expected, 'announced in the order the calls were made');
  for (const c of calls) {
    t.same(c.clips, callWords(c.number, c.counterNumber), `${c.number}: the joined audio speaks the expected words`);
    t.notOk(c.skipped, 'played, not skipped');
    t.equal(c.volume, 80, 'at the office volume');
    t.ok(c.end - c.start > 4000, `${c.number}: played in full (${Math.round(c.end - c.start)} ms)`);
  }
  const all = await voiceLog(page);
  for (let i = 1; i < all.length; i++) t.ok((all[i]?.start ?? 0) >= (all[i - 1]?.end ?? Infinity), `announcement ${i} starts after ${i - 1} ended`);

  await waitLog(page, '__highlightLog', hBefore + 3);
  await page.waitForFunction((n) => ((window.__highlightLog as HighlightEntry[])[n]?.end ?? null) !== null, hBefore + 1);
  const hl = (await highlightLog(page)).slice(hBefore);
  t.same(hl.map((h) => h.number), expected.map((e) => e[0]), 'each call gets its own highlight, in order');
  for (const h of hl.slice(0, 2)) t.ok((h.end ?? 0) - h.start >= 4000, `${h.number} highlighted ${(h.end ?? 0) - h.start} ms (at least 4 s)`);
  for (let i = 1; i < hl.length; i++) t.ok((hl[i]?.start ?? 0) >= (hl[i - 1]?.end ?? Infinity), 'highlights never overlap');
  hl.forEach((h, i) => t.ok(Math.abs(h.start - (calls[i]?.start ?? 0)) < 500, `${h.number} is highlighted while it is spoken`));

  // a recall is announced again
  th.hub.queue.execute({ op: 'recall', counterId: 'q2' }, { source: 'test' });
  await waitLog(page, '__voiceLog', before + 4);
  const recall = (await voiceLog(page))[before + 3];
  t.match(recall, { kind: 'recall', number: expected[1][0], counterNumber: 2 }, 'the recall is spoken');
  t.same(recall?.clips, callWords(expected[1][0], 2));
});

t.test('commune hall: one shared screen, two large counters; voice switched off by the office is not played', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now, cfg: testConfig(COMMUNE_EXAMPLE, (c) => { c.voice.enabled = false; }) });
  t.teardown(th.stop);
  const browser = await launch();
  t.teardown(() => browser.close());
  signIn(th, 'q1', 'cc-tuan');
  signIn(th, 'q2', 'cc-mai');
  for (const f of ['hotich', 'datdai', 'hotich', 'ldtbxh', 'datdai']) issue(th, f);
  const { page } = await openDisplay(browser, th, { id: 'man-hinh-chung', kind: 'display', size: LANDSCAPE });
  await fresh(page);
  t.equal(await page.evaluate(() => document.body.dataset.layout), 'commune', 'a commune office gets the commune layout');
  t.equal(await page.locator('.counter').count(), 2);
  next(th, 'q1'); next(th, 'q2');
  await page.waitForFunction(() => document.querySelector('[data-counter=q2] .counter-number')?.textContent === 'B-001');
  t.equal(await text(page, '[data-counter=q1] .counter-number'), 'A-001');
  t.match(await text(page, '[data-counter=q2]'), /Quầy 2[\s\S]*B-001[\s\S]*Đất đai – Xây dựng · Lao động – Thương binh và Xã hội[\s\S]*Trương Thị Mai/);
  t.equal(await text(page, '#now-number'), 'A-001', 'the first call is highlighted');
  t.match(await text(page, '#waiting-list'), /Hộ tịch – Chứng thực\s*1[\s\S]*Lao động – Thương binh và Xã hội\s*1/);
  t.ok(await page.locator('#figures').isHidden(), 'no figures shown when the hub has none');
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.counter-number') as Element).fontSize));
  t.ok(size >= 180, `numbers are large on the shared screen (${size}px)`);
  t.ok(await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.counter-number, .now-number')].every((e) => e.scrollWidth <= e.clientWidth)), 'no number is cut off');
  await screenshot(page, 'display-hall-commune');
  await waitLog(page, '__voiceLog', 2);
  const log = await voiceLog(page);
  t.same(log.map((e) => e.skipped), ['disabled', 'disabled'], 'voice off: calls are logged as not spoken');
});

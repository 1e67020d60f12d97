/** The receipt's QR code at the kiosk's dossier lookup, in real Chromium: a 2D scanner in keyboard mode types the
 * QR's text and Enter; only the dossier code goes further. A code a clerk just received (forwarded to the
 * provincial-system simulator) is found, as at the demo kiosk; a QR that is not a receipt is refused in Vietnamese;
 * the console's "received" refuses a code that is not of the national format. */
import { scan } from '../booking/scan.js';
import t from 'tap';
import { dossierCodeFromQr, DEFAULT_DOSSIER_CODE_PATTERN } from '../../protocol/dossier-code.js';
import { McError } from '../../protocol/errors.js';
import { PORTRAIT, screenshot } from '../helpers/browser.js';
import { waitFor } from '../helpers/hub.js';
import { TEST_DAY } from '../helpers/days.js';
import { kioskRig, onScreen, openKiosk } from './setup.js';

const ID_NUMBER = '001234567890';

t.test('reading a receipt QR keeps only the dossier code, whatever its layout', async (t) => {
  const p = DEFAULT_DOSSIER_CODE_PATTERN;
  const code = '000.00.12.H01-261120-0001';
  t.equal(dossierCodeFromQr(`${code}|1.001193|${ID_NUMBER}|01/12/2026`, p), code, 'delimited');
  t.equal(dossierCodeFromQr(JSON.stringify({ SoCCCD: ID_NUMBER, MaHoSo: code.toLowerCase(), NgayHenTra: '2026-12-01' }), p), code, 'JSON, any case');
  t.equal(dossierCodeFromQr(`https://dichvucong.example.vn/tra-cuu?maHoSo=${code}&cccd=${ID_NUMBER}`, p), code, 'a link');
  t.equal(dossierCodeFromQr(`MaHoSo:${code}\nNgayHen:01/12/2026`, p), code, 'key: value lines');
  t.equal(dossierCodeFromQr('https://example.vn/khuyen-mai', p), null, 'not a receipt');
  t.equal(dossierCodeFromQr(ID_NUMBER, p), null, 'an ID number alone is not a dossier code');
});

t.test('kiosk: scan a receipt of a dossier a clerk just received; a QR that is not a receipt is refused', async (t) => {
  const rig = await kioskRig(t, { sim: true });
  const q = rig.th.hub.queue;
  const code = `000.00.12.H01-${TEST_DAY.slice(2, 4)}${TEST_DAY.slice(5, 7)}${TEST_DAY.slice(8, 10)}-0042`;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  q.execute({ op: 'issue', fieldId: 'hotich', source: 'test', awaitPrint: false }, { source: 'test' });
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  t.throws(() => q.execute({ op: 'finish', counterId: 'q1', outcome: 'received', dossierCode: 'abc' }, { source: 'test' }),
    new McError('MC_ERR_BAD_DOSSIER_CODE', 'ABC'), '"abc" is refused: not the national format');
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'received', dossierCode: code }, { source: 'test' });
  await waitFor(() => rig.sim?.dossiers.has(code), 15_000);

  const page = await openKiosk(t, rig, PORTRAIT);
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.click('[data-action="dossier"]');
  await onScreen(page, 'dossier');
  t.match(await page.textContent('[data-role="scan-hint"]'), /mã QR trên Giấy tiếp nhận hồ sơ/);
  // the scanner's keys sent inside the page in one go: a loaded machine cannot stretch them past the 60 ms gap
  await scan(page, JSON.stringify({ MaHoSo: code, MaTTHC: '1.001193', SoCCCD: ID_NUMBER, NgayHen: '2026-12-01' }));
  await page.waitForSelector('[data-fact="code"]');
  t.equal(await page.textContent('[data-fact="code"] dd'), code, 'the dossier the clerk received is found');
  t.match(await page.textContent('[data-fact="status"] dd'), 'Đã tiếp nhận');
  t.equal(await page.textContent('[data-role="code"] .typed'), code, 'the code box shows the code alone');
  t.notOk((await page.content()).includes(ID_NUMBER), 'the ID number is not on the page');
  t.notOk(urls.some((u) => u.includes(ID_NUMBER)), 'nor sent to the hub');
  await screenshot(page, 'kiosk-receipt-scan');

  await scan(page, 'https://example.vn/khuyen-mai');
  await page.waitForSelector('[data-error="MC_ERR_NOT_A_RECEIPT"]');
  t.match(await page.textContent('[data-error="MC_ERR_NOT_A_RECEIPT"]'), /không phải của Giấy tiếp nhận hồ sơ và hẹn trả kết quả/);
  await screenshot(page, 'kiosk-receipt-not-a-receipt');
  t.equal(await page.textContent('[data-role="code"] .typed'), code, 'the code read before is kept');
});

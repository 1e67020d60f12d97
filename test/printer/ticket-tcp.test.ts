import t, { type Test } from 'tap';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { EscPosBuilder } from '../../printer/escpos.js';
import { printJob } from '../../printer/print-job.js';
import { TcpPrinterLink } from '../../printer/tcp-link.js';
import { encodeTicket } from '../../printer/ticket.js';
import { VirtualPrinter } from '../../printer/virtual-printer.js';
import { sampleTicket } from './fixtures.js';

async function setup(t: Test, paper: 58 | 80 = 80): Promise<{ vp: VirtualPrinter; link: TcpPrinterLink }> {
  const vp = new VirtualPrinter({ paper });
  await vp.start();
  const link = new TcpPrinterLink({ host: '127.0.0.1', port: vp.port, statusTimeoutMs: 500, writeTimeoutMs: 1000 });
  t.teardown(async () => { await link.close(); await vp.stop(); });
  return { vp, link };
}

t.test('cp1258 ticket over TCP: exact Vietnamese lines, QR, cut', async (t) => {
  const { vp, link } = await setup(t);
  const d = sampleTicket({ priority: 'elderly' });
  const next = vp.nextJob();
  const res = await printJob(link, encodeTicket(d, { paper: 80, text: 'cp1258' }));
  t.equal(res.status, 'ok');
  const job = await next;
  const dec = job.decoded;
  t.equal(dec.codePage, 52, 'ESC t 52 (WPC1258)');
  for (const line of [
    'Bộ phận Một cửa huyện Đăk Hà',
    '123 Hùng Vương, thị trấn Đăk Hà',
    'Lao động – Thương binh và Xã hội',
    'B012',
    'ƯU TIÊN – Người cao tuổi',
    '05/03/2025 08:05',
    'Số người đang chờ trước: 4',
    'Thời gian chờ dự kiến: khoảng 12 phút',
    'Nơi phục vụ: Quầy 1, 6, 7',
    'Xin mang theo căn cước và giấy tờ liên quan.',
    'Cảm ơn ông/bà đã sử dụng dịch vụ.',
  ]) t.ok(dec.lines.includes(line), `line "${line}"`);
  t.same(dec.qr, [d.qrUrl]);
  t.ok(dec.cut);
  t.notOk(dec.lines.some((l) => l.includes('?') || l.includes('\ufffd')), 'no "?" anywhere');
  t.notOk(dec.lines.includes('BẢN IN LẠI'), 'original is not marked as a copy');
  t.same(dec.unknown, [], 'decoder understood every command');
  const number = dec.items.find((i) => i.kind === 'text' && i.text === 'B012');
  t.ok(number && number.kind === 'text' && number.width >= 4 && number.height >= 4, 'number printed very large');
  const png = vp.renderPng(job);
  t.same([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], 'preview is a PNG');
});

t.test('reprint is marked as a copy; time zone is the office\'s', async (t) => {
  const { vp, link } = await setup(t);
  const next = vp.nextJob();
  await printJob(link, encodeTicket(sampleTicket({ copy: true, timezone: 'Asia/Bangkok', issuedAt: Date.UTC(2025, 11, 31, 17, 30) }), { paper: 80, text: 'cp1258' }));
  const dec = (await next).decoded;
  t.equal(dec.lines.filter((l) => l === 'BẢN IN LẠI').length, 2, 'copy mark at top and bottom');
  t.ok(dec.lines.includes('01/01/2026 00:30'));
});

t.test('very long field names wrap within the paper width, never overflow', async (t) => {
  const fieldName = 'Hộ tịch, chứng thực, nuôi con nuôi, quốc tịch và các thủ tục liên quan đến đăng ký cư trú của công dân';
  for (const paper of [58, 80] as const) {
    const dec = (await (async () => {
      const { vp, link } = await setup(t, paper);
      const next = vp.nextJob();
      await printJob(link, encodeTicket(sampleTicket({ fieldName }), { paper, text: 'cp1258' }));
      return (await next).decoded;
    })());
    const cols = paper === 58 ? 32 : 48;
    const fieldLines = dec.items.filter((i) => i.kind === 'text' && i.height === 2 && !i.invert);
    t.ok(fieldLines.length >= 2, `${paper} mm: wrapped onto several lines`);
    t.equal(fieldLines.map((i) => (i.kind === 'text' ? i.text : '')).join(' '), fieldName, `${paper} mm: nothing lost`);
    for (const i of dec.items) if (i.kind === 'text') t.ok([...i.text].length * i.width <= cols, `${paper} mm: "${i.text}" fits`);
  }
});

t.test('a line with characters outside CP1258 is printed as an image, not as "?"', async (t) => {
  const { vp, link } = await setup(t);
  const next = vp.nextJob();
  await printJob(link, encodeTicket(sampleTicket({ guidance: 'Hướng dẫn: 請 xin mời' }), { paper: 80, text: 'cp1258' }));
  const dec = (await next).decoded;
  t.notOk(dec.lines.some((l) => l.includes('Hướng dẫn')), 'not sent as text');
  t.equal(dec.rasters.length, 1, 'sent as one raster line');
  t.equal(dec.rasters[0]?.width, 576);
  t.ok(dec.lines.includes('Số người đang chờ trước: 4'), 'the rest stays text');
});

t.test('QR and cut bytes match @point-of-sale/receipt-printer-encoder', async (t) => {
  const url = 'http://192.168.1.10:8080/t/B012';
  const ours = new EscPosBuilder().qr(url, 6, 'M').bytes();
  const ref = new ReceiptPrinterEncoder({ language: 'esc-pos' }).qrcode(url, { model: 2, size: 6, errorlevel: 'm' }).encode();
  t.ok(Buffer.from(ref).includes(Buffer.from(ours)), 'same GS ( k sequence');
  t.same([...ours.subarray(0, 9)], [0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0], 'model 2');
});

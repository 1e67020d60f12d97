/** Vietnamese mobile numbers in every form a citizen types; the message texts (NFC, Vietnamese then English). */
import t from 'tap';
import { maskPhone, normalizePhone } from '../../broker/messages/phone.js';
import { MESSAGE_KINDS, missingVars, renderMessage, smsText, TEMPLATES } from '../../broker/messages/templates.js';

t.test('phone numbers: one canonical form, mobiles only', async (t) => {
  for (const s of ['0912345678', '0912 345 678', '091.234.5678', '+84912345678', '+84 912 345 678', '84912345678', '0084912345678', '+84 0912 345 678', '(091) 234-5678'])
    t.equal(normalizePhone(s), '84912345678', s);
  t.equal(normalizePhone('0326 123 456'), '84326123456', 'Viettel 03x');
  t.equal(normalizePhone('0587 123 456'), '84587123456', '05x');
  for (const s of ['', '12345', '0212345678', '02438251234', '091234567', '09123456789', '+1 202 555 0100', '0912a45678', '8491234567', '0012345678'])
    t.equal(normalizePhone(s), null, `refused: "${s}"`);
  t.equal(maskPhone('84912345678'), '0912 *** 678');
});

t.test('templates: every kind complete, Vietnamese NFC with diacritics, English second', async (t) => {
  const vars = { office: 'Phường An Phú', number: '1023', counter: '3', n: '3', code: 'HB-7K3Q', day: '25/11/2026', time: '08:30', minutes: '5' };
  for (const k of MESSAGE_KINDS) {
    t.same(missingVars(k, vars), [], `${k} has its variables`);
    const r = renderMessage(k, vars);
    t.equal(r.vi, r.vi.normalize('NFC'));
    t.notMatch(r.vi + r.en, /\{\w+\}/, `${k}: no placeholder left`);
    t.equal(smsText(k, vars), `${r.vi}\n${r.en}`);
  }
  t.equal(renderMessage('called', vars).vi, 'Phường An Phú: Mời quý vị có số 1023 đến Quầy 3.');
  t.match(renderMessage('ahead', vars).vi, 'Còn 3 người nữa đến lượt quý vị');
  t.same(missingVars('called', { number: '1' }), ['office', 'counter']);
  t.notMatch(Object.values(TEMPLATES).map((x) => x.vi).join(' '), /huyện/, 'the 2026 vocabulary');
});

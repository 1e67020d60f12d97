/** JSON calls of the admin pages; errors keep the server's code, Vietnamese message and config problems (with paths). */
export interface Problem { path: string; message: string }

export class AdminError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly messageEn: string, readonly problems: Problem[]) { super(message); }
}

export async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  let r: Response;
  try {
    r = await fetch(url, { method, credentials: 'same-origin', headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new AdminError(0, 'MC_ERR_NETWORK', 'Không kết nối được hub. Kiểm tra mạng rồi thử lại.', 'network error', []);
  }
  const b = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  if (!r.ok) {
    const details = b.details as { problems?: Problem[] } | undefined;
    throw new AdminError(r.status, String(b.code ?? 'MC_ERR_INTERNAL'), String(b.message ?? 'Lỗi hệ thống.'), String(b.messageEn ?? ''), details?.problems ?? []);
  }
  return b as T;
}

export const get = <T>(url: string): Promise<T> => call<T>('GET', url);
export const post = <T>(url: string, body: unknown = {}): Promise<T> => call<T>('POST', url, body);
export const put = <T>(url: string, body: unknown): Promise<T> => call<T>('PUT', url, body);
export const patch = <T>(url: string, body: unknown): Promise<T> => call<T>('PATCH', url, body);
export const del = <T>(url: string): Promise<T> => call<T>('DELETE', url);

/** Server details a person meets often, in Vietnamese. */
const DETAILS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^this is the last technician account/, () => 'Đây là tài khoản kỹ thuật viên cuối cùng đang hoạt động: hãy tạo thêm một tài khoản kỹ thuật viên khác trước.'],
  [/^device "(.*)" already exists/, (m) => `Mã thiết bị "${m[1]}" đã có.`],
  [/^device id "(.*)" must be lower-case/, (m) => `Mã thiết bị "${m[1]}" chỉ gồm chữ thường không dấu, số, - hoặc _ (tối đa 32 ký tự).`],
  [/^a (\w+) belongs to a counter/, () => 'Thiết bị loại này gắn với một quầy: hãy chọn quầy.'],
  [/^user "(.*)" already exists/, (m) => `Tên đăng nhập "${m[1]}" đã có.`],
  [/^username: /, () => 'Tên đăng nhập: 3–32 chữ thường không dấu, số, dấu chấm, gạch.'],
  [/^password: at least 8/, () => 'Mật khẩu cần ít nhất 8 ký tự.'],
  [/^a clerk account needs a clerk id/, () => 'Tài khoản công chức cần chọn công chức.'],
];

/** The Vietnamese message, then the server's detail (in Vietnamese when known, else the English original for a technician). */
export function describe(e: unknown): string {
  if (e instanceof AdminError) {
    const detail = e.messageEn.replace(/^[^.]*\.\s*/, '').trim();
    if (!detail) return e.message;
    for (const [re, f] of DETAILS) { const m = re.exec(detail); if (m) return `${e.message}\n${f(m)}`; }
    return `${e.message}\n${detail}`;
  }
  return (e as Error).message;
}

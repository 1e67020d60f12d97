/** A province's procedure spreadsheet as published with its decision (three levels), written with exceljs for the tests. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';

export const HEADINGS = ['STT', 'Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Cấp thực hiện', 'Thời hạn giải quyết', 'Phí, lệ phí', 'Thành phần hồ sơ', 'Nơi tiếp nhận', 'Nơi trả kết quả', 'Căn cứ pháp lý'];

export const ROWS: string[][] = [
  ['1', '1.001193', 'Đăng ký khai sinh', 'Hộ tịch', 'Cấp xã', 'Trong ngày làm việc', 'Miễn lệ phí', 'Tờ khai đăng ký khai sinh\nGiấy chứng sinh', 'Trung tâm Phục vụ hành chính công cấp xã', 'Trung tâm Phục vụ hành chính công cấp xã', 'Luật Hộ tịch 2014'],
  ['2', '1.004227', 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', 'Đất đai', 'Cấp tỉnh', 'Không quá 20 ngày làm việc', 'Theo Nghị quyết của HĐND tỉnh', 'Đơn đăng ký đất đai; Giấy tờ về quyền sử dụng đất', 'Mọi Trung tâm Phục vụ hành chính công trong tỉnh', 'Văn phòng đăng ký đất đai tỉnh', 'Luật Đất đai 2024'],
  ['3', '2.001203', 'Đăng ký thành lập hộ kinh doanh', 'Hộ kinh doanh', 'Cấp xã', '03 ngày làm việc', 'Theo Nghị quyết của HĐND tỉnh', 'Giấy đề nghị đăng ký hộ kinh doanh', 'Trung tâm Phục vụ hành chính công cấp xã', 'Trung tâm Phục vụ hành chính công cấp xã', 'Nghị định 168/2025/NĐ-CP'],
  ['4', '1.009999', 'Cấp lý lịch tư pháp', 'Lý lịch tư pháp', 'Cấp tỉnh', '10 ngày làm việc', '200.000 đồng', 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', 'Mọi Trung tâm Phục vụ hành chính công trong tỉnh', 'Sở Tư pháp; qua bưu chính công ích', 'Luật Lý lịch tư pháp 2009'],
  ['5', '1.010050', 'Đăng ký thường trú', 'Đăng ký, quản lý cư trú', 'Cơ quan ngành dọc (Công an)', '07 ngày làm việc', '20.000 đồng', 'Tờ khai thay đổi thông tin cư trú', 'Công an cấp xã', 'Công an cấp xã', 'Luật Cư trú 2020'],
  ['6', '2.000889', 'Cấp sổ bảo hiểm xã hội', 'Bảo hiểm xã hội', 'Ngành dọc', '05 ngày làm việc', 'Không thu phí', 'Tờ khai tham gia bảo hiểm xã hội', 'Bảo hiểm xã hội khu vực', 'Bảo hiểm xã hội khu vực', 'Luật Bảo hiểm xã hội 2024'],
];

function book(heads: string[], rows: string[][]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh mục TTHC');
  ws.addRow(heads);
  for (const r of rows) ws.addRow(r);
  return wb;
}

export async function writeXlsx(dir: string, rows: string[][] = ROWS, name = 'danh-muc.xlsx'): Promise<string> {
  const file = join(dir, name);
  await book(HEADINGS, rows).xlsx.writeFile(file);
  return file;
}

export async function writeCsv(dir: string, rows: string[][], name = 'danh-muc.csv', heads = HEADINGS): Promise<string> {
  const file = join(dir, name);
  await book(heads, rows).csv.writeFile(file);
  return file;
}

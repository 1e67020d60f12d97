/**
 * Sample catalog of the reference simulator: real Vietnamese administrative procedures with their usual
 * documents, fees, processing times and legal basis, as published before the 2025 reorganisation of local
 * government. Codes are sample codes (not national TTHC codes); fees "theo Nghị quyết của HĐND tỉnh" vary
 * by province. For demonstration and tests only: a province's own catalog replaces it.
 */
import type { Catalog, Procedure } from './adapter.js';

const FIELDS: Record<string, string> = {
  hotich: 'Hộ tịch', tuphap: 'Chứng thực', kinhdoanh: 'Thành lập và hoạt động của hộ kinh doanh',
  xaydung: 'Hoạt động xây dựng', datdai: 'Đất đai', ldtbxh: 'Bảo trợ xã hội',
};

const XA = 'Bộ phận Một cửa UBND cấp xã';
const HUYEN = 'Bộ phận Một cửa UBND cấp huyện';
const HOTICH = 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP; Thông tư 04/2020/TT-BTP';
const CHUNGTHUC = 'Nghị định 23/2015/NĐ-CP; Thông tư 01/2020/TT-BTP; Thông tư 226/2016/TT-BTC';
const TRONGNGAY = 'Trong ngày làm việc; hồ sơ nhận sau 15 giờ trả kết quả trong ngày làm việc tiếp theo';

type Row = [id: string, fieldId: string, name: string, documents: string[], fee: string, time: string, submitAt: string, legal: string, level: string, inForce?: boolean];

const ROWS: Row[] = [
  ['HT-01', 'hotich', 'Đăng ký khai sinh', ['Tờ khai đăng ký khai sinh (theo mẫu)', 'Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận việc sinh', 'Giấy tờ tùy thân của người đi đăng ký (xuất trình)'],
    'Miễn lệ phí đối với đăng ký khai sinh đúng hạn', TRONGNGAY, XA, HOTICH, 'Cấp xã'],
  ['HT-02', 'hotich', 'Đăng ký kết hôn', ['Tờ khai đăng ký kết hôn (theo mẫu)', 'Giấy xác nhận tình trạng hôn nhân (nếu đăng ký tại nơi không cư trú)', 'Giấy tờ tùy thân của hai bên nam, nữ (xuất trình)'],
    'Miễn lệ phí', 'Trong ngày làm việc; trường hợp cần xác minh không quá 05 ngày làm việc', XA, `Luật Hôn nhân và gia đình 2014; ${HOTICH}`, 'Cấp xã'],
  ['HT-03', 'hotich', 'Đăng ký khai tử', ['Tờ khai đăng ký khai tử (theo mẫu)', 'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử'],
    'Miễn lệ phí đối với đăng ký khai tử đúng hạn', 'Trong ngày làm việc; trường hợp cần xác minh không quá 03 ngày làm việc', XA, HOTICH, 'Cấp xã'],
  ['HT-04', 'hotich', 'Cấp Giấy xác nhận tình trạng hôn nhân', ['Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)', 'Bản án, quyết định ly hôn hoặc giấy chứng tử (nếu đã từng kết hôn)'],
    'Theo Nghị quyết của HĐND tỉnh', '03 ngày làm việc', XA, HOTICH, 'Cấp xã'],
  ['HT-05', 'hotich', 'Đăng ký nhận cha, mẹ, con', ['Tờ khai đăng ký nhận cha, mẹ, con (theo mẫu)', 'Văn bản hoặc chứng cứ chứng minh quan hệ cha, mẹ, con'],
    'Theo Nghị quyết của HĐND tỉnh', '03 ngày làm việc', XA, HOTICH, 'Cấp xã'],
  ['HT-06', 'hotich', 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', ['Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch (theo mẫu)', 'Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung'],
    'Theo Nghị quyết của HĐND tỉnh', '03 ngày làm việc', XA, HOTICH, 'Cấp xã'],
  ['HT-07', 'hotich', 'Cấp bản sao trích lục hộ tịch', ['Tờ khai cấp bản sao trích lục hộ tịch (theo mẫu)'],
    '8.000 đồng/bản sao trích lục', TRONGNGAY, XA, `${HOTICH}; Thông tư 281/2016/TT-BTC`, 'Cấp xã'],
  ['CT-01', 'tuphap', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', ['Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', 'Bản sao cần chứng thực'],
    '2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản', TRONGNGAY, XA, CHUNGTHUC, 'Cấp xã'],
  ['CT-02', 'tuphap', 'Chứng thực chữ ký trong các giấy tờ, văn bản', ['Giấy tờ tùy thân còn giá trị sử dụng (xuất trình)', 'Giấy tờ, văn bản sẽ ký'],
    '10.000 đồng/trường hợp', TRONGNGAY, XA, CHUNGTHUC, 'Cấp xã'],
  ['CT-03', 'tuphap', 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản', ['Dự thảo hợp đồng, giao dịch', 'Giấy tờ tùy thân của người yêu cầu chứng thực', 'Giấy tờ chứng minh quyền sở hữu, quyền sử dụng tài sản'],
    '50.000 đồng/hợp đồng, giao dịch', '02 ngày làm việc', XA, CHUNGTHUC, 'Cấp xã'],
  ['KD-01', 'kinhdoanh', 'Đăng ký thành lập hộ kinh doanh', ['Giấy đề nghị đăng ký hộ kinh doanh', 'Bản sao giấy tờ pháp lý của cá nhân là chủ hộ kinh doanh', 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (nếu có)'],
    'Theo Nghị quyết của HĐND tỉnh', '03 ngày làm việc', HUYEN, 'Luật Doanh nghiệp 2020; Nghị định 01/2021/NĐ-CP', 'Cấp huyện'],
  ['KD-02', 'kinhdoanh', 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', ['Thông báo thay đổi nội dung đăng ký hộ kinh doanh', 'Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh đã cấp'],
    'Theo Nghị quyết của HĐND tỉnh', '03 ngày làm việc', HUYEN, 'Nghị định 01/2021/NĐ-CP', 'Cấp huyện'],
  ['KD-00', 'kinhdoanh', 'Đăng ký hộ kinh doanh (theo Nghị định 78/2015/NĐ-CP)', ['Giấy đề nghị đăng ký hộ kinh doanh', 'Bản sao giấy tờ chứng thực cá nhân'],
    '100.000 đồng', '03 ngày làm việc', HUYEN, 'Nghị định 78/2015/NĐ-CP (hết hiệu lực)', 'Cấp huyện', false],
  ['XD-01', 'xaydung', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', ['Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01 Phụ lục II Nghị định 15/2021/NĐ-CP)', 'Bản sao giấy tờ chứng minh quyền sử dụng đất', '02 bộ bản vẽ thiết kế xây dựng'],
    'Theo Nghị quyết của HĐND tỉnh', '15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', HUYEN, 'Luật Xây dựng 2014 (sửa đổi, bổ sung 2020); Nghị định 15/2021/NĐ-CP', 'Cấp huyện'],
  ['DD-01', 'datdai', 'Đăng ký biến động đất đai, tài sản gắn liền với đất', ['Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (theo mẫu)', 'Bản gốc Giấy chứng nhận đã cấp', 'Hợp đồng, văn bản về việc chuyển quyền (nếu có)'],
    'Theo Nghị quyết của HĐND tỉnh', 'Không quá 10 ngày làm việc', HUYEN, 'Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP', 'Cấp huyện'],
  ['DD-02', 'datdai', 'Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu', ['Đơn đăng ký đất đai, tài sản gắn liền với đất (theo mẫu)', 'Giấy tờ về quyền sử dụng đất (nếu có)', 'Chứng từ thực hiện nghĩa vụ tài chính (nếu có)'],
    'Theo Nghị quyết của HĐND tỉnh', 'Không quá 20 ngày làm việc', HUYEN, 'Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP', 'Cấp huyện'],
  ['XH-01', 'ldtbxh', 'Giải quyết trợ cấp xã hội hằng tháng', ['Tờ khai đề nghị trợ giúp xã hội (theo mẫu Nghị định 20/2021/NĐ-CP)', 'Giấy tờ chứng minh thuộc diện đối tượng (nếu có)'],
    'Không thu phí', 'Xã xét duyệt trong 07 ngày làm việc; huyện quyết định trong 07 ngày làm việc', XA, 'Nghị định 20/2021/NĐ-CP', 'Cấp huyện'],
  ['XH-02', 'ldtbxh', 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội', ['Tờ khai đề nghị hỗ trợ chi phí mai táng (theo mẫu)', 'Bản sao giấy chứng tử'],
    'Không thu phí', '03 ngày làm việc', XA, 'Nghị định 20/2021/NĐ-CP', 'Cấp huyện'],
];

export function sampleProcedures(): Procedure[] {
  return ROWS.map(([id, fieldId, name, documents, fee, processingTime, submitAt, legalBasis, level, inForce]) => ({
    id, code: id, name, fieldId, fieldName: FIELDS[fieldId] ?? fieldId, documents, fee, processingTime, submitAt, legalBasis, level, inForce: inForce ?? true,
  }));
}

export function sampleCatalog(): Catalog {
  return { version: '2024.12-sim', publishedAt: '2024-12-16T08:00:00+07:00', procedures: sampleProcedures() };
}

// The words of the reports, in Vietnamese and English.
#include <algorithm>
#include <iterator>

#include "report/format.hpp"

namespace ansinh::report {

namespace {

struct Word {
  const char* key;
  const char* vi;
  const char* en;
};

// Sorted by key (checked once, below).
const Word kWords[] = {
    {"against", "Hộ chưa đạt (cần theo dõi)", "Households counting against the target (follow up)"},
    {"annual", "Cả năm", "Per year"},
    {"annual_change", "Chênh lệch cả năm", "Change per year"},
    {"annual_note", "Cả năm = 12 × mức chi của tháng được xét (chưa tính thay đổi trong năm).",
     "Per year = 12 × the month evaluated (changes during the year not included)."},
    {"annual_total", "Tổng chi cả năm (ước tính)", "Annual cost (estimate)"},
    {"beneficiaries", "Người hưởng", "Beneficiaries"},
    {"beneficiary_households", "Hộ được hưởng", "Beneficiary households"},
    {"benefit", "Chế độ", "Benefit"},
    {"by", "đến", "by"},
    {"by_area", "Theo khu vực", "By area"},
    {"by_benefit", "Theo chế độ", "By benefit"},
    {"by_commune", "Theo xã", "By commune"},
    {"by_status", "Theo phân loại hộ", "By household class"},
    {"change_down", "Giảm mức", "Amount down"},
    {"change_gained", "Được hưởng thêm", "Gained"},
    {"change_lost", "Mất chế độ", "Lost"},
    {"change_status", "Đổi trạng thái", "Status changed"},
    {"change_up", "Tăng mức", "Amount up"},
    {"changed_households", "Số hộ có thay đổi", "Households with a change"},
    {"changes", "Thay đổi", "Changes"},
    {"changes_title", "Chi tiết thay đổi theo hộ", "Changes by household"},
    {"chart_area", "Người hưởng trợ cấp tiền theo khu vực", "Cash beneficiaries by area"},
    {"chart_area_change", "Số hộ được lợi và bị thiệt theo khu vực", "Gaining and losing households by area"},
    {"chart_commune", "Người hưởng trợ cấp tiền theo xã", "Cash beneficiaries by commune"},
    {"chart_commune_change", "Số hộ được lợi và bị thiệt theo xã", "Gaining and losing households by commune"},
    {"chart_cost", "Chi phí hằng tháng theo chế độ", "Monthly cost by benefit"},
    {"chart_cost_change", "Chênh lệch chi phí hằng tháng theo chế độ", "Change in monthly cost by benefit"},
    {"chart_coverage", "Mức độ bao phủ so với chỉ tiêu", "Coverage against target"},
    {"chart_coverage_change", "Mức độ bao phủ theo A và B", "Coverage under A and B"},
    {"chart_status", "Người hưởng trợ cấp tiền theo phân loại hộ", "Cash beneficiaries by household class"},
    {"charts_title", "Biểu đồ", "Charts"},
    {"code", "Mã lỗi", "Code"},
    {"computed", "Phân loại tự tính", "Computed class"},
    {"costs_title", "Chi phí và người hưởng theo chế độ", "Cost and beneficiaries by benefit"},
    {"denominator", "Mẫu số", "Denominator"},
    {"diff_benefits_title", "Thay đổi theo chế độ", "Changes by benefit"},
    {"diff_indicators_title", "Chỉ tiêu theo A và B", "Indicators under A and B"},
    {"diff_title", "So sánh hai bộ quy tắc (A → B)", "Comparison of two rule packages (A → B)"},
    {"error_changed", "Hộ có lỗi hồ sơ theo một bộ quy tắc", "Households with record errors under one package only"},
    {"error_households", "Hộ có lỗi hồ sơ (không tính được)", "Households with record errors (not evaluated)"},
    {"error_in_a", "lỗi hồ sơ theo A", "record error under A"},
    {"error_in_b", "lỗi hồ sơ theo B", "record error under B"},
    {"error_short", "Hộ lỗi hồ sơ", "With record errors"},
    {"estimated_status", "Hộ xét theo phân loại tự tính (chưa có danh sách xã phê duyệt)", "Households decided on the computed class (no approved list)"},
    {"evaluated_households", "Hộ tính được", "Households evaluated"},
    {"exclusion", "có thể bỏ sót", "possible exclusion error"},
    {"field", "Trường", "Field"},
    {"filter", "thuộc diện khi", "counted when"},
    {"gaining", "Được lợi", "Gaining"},
    {"gaining_households", "Hộ được lợi", "Gaining households"},
    {"gaining_persons", "Người được lợi", "Gaining persons"},
    {"gap", "Cách mục tiêu", "Gap to target"},
    {"group", "Nhóm", "Group"},
    {"household", "Hộ", "Household"},
    {"households", "Số hộ", "Households"},
    {"households_unit", "hộ", "households"},
    {"how_measured", "Cách đo các chỉ tiêu", "How the indicators are measured"},
    {"inclusion", "có thể đưa vào sai", "possible inclusion error"},
    {"indicator", "Chỉ tiêu", "Indicator"},
    {"indicators_title", "Chỉ tiêu so với mục tiêu", "Indicators against their targets"},
    {"key_area", "Khu vực", "Area"},
    {"key_benefit", "Chế độ", "Benefit"},
    {"key_commune", "Xã", "Commune"},
    {"key_status", "Phân loại hộ", "Household class"},
    {"label", "Tên", "Name"},
    {"losing", "Bị thiệt", "Losing"},
    {"losing_households", "Hộ bị thiệt", "Losing households"},
    {"losing_persons", "Người bị thiệt", "Losing persons"},
    {"message", "Nội dung", "Message"},
    {"met", "đạt", "met"},
    {"missing", "thiếu", "missing"},
    {"missing_field", "Thông tin cần hỏi thêm hộ gia đình", "Fact to collect from the household"},
    {"missing_from", "Để trống từ", "Missing from"},
    {"missing_parameter", "Giá trị pháp lý chưa xác nhận (trong bộ quy tắc)", "Legal value not yet confirmed (in the rules)"},
    {"monthly", "Hằng tháng", "Per month"},
    {"monthly_a", "Hằng tháng A", "Per month A"},
    {"monthly_b", "Hằng tháng B", "Per month B"},
    {"monthly_change", "Chênh lệch hằng tháng", "Change per month"},
    {"monthly_total", "Tổng chi hằng tháng", "Monthly cost"},
    {"no_change", "Không có thay đổi", "No change"},
    {"no_common_indicators", "Hai bộ quy tắc không có chỉ tiêu chung", "The two packages declare no common indicator"},
    {"no_data", "Không có dữ liệu", "No data"},
    {"no_indicators", "Bộ quy tắc không khai báo chỉ tiêu nào", "The package declares no indicator"},
    {"not_met", "chưa đạt", "not met"},
    {"numerator", "Tử số", "Numerator"},
    {"of_which_paid", "trong đó được hưởng:", "paid:"},
    {"once_change", "Chênh lệch chi một lần", "Change in one-off payments"},
    {"once_total", "Tổng chi một lần", "One-off payments"},
    {"outcomes", "lượt chế độ", "benefit outcomes"},
    {"per_month_unit", "/tháng", "/month"},
    {"persons", "Số người", "Persons"},
    {"persons_unit", "người", "persons"},
    {"possible_error", "Khả năng sai sót", "Possible error"},
    {"priced_on", "Tính theo mức của", "Priced at"},
    {"problems_title", "Hồ sơ cần bổ sung hoặc sửa", "Records to complete or correct"},
    {"provisional_note", "Có khoản dùng mức tạm tính (chưa đối chiếu văn bản gốc).",
     "Some amounts use provisional values (not yet checked against the legal text)."},
    {"recognized", "Phân loại trong danh sách xã", "Class on the commune's list"},
    {"record", "Hồ sơ", "Record"},
    {"records", "Sổ hộ", "Records"},
    {"reference", "Căn cứ", "Reference"},
    {"report_title", "Báo cáo bao phủ và chi phí", "Coverage and cost report"},
    {"result", "Kết quả", "Result"},
    {"share", "Tỷ lệ", "Share"},
    {"status_absent", "không có", "absent"},
    {"status_compared", "Hộ có cả hai phân loại", "Households with both classes"},
    {"status_differ", "khác nhau", "differing"},
    {"status_eligible", "được hưởng", "eligible"},
    {"status_none", "Bộ quy tắc không có phân loại hộ để so sánh", "The package has no household classes to compare"},
    {"status_not_eligible", "không đủ điều kiện", "not eligible"},
    {"status_not_in_force", "chưa/hết hiệu lực", "not in force"},
    {"status_superseded", "bị thay bằng mức cao hơn", "superseded"},
    {"status_title", "Phân loại hộ khác với kết quả tự tính", "Household class differs from the computed one"},
    {"status_undetermined", "chưa xác định", "undetermined"},
    {"superseded", "Bị thay thế", "Superseded"},
    {"target", "Mục tiêu", "Target"},
    {"to_check", "Hộ chưa xác định được (xem thông tin còn thiếu ở mục cuối)", "Households not determinable (see the missing facts at the end)"},
    {"unchanged_benefits", "Các chế độ không thay đổi", "Benefits without a change"},
    {"undetermined", "Chưa xác định", "Undetermined"},
    {"undetermined_households", "Hộ có chế độ chưa xác định", "Households with undetermined benefits"},
    {"undetermined_list", "Danh sách hộ và thông tin cần bổ sung", "Households and the facts to collect"},
    {"unit", "Loại", "Kind"},
    {"unit_monthly", "tiền/tháng", "VND/month"},
    {"unit_once", "tiền một lần", "VND once"},
    {"unit_percent", "tỷ lệ %", "percent"},
    {"unknown", "Chưa xác định", "Unknown"},
    {"unknown_counts", "Chưa xác định (tử số / thuộc diện)", "Unknown (numerator / population)"},
    {"unknown_short", "chưa rõ", "unknown"},
    {"waiting", "Đang chờ (lượt chế độ / hộ)", "Waiting (outcomes / households)"},
    {"waiting_money", "Tiền/tháng theo mức đã xác nhận gần nhất", "VND/month at the last confirmed figures"},
    {"waiting_note", "Số tiền đang chờ: mức của chính các lượt đó theo con số đã xác nhận gần nhất (cận dưới; mức mới chưa biết).", "Money waiting: what those outcomes were paid at the last confirmed figures (a lower bound; the new figure is unknown)."},
    {"when", "Kỳ xét", "Evaluated for"},
};

bool Less(const Word& a, std::string_view key) { return std::string_view(a.key) < key; }

}  // namespace

bool IsWord(std::string_view key) {
  return std::any_of(std::begin(kWords), std::end(kWords), [&](const Word& w) { return key == w.key; });
}

std::string W(std::string_view key, Language lang) {
  static const bool sorted = std::is_sorted(std::begin(kWords), std::end(kWords), [](const Word& a, const Word& b) {
    return std::string_view(a.key) < std::string_view(b.key);
  });
  if (sorted) {
    const Word* w = std::lower_bound(std::begin(kWords), std::end(kWords), key, Less);
    if (w != std::end(kWords) && key == w->key) return lang == Language::kVi ? w->vi : w->en;
  } else {
    for (const Word& w : kWords) {
      if (key == w.key) return lang == Language::kVi ? w.vi : w.en;
    }
  }
  return std::string(key);
}

}  // namespace ansinh::report

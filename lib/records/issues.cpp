#include "records/issues.hpp"

#include <fmt/format.h>

#include "common/sources.hpp"

namespace ansinh::internal {
namespace {

// "a, b, c" (at most 12 values, then "…").
std::string ValueList(const std::vector<std::string>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i == 12) {
      out += ", \xE2\x80\xA6";
      break;
    }
    if (i) out += ", ";
    out += values[i];
  }
  return out;
}

std::string ExpectedEn(const CompiledField& f) {
  switch (f.type) {
    case ValueType::kBool: return "true or false";
    case ValueType::kInt: return "a whole number";
    case ValueType::kMoney: return "a whole amount of VND";
    case ValueType::kDecimal: return "a decimal number";
    case ValueType::kDate: return "a date (YYYY-MM-DD or DD/MM/YYYY)";
    case ValueType::kEnum: return "one of: " + ValueList(f.values);
    case ValueType::kSet: return "a list of values from: " + ValueList(f.values);
    case ValueType::kString: return "a text";
  }
  return "?";
}

std::string ExpectedVi(const CompiledField& f) {
  switch (f.type) {
    case ValueType::kBool: return "giá trị đúng/sai (true/false, có/không)";
    case ValueType::kInt: return "một số nguyên";
    case ValueType::kMoney: return "một số tiền nguyên (đồng)";
    case ValueType::kDecimal: return "một số thập phân";
    case ValueType::kDate: return "một ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY";
    case ValueType::kEnum: return "một trong các giá trị: " + ValueList(f.values);
    case ValueType::kSet: return "một danh sách giá trị trong: " + ValueList(f.values);
    case ValueType::kString: return "một chuỗi văn bản";
  }
  return "?";
}

std::string Quoted(std::string_view s) { return QuoteForMessage(s); }

}  // namespace

RecordIssue MakeIssue(const char* code, Severity severity, std::string path, std::string en,
                      std::string vi) {
  RecordIssue issue;
  issue.code = code;
  issue.severity = severity;
  issue.field = std::move(path);
  issue.message = std::move(en);
  issue.message_vi = std::move(vi);
  return issue;
}

std::string TranslateWhat(std::string_view what) {
  if (what == "an object") return "một đối tượng";
  if (what == "a mapping") return "một ánh xạ (mapping)";
  if (what == "a list") return "một danh sách";
  if (what == "a number") return "một số";
  if (what == "true" || what == "false" || what == "true/false") return "giá trị đúng/sai";
  if (what == "a text") return "một chuỗi văn bản";
  if (what == "a date") return "một ngày";
  if (what == "a list with a non-text item") return "một danh sách có phần tử không phải chuỗi";
  if (what == "null") return "null";
  return std::string(what);
}

RecordIssue WrongTypeIssue(const std::string& path, const CompiledField& field,
                           std::string_view got_en, std::string_view got_vi) {
  return MakeIssue(kIssueWrongType, Severity::kError, path,
                   fmt::format("Field '{}' expects {}; got {}.", path, ExpectedEn(field), got_en),
                   fmt::format("Trường '{}' cần {}; nhận được {}.", path, ExpectedVi(field), got_vi));
}

RecordIssue BadNumberIssue(const std::string& path, const CompiledField& field, std::string_view text,
                           NumberStatus status) {
  const std::string q = Quoted(text);
  if (status == NumberStatus::kOutOfRange) {
    return MakeIssue(kIssueBadNumber, Severity::kError, path,
                     fmt::format("Field '{}': {} is out of range.", path, q),
                     fmt::format("Trường '{}': giá trị {} vượt quá phạm vi cho phép.", path, q));
  }
  if (field.type == ValueType::kDecimal) {
    return MakeIssue(kIssueBadNumber, Severity::kError, path,
                     fmt::format("Field '{}': {} has more than 6 decimal places.", path, q),
                     fmt::format("Trường '{}': {} có quá 6 chữ số thập phân.", path, q));
  }
  if (field.type == ValueType::kMoney) {
    return MakeIssue(kIssueBadNumber, Severity::kError, path,
                     fmt::format("Field '{}': {} is not a whole amount of VND.", path, q),
                     fmt::format("Trường '{}': {} không phải là số tiền nguyên (đồng).", path, q));
  }
  return MakeIssue(kIssueBadNumber, Severity::kError, path,
                   fmt::format("Field '{}': {} is not a whole number.", path, q),
                   fmt::format("Trường '{}': {} không phải là số nguyên.", path, q));
}

RecordIssue BadDateIssue(const std::string& path, std::string_view text) {
  const std::string q = Quoted(text);
  return MakeIssue(kIssueBadDate, Severity::kError, path,
                   fmt::format("Field '{}': {} is not a valid date; write YYYY-MM-DD or DD/MM/YYYY.",
                               path, q),
                   fmt::format("Trường '{}': {} không phải là ngày hợp lệ; hãy ghi theo dạng "
                               "YYYY-MM-DD hoặc DD/MM/YYYY.",
                               path, q));
}

RecordIssue UnknownEnumIssue(const std::string& path, const CompiledField& field,
                             std::string_view value) {
  const std::string q = Quoted(value);
  const std::string values = ValueList(field.values);
  std::string en = fmt::format("Value {} is not valid for field '{}'; valid values: {}.", q, path, values);
  std::string vi = fmt::format("Giá trị {} không hợp lệ cho trường '{}'; các giá trị hợp lệ: {}.", q,
                               path, values);
  const std::string suggestion = Suggest(value, field.values);
  if (!suggestion.empty()) {
    en += fmt::format(" Did you mean '{}'?", suggestion);
    vi += fmt::format(" Có phải ý bạn là '{}'?", suggestion);
  }
  return MakeIssue(kIssueUnknownEnumValue, Severity::kError, path, std::move(en), std::move(vi));
}

RecordIssue UnknownFieldIssue(const std::string& path, std::string_view name, Entity entity,
                              const std::vector<CompiledField>& fields) {
  std::vector<std::string> names;
  names.reserve(fields.size() + 1);
  for (const CompiledField& f : fields) names.push_back(f.name);
  if (entity == Entity::kHousehold) names.push_back("members");
  std::string en = fmt::format("Field '{}' is not in the schema and is ignored.", path);
  std::string vi = fmt::format("Trường '{}' không có trong lược đồ dữ liệu và bị bỏ qua.", path);
  const std::string suggestion = Suggest(name, names);
  if (!suggestion.empty()) {
    en += fmt::format(" Did you mean '{}'?", suggestion);
    vi += fmt::format(" Có phải ý bạn là '{}'?", suggestion);
  }
  return MakeIssue(kIssueUnknownField, Severity::kWarning, path, std::move(en), std::move(vi));
}

RecordIssue DuplicateFieldIssue(const std::string& path) {
  return MakeIssue(kIssueDuplicateField, Severity::kError, path,
                   fmt::format("Field '{}' is given more than once.", path),
                   fmt::format("Trường '{}' được ghi nhiều lần.", path));
}

RecordIssue StringTooLongIssue(const std::string& path, size_t bytes, size_t max) {
  return MakeIssue(kIssueLimit, Severity::kError, path,
                   fmt::format("Field '{}' is {} bytes long; at most {} are allowed.", path, bytes, max),
                   fmt::format("Trường '{}' dài {} byte; tối đa cho phép là {} byte.", path, bytes, max));
}

RecordIssue TooManySetItemsIssue(const std::string& path, size_t max) {
  return MakeIssue(kIssueLimit, Severity::kError, path,
                   fmt::format("Field '{}' has more than {} items.", path, max),
                   fmt::format("Trường '{}' có nhiều hơn {} phần tử.", path, max));
}

RecordIssue BadUtf8Issue(const std::string& path) {
  if (path.empty()) {
    return MakeIssue(kIssueBadUtf8, Severity::kError, path,
                     "The record contains bytes that are not valid UTF-8 text.",
                     "Bản ghi chứa các byte không phải văn bản UTF-8 hợp lệ.");
  }
  return MakeIssue(kIssueBadUtf8, Severity::kError, path,
                   fmt::format("Field '{}' is not valid UTF-8 text.", path),
                   fmt::format("Trường '{}' không phải là văn bản UTF-8 hợp lệ.", path));
}

RecordIssue MissingHouseholdIdIssue() {
  return MakeIssue(kIssueMissingId, Severity::kError, "id", "The household has no id.",
                   "Hộ gia đình không có mã hộ (id).");
}

RecordIssue MissingPersonIdIssue(const std::string& path, size_t ordinal) {
  return MakeIssue(kIssueMissingId, Severity::kError, path,
                   fmt::format("Member {} of the household has no id.", ordinal),
                   fmt::format("Thành viên thứ {} của hộ không có mã (id).", ordinal));
}

RecordIssue DuplicatePersonIdIssue(const std::string& id, size_t count) {
  const std::string q = Quoted(id);
  return MakeIssue(kIssueDuplicatePersonId, Severity::kError, "members[" + id + "]",
                   fmt::format("Member id {} is used {} times in this household.", q, count),
                   fmt::format("Mã thành viên {} được dùng {} lần trong hộ này.", q, count));
}

RecordIssue NoMembersIssue() {
  return MakeIssue(kIssueNoMembers, Severity::kError, "members", "The household has no members.",
                   "Hộ gia đình không có thành viên nào.");
}

RecordIssue TooManyMembersIssue(size_t count, size_t max) {
  return MakeIssue(kIssueLimit, Severity::kError, "members",
                   fmt::format("The household has {} members; at most {} are allowed (the rest are "
                               "not read).",
                               count, max),
                   fmt::format("Hộ có {} thành viên; tối đa cho phép là {} (phần còn lại không được "
                               "đọc).",
                               count, max));
}

RecordIssue SyntaxIssue(std::string en, std::string vi) {
  return MakeIssue(kIssueSyntax, Severity::kError, "", std::move(en), std::move(vi));
}

RecordIssue JsonSyntaxIssue(std::string_view format, uint64_t line, std::string_view detail_en,
                            std::string_view detail_vi) {
  return SyntaxIssue(fmt::format("The record at line {} is not valid {}: {}.", line, format, detail_en),
                     fmt::format("Bản ghi ở dòng {} không phải là {} hợp lệ: {}.", line, format, detail_vi));
}

RecordIssue NotAnObjectIssue(uint64_t line, std::string_view got_en) {
  return SyntaxIssue(
      fmt::format("The record at line {} is {}, not an object with the household's fields.", line, got_en),
      fmt::format("Bản ghi ở dòng {} là {}, không phải một đối tượng chứa các trường của hộ.", line,
                  TranslateWhat(got_en)));
}

RecordIssue MembersNotListIssue(std::string_view got_en) {
  return MakeIssue(kIssueWrongType, Severity::kError, "members",
                   fmt::format("Field 'members' expects a list of member objects; got {}.", got_en),
                   fmt::format("Trường 'members' cần một danh sách các thành viên; nhận được {}.",
                               TranslateWhat(got_en)));
}

RecordIssue MemberNotObjectIssue(size_t ordinal, std::string_view got_en) {
  return MakeIssue(kIssueWrongType, Severity::kError, fmt::format("members[#{}]", ordinal),
                   fmt::format("Member {} is {}, not an object with the member's fields.", ordinal, got_en),
                   fmt::format("Thành viên thứ {} là {}, không phải một đối tượng chứa các trường của "
                               "thành viên.",
                               ordinal, TranslateWhat(got_en)));
}

RecordIssue RecordTooLongIssue(uint64_t bytes, size_t max) {
  return MakeIssue(kIssueLimit, Severity::kError, "",
                   fmt::format("The record is {} bytes long; at most {} are allowed. It was not read.",
                               bytes, max),
                   fmt::format("Bản ghi dài {} byte; tối đa cho phép là {} byte. Bản ghi không được "
                               "đọc.",
                               bytes, max));
}

RecordIssue CsvUnterminatedQuoteIssue(std::string_view file, uint64_t line) {
  return SyntaxIssue(fmt::format("{} line {}: a quoted field is not closed; the line was read with its "
                                 "quotes as plain text.",
                                 file, line),
                     fmt::format("{} dòng {}: một trường trong dấu ngoặc kép không được đóng; dòng này "
                                 "được đọc với dấu ngoặc kép như ký tự thường.",
                                 file, line));
}

RecordIssue CsvFieldCountIssue(std::string_view file, uint64_t line, size_t got, size_t expected) {
  return SyntaxIssue(fmt::format("{} line {} has {} fields; the header has {}.", file, line, got, expected),
                     fmt::format("{} dòng {} có {} cột; dòng tiêu đề có {} cột.", file, line, got, expected));
}

RecordIssue MoreUnknownFieldsIssue(size_t more) {
  return MakeIssue(kIssueUnknownField, Severity::kWarning, "",
                   fmt::format("... and {} more fields that are not in the schema (only the first ones are listed).",
                               more),
                   fmt::format("... và {} trường khác không có trong lược đồ dữ liệu (chỉ liệt kê các trường đầu).",
                               more));
}

RecordIssue UnknownColumnIssue(std::string_view file, std::string_view column, Entity entity,
                               const std::vector<CompiledField>& fields) {
  std::vector<std::string> names;
  for (const CompiledField& f : fields) names.push_back(f.name);
  const std::string q = Quoted(column);
  const std::string path = q.substr(1, q.size() - 2);
  std::string en = fmt::format("Column {} of {} is not a {} field and is ignored (reported on the first "
                               "record only).",
                               q, file, entity == Entity::kHousehold ? "household" : "member");
  std::string vi = fmt::format("Cột {} của {} không phải là trường của {} và bị bỏ qua (chỉ báo ở bản ghi "
                               "đầu tiên).",
                               q, file, entity == Entity::kHousehold ? "hộ" : "thành viên");
  const std::string suggestion = Suggest(column, names);
  if (!suggestion.empty()) {
    en += fmt::format(" Did you mean '{}'?", suggestion);
    vi += fmt::format(" Có phải ý bạn là '{}'?", suggestion);
  }
  return MakeIssue(kIssueUnknownField, Severity::kWarning, path, std::move(en), std::move(vi));
}

RecordIssue DuplicateHouseholdIdIssue(std::string_view id, const RecordOrigin& first) {
  const std::string q = Quoted(id);
  const std::string where = first.line ? fmt::format("{}:{}", first.file, first.line)
                                       : fmt::format("record {}", first.index + 1);
  const std::string where_vi = first.line ? fmt::format("{}:{}", first.file, first.line)
                                          : fmt::format("bản ghi thứ {}", first.index + 1);
  return MakeIssue(kIssueDuplicateHouseholdId, Severity::kError, "id",
                   fmt::format("Household id {} was already used by an earlier record ({}).", q, where),
                   fmt::format("Mã hộ {} đã được dùng ở một bản ghi trước ({}).", q, where_vi));
}

RecordIssue HouseholdMissingIssue(std::string_view id, std::string_view persons_file,
                                  std::string_view households_file) {
  const std::string q = Quoted(id);
  return MakeIssue(kIssueHouseholdMissing, Severity::kError, "",
                   fmt::format("{} lists members of household {}, which is not in {}.", persons_file, q,
                               households_file),
                   fmt::format("Tệp {} có thành viên của hộ {} nhưng hộ này không có trong {}.",
                               persons_file, q, households_file));
}

}  // namespace ansinh::internal

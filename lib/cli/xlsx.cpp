// XlsxBook: see xlsx.hpp.
#include "cli/xlsx.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "ansinh/error.hpp"

#if ANSINH_HAVE_XLSX
#include <xlsxwriter.h>
#endif

namespace ansinh::cli {

#if ANSINH_HAVE_XLSX

namespace {

constexpr size_t kMaxWidth = 60;  // characters: a long cell wraps the column no wider than this

// Characters (UTF-8 code points) of `text`: the width a column needs.
size_t Chars(std::string_view text) {
  size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

struct XlsxFormats {
  lxw_format* header = nullptr;
  lxw_format* money = nullptr;
  lxw_format* count = nullptr;
  lxw_format* percent = nullptr;
};

bool XlsxAvailable() noexcept { return true; }

XlsxSheet::XlsxSheet(void* sheet, const XlsxFormats* formats, std::string name, size_t columns)
    : sheet_(sheet), formats_(formats), name_(std::move(name)), widths_(columns, 0) {}

void XlsxSheet::Fail(int error) const {
  if (error == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE) {
    throw InputError("cannot write the Excel sheet '" + name_ +
                         "': more rows than a sheet holds (1,048,576); use --format csv for this many records",
                     "không ghi được trang Excel '" + name_ +
                         "': nhiều dòng hơn sức chứa của một trang (1.048.576); với chừng này hồ sơ hãy dùng --format csv");
  }
  const std::string why = lxw_strerror(static_cast<lxw_error>(error));
  throw InputError("cannot write the Excel sheet '" + name_ + "': " + why,
                   "không ghi được trang Excel '" + name_ + "' (thư viện Excel báo: " + why + ")");
}

void XlsxSheet::Widen(size_t chars) {
  if (col_ >= widths_.size()) widths_.resize(col_ + 1u, 0);
  if (chars > widths_[col_]) widths_[col_] = chars;
}

void XlsxSheet::Text(std::string_view text) {
  auto* ws = static_cast<lxw_worksheet*>(sheet_);
  if (!text.empty()) {
    const std::string cell(text);
    if (const lxw_error e = worksheet_write_string(ws, row_, col_, cell.c_str(), nullptr)) Fail(e);
    Widen(Chars(text));
  }
  ++col_;
}

void XlsxSheet::Money(int64_t vnd) {
  // A spreadsheet number is a binary double: exact up to 2^53 đồng (9 million
  // billion). Beyond that the figure is written as text so that no digit is lost.
  constexpr int64_t kExact = int64_t{1} << 53;
  if (vnd > kExact || vnd < -kExact) {
    Text(std::to_string(vnd));
    return;
  }
  auto* ws = static_cast<lxw_worksheet*>(sheet_);
  if (const lxw_error e = worksheet_write_number(ws, row_, col_, static_cast<double>(vnd), formats_->money)) Fail(e);
  Widen(Chars(std::to_string(vnd)) * 4 / 3 + 2);
  ++col_;
}

void XlsxSheet::Count(uint64_t count) {
  if (count > (uint64_t{1} << 53)) {
    Text(std::to_string(count));
    return;
  }
  auto* ws = static_cast<lxw_worksheet*>(sheet_);
  if (const lxw_error e = worksheet_write_number(ws, row_, col_, static_cast<double>(count), formats_->count)) Fail(e);
  Widen(Chars(std::to_string(count)) * 4 / 3);
  ++col_;
}

void XlsxSheet::Percent(int64_t percent) {
  auto* ws = static_cast<lxw_worksheet*>(sheet_);
  if (const lxw_error e = worksheet_write_number(ws, row_, col_, static_cast<double>(percent), formats_->percent)) {
    Fail(e);
  }
  Widen(Chars(std::to_string(percent)) + 1);
  ++col_;
}

void XlsxSheet::Empty() { ++col_; }

void XlsxSheet::EndRow() {
  ++row_;
  col_ = 0;
}

struct XlsxBook::Impl {
  std::string path;  // the scratch file libxlsxwriter writes
  lxw_workbook* book = nullptr;
  XlsxFormats formats;
  std::vector<std::unique_ptr<XlsxSheet>> sheets;

  ~Impl() {
    if (book != nullptr) workbook_close(book);  // an abandoned workbook: written, then removed below
    if (!path.empty()) std::remove(path.c_str());
  }
};

XlsxBook::XlsxBook() : impl_(std::make_unique<Impl>()) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/ansinh-xlsx-XXXXXX";
  const int fd = mkstemp(pattern.data());
  if (fd < 0) {
    throw InputError("cannot create a scratch file for the Excel workbook in " + pattern,
                     "không tạo được tệp tạm cho sổ Excel ở " + pattern);
  }
  close(fd);
  impl_->path = pattern;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  impl_->book = workbook_new_opt(impl_->path.c_str(), &options);
  if (impl_->book == nullptr) {
    throw InputError("cannot start the Excel workbook (out of memory?)", "không tạo được sổ Excel (hết bộ nhớ?)");
  }
  auto* header = workbook_add_format(impl_->book);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
  impl_->formats.header = header;
  impl_->formats.money = workbook_add_format(impl_->book);
  // Vietnamese đồng: the currency format Excel itself offers for Vietnam (locale 0x42A).
  format_set_num_format(impl_->formats.money, "#,##0 [$\xE2\x82\xAB-42A]");
  impl_->formats.count = workbook_add_format(impl_->book);
  format_set_num_format(impl_->formats.count, "#,##0");
  impl_->formats.percent = workbook_add_format(impl_->book);
  format_set_num_format(impl_->formats.percent, "0\"%\"");
}

XlsxBook::~XlsxBook() = default;

XlsxSheet& XlsxBook::AddSheet(std::string_view name, const std::vector<std::string>& header) {
  const std::string sheet_name(name);
  lxw_worksheet* ws = workbook_add_worksheet(impl_->book, sheet_name.c_str());
  if (ws == nullptr) {
    throw InputError("cannot add the Excel sheet '" + sheet_name + "'",
                     "không thêm được trang Excel '" + sheet_name + "'");
  }
  impl_->sheets.push_back(std::unique_ptr<XlsxSheet>(new XlsxSheet(ws, &impl_->formats, sheet_name, header.size())));
  XlsxSheet& sheet = *impl_->sheets.back();
  for (size_t c = 0; c < header.size(); ++c) {
    if (const lxw_error e = worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c].c_str(),
                                                   impl_->formats.header)) {
      sheet.Fail(e);
    }
    sheet.widths_[c] = Chars(header[c]) + 3;  // room for the filter's button
  }
  worksheet_freeze_panes(ws, 1, 0);
  return sheet;
}

std::string XlsxBook::Finish() {
  for (const auto& sheet : impl_->sheets) {
    auto* ws = static_cast<lxw_worksheet*>(sheet->sheet_);
    for (size_t c = 0; c < sheet->widths_.size(); ++c) {
      const double width = static_cast<double>(std::min(sheet->widths_[c] + 2, kMaxWidth));
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
    }
    if (!sheet->widths_.empty()) {
      worksheet_autofilter(ws, 0, 0, sheet->row_ - 1, static_cast<lxw_col_t>(sheet->widths_.size() - 1));
    }
  }
  lxw_workbook* book = impl_->book;
  impl_->book = nullptr;
  if (const lxw_error e = workbook_close(book)) {
    throw InputError(std::string("cannot write the Excel workbook: ") + lxw_strerror(e),
                     std::string("không ghi được sổ Excel (thư viện Excel báo: ") + lxw_strerror(e) + ")");
  }
  std::ifstream in(impl_->path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad() || bytes.empty()) {
    throw InputError("cannot read back the Excel workbook from " + impl_->path,
                     "không đọc lại được sổ Excel từ " + impl_->path);
  }
  return bytes;
}

#else  // built without libxlsxwriter

struct XlsxFormats {};
bool XlsxAvailable() noexcept { return false; }
XlsxSheet::XlsxSheet(void* sheet, const XlsxFormats* formats, std::string name, size_t columns)
    : sheet_(sheet), formats_(formats), name_(std::move(name)), widths_(columns, 0) {}
void XlsxSheet::Fail(int) const {}
void XlsxSheet::Widen(size_t) {}
void XlsxSheet::Text(std::string_view) {}
void XlsxSheet::Money(int64_t) {}
void XlsxSheet::Count(uint64_t) {}
void XlsxSheet::Percent(int64_t) {}
void XlsxSheet::Empty() {}
void XlsxSheet::EndRow() {}
struct XlsxBook::Impl {};
XlsxBook::XlsxBook() {
  throw UsageError(
      "--format xlsx is not available: this ansinh was built without libxlsxwriter (install libxlsxwriter-dev, "
      "e.g. with tools/install-deps.sh, and configure again); --format csv --csv-bom opens in Excel too",
      "không dùng được --format xlsx: bản ansinh này được dựng không có libxlsxwriter (cài libxlsxwriter-dev, "
      "ví dụ bằng tools/install-deps.sh, rồi cấu hình lại); --format csv --csv-bom cũng mở được bằng Excel");
}
XlsxBook::~XlsxBook() = default;
XlsxSheet& XlsxBook::AddSheet(std::string_view, const std::vector<std::string>&) { throw UsageError("no xlsx"); }
std::string XlsxBook::Finish() { return {}; }

#endif

}  // namespace ansinh::cli

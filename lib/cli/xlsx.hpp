// Internal: an Excel workbook (.xlsx) written with libxlsxwriter, sheet by
// sheet and row by row (constant memory: a row is written out when the next
// begins, so a workbook of a large registry does not sit in memory).
//
// Each sheet has a bold header row that stays in view (frozen), a filter on
// every column, and column widths that fit the longest cell (capped). Money
// is a number in a VND number format; counts are numbers.
//
// libxlsxwriter writes to a file name on close; the workbook goes to a
// scratch file that Finish() reads back, so that the caller writes the bytes
// through the CLI's Output (temporary file, checked writes, rename): the
// target is written whole or not at all.
//
// Built without libxlsxwriter (ANSINH_HAVE_XLSX 0), XlsxBook's constructor
// throws UsageError saying so.
#ifndef ANSINH_LIB_CLI_XLSX_HPP_
#define ANSINH_LIB_CLI_XLSX_HPP_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ansinh::cli {

// Whether this build writes .xlsx.
bool XlsxAvailable() noexcept;

struct XlsxFormats;

// One sheet; rows are written in order, cells of a row left to right.
class XlsxSheet {
 public:
  void Text(std::string_view text);
  void Money(int64_t vnd);        // number in the VND format "#,##0 ₫"
  void Count(uint64_t count);     // number, "#,##0"
  void Percent(int64_t percent);  // a benefit in percent: 70 -> 70%
  void Empty();
  void EndRow();

 private:
  friend class XlsxBook;
  XlsxSheet(void* sheet, const XlsxFormats* formats, std::string name, size_t columns);
  void Fail(int error) const;
  void Widen(size_t chars);
  void* sheet_;  // lxw_worksheet (owned by the workbook)
  const XlsxFormats* formats_;
  std::string name_;
  uint32_t row_ = 1;  // the header is row 0
  uint16_t col_ = 0;
  std::vector<size_t> widths_;
};

class XlsxBook {
 public:
  XlsxBook();  // throws UsageError without libxlsxwriter, InputError without a scratch file
  ~XlsxBook();
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;

  // A new sheet (name at most 31 characters, none of []:*?/\) with its header row.
  XlsxSheet& AddSheet(std::string_view name, const std::vector<std::string>& header);
  // Sets widths and filters, closes the workbook and returns the file's
  // bytes. Throws InputError when it cannot be written.
  std::string Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ansinh::cli

#endif  // ANSINH_LIB_CLI_XLSX_HPP_

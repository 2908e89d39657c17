// The command line's --help in Vietnamese: one table, English description →
// Vietnamese text. A description missing here stays English; the CLI tests
// list every registered description and fail on one without its text.
#include "cli/help_text.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <sstream>
#include <string_view>
#include <unordered_map>

namespace ansinh::cli {
namespace {

// CLI11's detail::format_help with the name column padded by display width.
void FormatHelp(std::ostream& out, std::string name, const std::string& description, size_t width) {
  name = "  " + name;
  const size_t used = DisplayWidth(name);
  out << name;
  if (used < width) out << std::string(width - used, ' ');
  if (!description.empty()) {
    if (used >= width) out << "\n" << std::string(width, ' ');
    for (const char c : description) {
      out.put(c);
      if (c == '\n') out << std::string(width, ' ');
    }
  }
  out << "\n";
}

class WidthFormatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    std::stringstream out;
    FormatHelp(out, make_option_name(opt, is_positional) + make_option_opts(opt), make_option_desc(opt),
               column_width_);
    return out.str();
  }
  std::string make_subcommand(const CLI::App* sub) const override {
    std::stringstream out;
    FormatHelp(out, sub->get_display_name(true), sub->get_description(), column_width_);
    return out.str();
  }
};

void SetFormatter(CLI::App& app, const std::shared_ptr<CLI::Formatter>& formatter) {
  app.formatter(formatter);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) SetFormatter(*sub, formatter);
}

const std::unordered_map<std::string_view, std::string_view>& Table() {
  static const std::unordered_map<std::string_view, std::string_view> table{
    {"ansinh — decides which social subsidies a household qualifies for, from YAML rule packages.\n"
     "Docs: docs/cli.md. Exit codes: 0 ok, 1 problems found (rule errors, failed tests, record errors),\n"
     "2 usage error, 3 a file could not be read.",
     "ansinh — xét hộ gia đình và từng thành viên được hưởng những trợ cấp xã hội nào, theo các gói quy tắc YAML.\n"
     "Tài liệu: docs/cli.md. Mã thoát: 0 xong, 1 có vấn đề (lỗi quy tắc, bài kiểm thử sai, hồ sơ lỗi),\n"
     "2 gọi lệnh sai, 3 không đọc/ghi được tệp."},
    {"Print this help message and exit",
     "In hướng dẫn này rồi thoát"},
    {"Display program version information and exit",
     "In phiên bản của chương trình rồi thoát"},
    {"Check a rule package; print every problem as file:line:col (exit 1 on errors)",
     "Kiểm tra một gói quy tắc; in mọi lỗi kèm tệp:dòng:cột (mã thoát 1 khi có lỗi)"},
    {"Run a package's YAML tests; print each failure as expected vs actual (exit 1 on failure)",
     "Chạy các bài kiểm thử YAML của gói; in mỗi bài sai: kết quả mong đợi và kết quả thực (mã thoát 1 khi có bài sai)"},
    {"Evaluate household records: one decision per record, in input order",
     "Xét hồ sơ hộ: mỗi hồ sơ một kết quả, theo thứ tự trong tệp"},
    {"Explain one household in words (Vietnamese by default): its total, what each member receives, the questions for the family, what waits on a legal text, and the near misses",
     "Giải thích một hộ bằng lời: tổng trợ cấp, từng thành viên được hưởng gì, những điều cần hỏi gia đình, chế độ chờ văn bản, và các trường hợp suýt đủ điều kiện"},
    {"Coverage and cost report: cost per benefit, indicators against targets",
     "Báo cáo độ bao phủ và kinh phí: kinh phí từng chế độ, các chỉ tiêu so với mục tiêu"},
    {"Compare two rule packages on the same records: gains, losses, cost",
     "So sánh hai gói quy tắc trên cùng hồ sơ: ai được thêm, ai mất, kinh phí"},
    {"Run a package's YAML tests and show which conditions, amount arms and parameter steps they exercise",
     "Chạy các bài kiểm thử của gói và cho biết chúng đã thử những điều kiện, nhánh công thức số tiền và mức tham số nào"},
    {"Generate the boundary households a benefit's thresholds call for, as YAML test skeletons to confirm",
     "Sinh các hộ ở sát ngưỡng của một chế độ, dưới dạng khung bài kiểm thử YAML để cán bộ xác nhận"},
    {"Serve rule packages over HTTP/JSON (/v1/evaluate, /v1/explain ...) and the intake page at /; SIGHUP reloads the packages, SIGTERM stops (docs/service.md)",
     "Phục vụ các gói quy tắc qua HTTP/JSON (/v1/evaluate, /v1/explain ...) và trang nhập hồ sơ tại /; SIGHUP nạp lại các gói, SIGTERM dừng (docs/service.md)"},
    {"Rule package folder (holds package.yaml)",
     "Thư mục gói quy tắc (chứa package.yaml)"},
    {"text (default) or json",
     "text (mặc định) hoặc json"},
    {"Folder that `extends` may resolve into (repeatable)",
     "Thư mục mà `extends` được phép trỏ tới (dùng được nhiều lần)"},
    {"Follow symbolic links that lead out of the package folder (refused by default: E_LINK_OUTSIDE)",
     "Đi theo liên kết tượng trưng dẫn ra ngoài thư mục gói (mặc định bị từ chối: E_LINK_OUTSIDE)"},
    {"Print errors only",
     "Chỉ in lỗi"},
    {"Language of the messages: vi (default) or en (json has both)",
     "Ngôn ngữ của thông báo: vi (mặc định) hoặc en (json có cả hai)"},
    {"Rule package folder",
     "Thư mục gói quy tắc"},
    {"Only tests whose name contains this text",
     "Chỉ các bài kiểm thử có tên chứa chữ này"},
    {"List passing tests too, and show each failed test's decision with its trace",
     "Liệt kê cả các bài đạt, và in kết quả kèm vết xét của mỗi bài sai"},
    {"Language of the messages and traces: vi (default) or en",
     "Ngôn ngữ của thông báo và vết xét: vi (mặc định) hoặc en"},
    {"Records: a .json/.jsonl/.yaml file, or households.csv persons.csv",
     "Hồ sơ: một tệp .json/.jsonl/.yaml, hoặc households.csv persons.csv"},
    {"Evaluate as of this day (YYYY-MM-DD)",
     "Xét tại ngày này (YYYY-MM-DD)"},
    {"Evaluate for this month (YYYY-MM), by each benefit's month rule",
     "Xét cho tháng này (YYYY-MM), theo quy tắc tháng của từng chế độ"},
    {"Language of reasons in csv/text and of xlsx: vi (default) or en",
     "Ngôn ngữ của lý do trong csv/text và của xlsx: vi (mặc định) hoặc en"},
    {"Include each condition, its value and the values it read",
     "Kèm từng điều kiện, giá trị của nó và các giá trị nó đã đọc"},
    {"Worker threads (default: all cores)",
     "Số luồng xử lý (mặc định: mọi lõi)"},
    {"Write to this file instead of standard output",
     "Ghi vào tệp này thay cho đầu ra chuẩn"},
    {"csv: write cells as they are (by default a cell starting with =, +, -, @ gets a leading ' so that spreadsheets do not run it as a formula)",
     "csv: ghi ô đúng như giá trị (mặc định một ô bắt đầu bằng =, +, -, @ được thêm dấu ' ở đầu để bảng tính không chạy nó như công thức)"},
    {"csv: start with a UTF-8 byte-order mark, so that Excel on Windows reads the Vietnamese text right",
     "csv: thêm dấu BOM UTF-8 ở đầu tệp để Excel trên Windows đọc đúng tiếng Việt"},
    {"Exit with 1 when any record has errors",
     "Thoát với mã 1 khi có hồ sơ lỗi"},
    {"Records file(s) holding the household",
     "Tệp hồ sơ chứa hộ"},
    {"Id of the household (needed when the file holds several)",
     "Mã hộ (cần khi tệp có nhiều hộ)"},
    {"Evaluate for this month (YYYY-MM)",
     "Xét cho tháng này (YYYY-MM)"},
    {"vi (default) or en",
     "vi (mặc định) hoặc en"},
    {"Also show each condition with the values it read",
     "In thêm từng điều kiện với các giá trị nó đã đọc"},
    {"Show every benefit: also those not received for a reason outside the person's target group, superseded and not in force (the same as --detail full)",
     "In mọi chế độ: cả những chế độ không hưởng vì người đó không thuộc đối tượng, bị chế độ khác thay thế hoặc chưa/hết hiệu lực (như --detail full)"},
    {"What if: change a fact and show what changes, e.g. --set income_per_capita=1400000 or --set 'members[CL-0001-02].disability=severe' (repeatable); also lists what would make the near misses eligible",
     "Giả sử: đổi một thông tin và xem kết quả thay đổi thế nào, ví dụ --set income_per_capita=1400000 hoặc --set 'members[CL-0001-02].disability=severe' (dùng được nhiều lần); kèm những thay đổi làm các trường hợp suýt đủ trở thành đủ điều kiện"},
    {"After the explanation, what change of one fact would make each near miss eligible (each verified)",
     "Sau lời giải thích, thay đổi một thông tin nào sẽ làm mỗi trường hợp suýt đủ trở thành đủ điều kiện (đã kiểm chứng từng dòng)"},
    {"Report as of this day (YYYY-MM-DD)",
     "Báo cáo tại ngày này (YYYY-MM-DD)"},
    {"Report for this month (YYYY-MM), by each benefit's month rule",
     "Báo cáo cho tháng này (YYYY-MM), theo quy tắc tháng của từng chế độ"},
    {"Language: vi (default) or en",
     "Ngôn ngữ: vi (mặc định) hoặc en"},
    {"csv: write only this table (summary, costs, groups, indicators, follow_up, breakdown, status, errors, missing, undetermined)",
     "csv: chỉ ghi bảng này (summary, costs, groups, indicators, follow_up, breakdown, status, errors, missing, undetermined)"},
    {"Households listed per list (default 1000; 0 = all)",
     "Số hộ liệt kê mỗi danh sách (mặc định 1000; 0 = tất cả)"},
    {"Rule package A (e.g. the rules in force)",
     "Gói quy tắc A (ví dụ quy tắc đang có hiệu lực)"},
    {"Rule package B (e.g. a reform or scenario)",
     "Gói quy tắc B (ví dụ một phương án sửa đổi)"},
    {"Compare as of this day (YYYY-MM-DD)",
     "So sánh tại ngày này (YYYY-MM-DD)"},
    {"Compare for this month (YYYY-MM)",
     "So sánh cho tháng này (YYYY-MM)"},
    {"csv: write only this table (summary, benefits, areas, indicators, changes)",
     "csv: chỉ ghi bảng này (summary, benefits, areas, indicators, changes)"},
    {"Changed households listed (default 1000; 0 = all)",
     "Số hộ có thay đổi được liệt kê (mặc định 1000; 0 = tất cả)"},
    {"Only this benefit (its id); default: every benefit",
     "Chỉ chế độ này (mã của nó); mặc định: mọi chế độ"},
    {"Language of the comments: vi (default) or en",
     "Ngôn ngữ của lời chú thích: vi (mặc định) hoặc en"},
    {"Rule package folders",
     "Các thư mục gói quy tắc"},
    {"HOST:PORT to listen on (default 127.0.0.1:8080; port 0 = any free port)",
     "Địa chỉ HOST:PORT để lắng nghe (mặc định 127.0.0.1:8080; cổng 0 = một cổng trống bất kỳ)"},
    {"File holding the bearer token clients must send (needed to listen beyond loopback)",
     "Tệp chứa mã truy cập (bearer token) mà máy khách phải gửi (bắt buộc khi lắng nghe ngoài loopback)"},
    {"Origin allowed to call the API from a browser (repeatable; none = no CORS)",
     "Nguồn (origin) được gọi API từ trình duyệt (dùng được nhiều lần; không có = không CORS)"},
    {"Threads (default: all cores)",
     "Số luồng (mặc định: mọi lõi)"},
    {"Largest request body in bytes (413 beyond; default 4 MiB)",
     "Thân yêu cầu lớn nhất, tính bằng byte (vượt thì 413; mặc định 4 MiB)"},
    {"Largest request header in bytes (431 beyond; default 16 KiB)",
     "Phần đầu yêu cầu lớn nhất, tính bằng byte (vượt thì 431; mặc định 16 KiB)"},
    {"Connections open at once (503 with Retry-After beyond; default 1024)",
     "Số kết nối mở cùng lúc (vượt thì 503 kèm Retry-After; mặc định 1024)"},
    {"A request must arrive whole within this (default 10000)",
     "Yêu cầu phải đến đủ trong thời gian này (mặc định 10000)"},
    {"An answer must be taken within this (default 10000)",
     "Câu trả lời phải được nhận hết trong thời gian này (mặc định 10000)"},
    {"Access log: - (standard error, default), none, or a file",
     "Nhật ký truy cập: - (đầu ra lỗi chuẩn, mặc định), none, hoặc một tệp"},
    {"Breakdown: benefit (default), area, commune or status",
     "Chia theo: benefit (chế độ, mặc định), area (địa bàn), commune (xã) hoặc status (tình trạng)"},
    {"Format of the records when their file names do not say it (a pipe): jsonl, json, yaml or csv",
     "Định dạng hồ sơ khi tên tệp không cho biết (ví dụ đọc từ đường ống): jsonl, json, yaml hoặc csv"},
    {"Gainers and losers by area (default) or commune",
     "Người được thêm và người mất theo địa bàn (mặc định) hoặc theo xã"},
    {"jsonl (default), json, csv, text or xlsx (Excel: needs --output)",
     "jsonl (mặc định), json, csv, text hoặc xlsx (Excel: cần --output)"},
    {"reasons (default: near misses only), summary (no near misses) or full",
     "reasons (mặc định: chỉ các trường hợp suýt đủ), summary (không có trường hợp suýt đủ) hoặc full"},
    {"summary (eligible and undetermined benefits, no reasons: the batch format), reasons (plus reasons and near misses) or full (every benefit, every reason: the default)",
     "summary (chế độ được hưởng và chưa xác định, không lý do: dạng cho cả danh sách), reasons (thêm lý do và các trường hợp suýt đủ) hoặc full (mọi chế độ, mọi lý do: mặc định)"},
    {"text (default), csv, json, html or xlsx (Excel: needs --output)",
     "text (mặc định), csv, json, html hoặc xlsx (Excel: cần --output)"},
    {"text (default), json or html",
     "text (mặc định), json hoặc html"},
  };
  return table;
}

// Calls f(description, setter) for the app, its commands and every option.
template <typename F>
void EachDescription(CLI::App& app, F&& f) {
  f(app.get_description(), [&app](const std::string& d) { app.description(d); });
  for (CLI::Option* opt : app.get_options()) {
    f(opt->get_description(), [opt](const std::string& d) { opt->description(d); });
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) EachDescription(*sub, f);
}

void Headings(CLI::App& app) {
  app.get_formatter()->label("Usage", "Cách dùng");
  app.get_formatter()->label("Positionals", "Đối số");
  app.get_formatter()->label("OPTIONS", "TÙY CHỌN");
  app.get_formatter()->label("SUBCOMMAND", "LỆNH");
  app.get_formatter()->label("REQUIRED", "BẮT BUỘC");
  for (CLI::Option* opt : app.get_options()) {
    if (opt->get_group() == "Options") opt->group("Tùy chọn");
  }
  if (app.get_group() == "Subcommands") app.group("Các lệnh");
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_group() == "Subcommands") sub->group("Các lệnh");
    Headings(*sub);
  }
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;  // not a continuation byte
  return n;
}

void AlignHelp(CLI::App& app) { SetFormatter(app, std::make_shared<WidthFormatter>()); }

void TranslateHelp(CLI::App& app) {
  EachDescription(app, [](const std::string& english, auto set) {
    const auto it = Table().find(english);
    if (it != Table().end()) set(std::string(it->second));
  });
  Headings(app);
}

std::vector<std::string> UntranslatedHelp(CLI::App& app) {
  std::vector<std::string> missing;
  EachDescription(app, [&missing](const std::string& english, auto) {
    if (!english.empty() && Table().count(english) == 0) missing.push_back(english);
  });
  return missing;
}

}  // namespace ansinh::cli

// YAML: one household mapping, a sequence of them, or several documents.
//
// The text is cut into chunks by lines before yaml-cpp sees it, so a large
// file is streamed: a document ("---") is a chunk, and inside a document that
// is a top-level block sequence each item ("- " at column 0) is a chunk. Each
// chunk is bounded by max_record_bytes and checked for excessive nesting (yaml-cpp
// recurses per level) before it is parsed; a chunk that cannot be parsed
// becomes one R_SYNTAX record. Values are converted like the test households
// of rule packages (yaml/yaml_values.hpp), then checked against the field type.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>

#include "io/block_reader.hpp"
#include "io/field_lookup.hpp"
#include "io/record_source.hpp"
#include "records/issues.hpp"
#include "records/value_text.hpp"
#include "yaml/runaway_quote.hpp"
#include "yaml/yaml_values.hpp"

namespace ansinh::internal {
namespace {

constexpr Entity kYamlH = Entity::kHousehold;
constexpr Entity kYamlP = Entity::kPerson;
constexpr int kMaxNesting = 64;

bool IsBlankOrComment(std::string_view line) {
  const std::string_view t = TrimSpaces(line);
  return t.empty() || t[0] == '#';
}

bool IsMarker(std::string_view line, std::string_view marker) {
  return line.substr(0, 3) == marker && (line.size() == 3 || line[3] == ' ' || line[3] == '\t');
}

bool IsItemStart(std::string_view line) {
  return !line.empty() && line[0] == '-' && (line.size() == 1 || line[1] == ' ' || line[1] == '\t');
}

// Whether yaml-cpp could recurse too deeply on `text` (flow brackets, compact
// "- - -" sequences, deep indentation).
bool TooDeep(std::string_view text) {
  int depth = 0;
  char quote = 0;
  size_t line_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      line_start = i + 1;
      quote = 0;
      continue;
    }
    if (i == line_start) {  // indentation and compact sequence markers of this line
      size_t k = i, dashes = 0;
      while (k < text.size() && (text[k] == ' ' || text[k] == '-')) dashes += text[k++] == '-';
      if (k - i > 1024 || dashes > kMaxNesting) return true;
    }
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

// A yaml-cpp message made valid UTF-8: it may quote a byte of the input
// ("unknown escape character: \xd0"), which must not reach JSON output raw.
std::string SafeMessage(std::string_view message) {
  std::string out;
  AppendSanitizedUtf8(message, &out);
  return out;
}

// The id of a broken record, if a line near the top says "id: X".
std::string RecoverYamlId(std::string_view chunk) {
  size_t pos = 0;
  for (int n = 0; n < 50 && pos < chunk.size(); ++n) {
    size_t end = chunk.find('\n', pos);
    if (end == std::string_view::npos) end = chunk.size();
    std::string_view line = chunk.substr(pos, end - pos);
    pos = end + 1;
    if (line.substr(0, 2) == "- ") line.remove_prefix(2);
    const std::string_view t = TrimSpaces(line);
    if (line.size() - t.size() > 2 || t.substr(0, 3) != "id:") continue;
    std::string_view v = TrimSpaces(t.substr(3));
    const size_t hash = v.find(" #");
    if (hash != std::string_view::npos) v = TrimSpaces(v.substr(0, hash));
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
      v = v.substr(1, v.size() - 2);
    }
    if (!v.empty() && v.size() <= 200) return std::string(v);
  }
  return {};
}

// R_SYNTAX for a quoted text that runs on over the following fields (yaml-cpp
// 0.7 takes them into the text up to the next quote: the record would come
// out `ok` without them). `chunk` starts at file line `first_line`.
RecordIssue RunawayQuoteIssue(std::string_view chunk, uint64_t first_line, const yaml::RunawayQuote& q) {
  auto line_col = [&](size_t offset, uint64_t* line, uint64_t* col) {
    const std::string_view before = chunk.substr(0, offset);
    *line = first_line + static_cast<uint64_t>(std::count(before.begin(), before.end(), '\n'));
    const size_t nl = before.rfind('\n');
    *col = offset - (nl == std::string_view::npos ? 0 : nl + 1) + 1;
  };
  uint64_t line = 0, col = 0, key_line = 0, key_col = 0;
  line_col(q.open, &line, &col);
  line_col(q.swallowed, &key_line, &key_col);
  size_t key_end = q.swallowed;
  while (key_end < chunk.size() && chunk[key_end] != ':' && chunk[key_end] != '\n') ++key_end;
  const std::string key = SafeMessage(chunk.substr(q.swallowed, std::min<size_t>(key_end - q.swallowed, 80)));
  return SyntaxIssue(
      fmt::format("The record at line {}: the text opened with {} at line {}, column {} is not closed on its line "
                  "and takes in `{}:` of line {} as text; close the quote.",
                  first_line, q.quote, line, col, key, key_line),
      fmt::format("Bản ghi ở dòng {}: văn bản mở bằng {} ở dòng {}, cột {} không được đóng trên dòng đó và nuốt "
                  "cả `{}:` ở dòng {}; hãy đóng dấu nháy.",
                  first_line, q.quote, line, col, key, key_line));
}

class YamlSource final : public RecordSource {
 public:
  YamlSource(const CompiledSchema& schema, std::vector<std::string> paths, const ReadOptions& options)
      : files_(std::move(paths)),
        options_(options),
        household_fields_(schema, kYamlH),
        person_fields_(schema, kYamlP) {}

  bool ReadOne(BatchBuilder& b) override {
    for (;;) {
      if (!pending_.empty()) {
        Pending p = std::move(pending_.front());
        pending_.pop_front();
        ConvertHousehold(p.node, p.origin, std::move(p.issue), b);
        return true;
      }
      if (!Open()) return false;
      if (!NextChunk()) {
        files_.Close();
        continue;
      }
      if (LoadChunk(b)) return true;  // a broken chunk was appended as one record
    }
  }

  uint64_t bytes_read() const noexcept override { return files_.bytes_read(); }

 private:
  enum class Mode { kStart, kSequence, kWhole };
  struct Pending {
    YAML::Node node;
    RecordOrigin origin;
    std::optional<RecordIssue> issue;  // a problem found before conversion
  };

  // The current file, the next one opened (line 0, no document yet) when none is.
  bool Open() {
    bool opened = false;
    if (!files_.Open(&opened)) return false;
    if (opened) {
      line_ = 0;
      mode_ = Mode::kStart;
      carry_.reset();
    }
    return true;
  }

  bool NextChunk();
  void AddLine(std::string_view line, uint64_t line_no);
  bool LoadChunk(BatchBuilder& b);
  void AddBroken(RecordIssue issue, uint64_t line, BatchBuilder& b);
  void ConvertHousehold(const YAML::Node& node, const RecordOrigin& origin, std::optional<RecordIssue> issue,
                        BatchBuilder& b);
  void ConvertMembers(const YAML::Node& node, BatchBuilder& b);
  void ConvertValue(Entity entity, int field, const YAML::Node& node, BatchBuilder& b);

  FileCursor files_;
  ReadOptions options_;
  FieldLookup household_fields_;
  FieldLookup person_fields_;
  HouseholdIds ids_;
  uint64_t line_ = 0;
  uint64_t index_ = 0;
  Mode mode_ = Mode::kStart;
  std::string chunk_;
  uint64_t chunk_line_ = 0;  // file line of the chunk's first line (0: no content yet)
  uint64_t chunk_bytes_ = 0;
  bool chunk_too_long_ = false;
  std::unique_ptr<std::pair<std::string, uint64_t>> carry_;  // a line that starts the next chunk
  std::deque<Pending> pending_;
  std::string prefix_;
};

void YamlSource::AddLine(std::string_view line, uint64_t line_no) {
  if (chunk_line_ == 0) {
    if (IsBlankOrComment(line)) return;  // not part of any record
    chunk_line_ = line_no;
  }
  chunk_bytes_ += line.size() + 1;
  if (chunk_bytes_ > options_.max_record_bytes) {
    chunk_too_long_ = true;
    if (chunk_.size() > 4096) chunk_.resize(4096);  // keep the start, for the id
    return;
  }
  chunk_.append(line);
  chunk_ += '\n';
}

bool YamlSource::NextChunk() {
  chunk_.clear();
  chunk_line_ = 0;
  chunk_bytes_ = 0;
  chunk_too_long_ = false;
  if (carry_) {
    AddLine(carry_->first, carry_->second);
    carry_.reset();
  }
  for (;;) {
    std::string_view line;
    uint64_t skipped = 0;
    const LineStatus status = NextLine(files_.in(), options_.max_record_bytes, &line, &prefix_, &skipped);
    if (status == LineStatus::kEnd) return chunk_line_ != 0;
    ++line_;
    if (status == LineStatus::kTooLong) {
      if (chunk_line_ == 0) chunk_line_ = line_;
      chunk_too_long_ = true;
      chunk_bytes_ += skipped;
      if (chunk_.empty()) chunk_ = prefix_;
      continue;
    }
    if (IsMarker(line, "---") || IsMarker(line, "...")) {
      const bool start = line[0] == '-';
      mode_ = Mode::kStart;
      const std::string_view rest = TrimSpaces(line.substr(3));
      if (start && !rest.empty() && rest[0] != '#') {  // "--- {id: a}": content on the marker line
        if (chunk_line_ != 0) {
          carry_ = std::make_unique<std::pair<std::string, uint64_t>>(std::string(rest), line_);
          mode_ = Mode::kWhole;
          return true;
        }
        mode_ = Mode::kWhole;
        AddLine(rest, line_);
        continue;
      }
      if (chunk_line_ != 0) return true;
      continue;
    }
    if (mode_ == Mode::kStart && !IsBlankOrComment(line)) {
      mode_ = IsItemStart(line) ? Mode::kSequence : Mode::kWhole;
    }
    if (mode_ == Mode::kSequence && IsItemStart(line) && chunk_line_ != 0) {
      carry_ = std::make_unique<std::pair<std::string, uint64_t>>(std::string(line), line_);
      return true;
    }
    AddLine(line, line_);
  }
}

void YamlSource::AddBroken(RecordIssue issue, uint64_t line, BatchBuilder& b) {
  const RecordOrigin origin{files_.in().path(), line, index_++};
  b.BeginHousehold(origin);
  b.AddIssue(std::move(issue));
  const std::string id = RecoverYamlId(chunk_);
  b.SetText(kYamlH, 0, id.empty() ? "line " + std::to_string(line) : id);
  ids_.Check(b, origin);
  b.EndHousehold();
}

bool YamlSource::LoadChunk(BatchBuilder& b) {
  if (chunk_too_long_) {
    AddBroken(RecordTooLongIssue(chunk_bytes_, options_.max_record_bytes), chunk_line_, b);
    return true;
  }
  if (TooDeep(chunk_)) {
    AddBroken(SyntaxIssue(fmt::format("The record at line {} is nested too deeply.", chunk_line_),
                          fmt::format("Bản ghi ở dòng {} lồng nhau quá sâu.", chunk_line_)),
              chunk_line_, b);
    return true;
  }
  YAML::Node root;
  try {
    root = YAML::Load(chunk_);
  } catch (const YAML::Exception& e) {
    const uint64_t at = chunk_line_ + static_cast<uint64_t>(e.mark.line < 0 ? 0 : e.mark.line);
    const std::string msg = SafeMessage(e.msg);
    AddBroken(SyntaxIssue(fmt::format("The record at line {} is not valid YAML: {} (line {}).", chunk_line_,
                                      msg, at),
                          fmt::format("Bản ghi ở dòng {} không phải là YAML hợp lệ: {} (dòng {}).",
                                      chunk_line_, msg, at)),
              chunk_line_, b);
    return true;
  }
  if (!root.IsDefined() || root.IsNull()) return false;  // an empty document
  const std::vector<yaml::RunawayQuote> runaway = yaml::FindRunawayQuotes(chunk_, root);
  if (!runaway.empty() && !root.IsSequence()) {
    AddBroken(RunawayQuoteIssue(chunk_, chunk_line_, runaway.front()), chunk_line_, b);
    return true;
  }
  auto line_of = [this](const YAML::Node& n) {
    return chunk_line_ + static_cast<uint64_t>(n.Mark().line < 0 ? 0 : n.Mark().line);
  };
  if (root.IsSequence()) {
    bool first = true;
    std::vector<YAML::Node> items(root.begin(), root.end());
    for (size_t k = 0; k < items.size(); ++k) {
      const YAML::Node& item = items[k];
      // A block item starts at its "-" (its mapping may begin on the next line).
      const uint64_t line = first && chunk_[0] == '-' ? chunk_line_ : line_of(item);
      std::optional<RecordIssue> issue;
      // The item holding the opening quote (up to the next item's start).
      const long begin = item.Mark().pos;
      const long end = k + 1 < items.size() ? items[k + 1].Mark().pos : static_cast<long>(chunk_.size());
      for (const yaml::RunawayQuote& q : runaway) {
        if (static_cast<long>(q.open) >= begin && static_cast<long>(q.open) < end) {
          issue = RunawayQuoteIssue(chunk_, chunk_line_, q);
          break;
        }
      }
      pending_.push_back({item, {files_.in().path(), line, index_++}, std::move(issue)});
      first = false;
    }
  } else {
    pending_.push_back({root, {files_.in().path(), chunk_line_, index_++}, std::nullopt});
  }
  return false;
}

void YamlSource::ConvertHousehold(const YAML::Node& node, const RecordOrigin& origin,
                                  std::optional<RecordIssue> issue, BatchBuilder& b) {
  b.BeginHousehold(origin);
  if (issue) b.AddIssue(std::move(*issue));
  try {
    if (!node.IsMap()) {
      b.AddIssue(NotAnObjectIssue(origin.line, node.IsSequence() ? "a list" : node.IsScalar() ? "a text" : "null"));
      b.SetText(kYamlH, 0, "line " + std::to_string(origin.line));
    } else {
      bool members_given = false;
      for (const auto& kv : node) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
        const int index = household_fields_.Find(key);
        if (index == FieldLookup::kMembers) {
          if (members_given) {
            b.AddIssue(DuplicateFieldIssue("members"));
          } else {
            ConvertMembers(kv.second, b);
          }
          members_given = true;
        } else if (index == FieldLookup::kUnknown) {
          b.UnknownField(kYamlH, key);
        } else {
          ConvertValue(kYamlH, index, kv.second, b);
        }
      }
    }
  } catch (const std::exception& e) {  // yaml-cpp's, should a node misbehave
    b.EndPerson();
    const std::string msg = SafeMessage(e.what());
    b.AddIssue(SyntaxIssue(fmt::format("The record at line {} cannot be read: {}.", origin.line, msg),
                           fmt::format("Không đọc được bản ghi ở dòng {}: {}.", origin.line, msg)));
  }
  ids_.Check(b, origin);
  b.EndHousehold();
}

void YamlSource::ConvertMembers(const YAML::Node& node, BatchBuilder& b) {
  if (node.IsNull()) return;  // unknown members: R_NO_MEMBERS
  if (!node.IsSequence()) {
    b.AddIssue(MembersNotListIssue(node.IsMap() ? "a mapping" : "a text"));
    return;
  }
  size_t ordinal = 0;
  for (const YAML::Node& person : node) {
    ++ordinal;
    if (!person.IsMap()) {
      b.AddIssue(MemberNotObjectIssue(ordinal, person.IsSequence() ? "a list" : "a text"));
      continue;
    }
    b.BeginPerson();
    for (const auto& kv : person) {
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
      const int index = person_fields_.Find(key);
      if (index < 0) {
        b.UnknownField(kYamlP, key);
      } else {
        ConvertValue(kYamlP, index, kv.second, b);
      }
    }
    b.EndPerson();
  }
}

// Through the loader's YAML -> InputValue conversion, so that a YAML record
// reads exactly like a test household of a rule package. Where it refuses a
// scalar (a number out of range, say), the text goes to the builder as
// written: stored for a string field, else an issue with the field's type.
void YamlSource::ConvertValue(Entity entity, int field, const YAML::Node& node, BatchBuilder& b) {
  const yaml::ValueResult value = yaml::ToInputValue(node);
  if (value.ok) {
    b.SetValue(entity, field, value.value);
  } else if (node.IsScalar()) {
    b.SetText(entity, field, node.Scalar());
  } else if (node.IsMap()) {
    b.WrongType(entity, field, "a mapping");
  } else {
    b.WrongType(entity, field, "a list with a non-text item");
  }
}

}  // namespace

std::unique_ptr<RecordSource> MakeYamlSource(const CompiledSchema& schema, std::vector<std::string> paths,
                                             const ReadOptions& options) {
  return std::make_unique<YamlSource>(schema, std::move(paths), options);
}

}  // namespace ansinh::internal

// RecordReader: picks the format, then pulls households from its source into
// the caller's batch.
#include "runtime/access.hpp"
#include "ansinh/reader.hpp"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <filesystem>

#include "ansinh/error.hpp"
#include "io/block_reader.hpp"
#include "io/record_source.hpp"
#include "runtime/rule_set_impl.hpp"

ANSINH_BEGIN_NAMESPACE
namespace {

std::string Extension(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

// The format of the first path with a known extension: a pipe (/dev/fd/63)
// has none, but its partner in a CSV pair may.
RecordFormat Detect(const std::vector<std::string>& paths) {
  for (const std::string& path : paths) {
    const std::string ext = Extension(path);
    if (ext == "jsonl" || ext == "ndjson") return RecordFormat::kJsonLines;
    if (ext == "json") return RecordFormat::kJson;
    if (ext == "yaml" || ext == "yml") return RecordFormat::kYaml;
    if (ext == "csv") return RecordFormat::kCsv;
  }
  throw InputError("cannot tell the record format of '" + paths.front() +
                       "' from its extension (.jsonl, .ndjson, .json, .yaml, .yml, .csv); give it with "
                       "--records-format (ReadOptions::format)",
                   "không biết dạng hồ sơ của '" + paths.front() +
                       "' qua đuôi tệp (.jsonl, .ndjson, .json, .yaml, .yml, .csv); hãy cho bằng --records-format");
}

// Households read by ReadAll before it sizes the batch for the rest.
constexpr size_t kSizeProbe = 2048;

// The bytes of the inputs when all are regular files, else 0 (a pipe: unknown).
uint64_t InputBytes(const std::vector<std::string>& paths) {
  uint64_t total = 0;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) return 0;
    const uintmax_t size = std::filesystem::file_size(path, error);
    if (error) return 0;
    total += size;
  }
  return total;
}

// Reserves `data` for the households of `total` input bytes, at the rate of those read so far
// (`done` bytes), with an eighth more for variation; at most `max` households.
void ReserveFor(internal::BatchData& data, uint64_t done, uint64_t total, size_t max) {
  if (done == 0 || total <= done || data.households == 0) return;
  const double scale = static_cast<double>(total) / static_cast<double>(done) * 1.125;
  const double households = std::min(static_cast<double>(data.households) * scale, static_cast<double>(max));
  const double ratio = households / static_cast<double>(data.households);
  if (!(households < 1e9)) return;  // an estimate past any sane batch: let it grow as it goes
  data.Reserve(static_cast<size_t>(households), static_cast<size_t>(static_cast<double>(data.persons) * ratio),
               static_cast<size_t>(static_cast<double>(data.strings.size()) * ratio));
}

}  // namespace

class RecordReader::Impl {
 public:
  Impl(const RuleSet& rules, std::vector<std::string> paths, const ReadOptions& options)
      : schema_(&internal::ImplOf(rules).schema), options_(options) {
    if (paths.empty()) throw UsageError("RecordReader: no input files given");
    spool_ = std::make_unique<internal::InputSpool>(paths);  // pipes: read once, before any pass
    for (const std::string& path : paths) internal::BlockReader::CheckReadable(path);
    format_ = options.format == RecordFormat::kAuto ? Detect(paths) : options.format;
    limits_ = internal::ToBuildLimits(options);
    switch (format_) {
      case RecordFormat::kJsonLines: source_ = internal::MakeJsonLinesSource(*schema_, std::move(paths), options); break;
      case RecordFormat::kJson: source_ = internal::MakeJsonSource(*schema_, std::move(paths), options); break;
      case RecordFormat::kYaml: source_ = internal::MakeYamlSource(*schema_, std::move(paths), options); break;
      case RecordFormat::kCsv:
        if (paths.size() != 2) {
          throw InputError("CSV records need two files: households.csv and persons.csv (got " +
                               std::to_string(paths.size()) + ")",
                           "hồ sơ CSV cần hai tệp: households.csv và persons.csv (nhận được " +
                               std::to_string(paths.size()) + ")");
        }
        source_ = internal::MakeCsvSource(*schema_, std::move(paths), options);
        break;
      case RecordFormat::kAuto: break;
    }
  }

  // Appends up to `max` households to `batch`; returns how many.
  size_t Fill(RecordBatch& batch, size_t max) {
    if (internal::DataOf(batch).schema != schema_) {
      throw UsageError("RecordReader: the batch belongs to another rule set");
    }
    internal::BatchBuilder builder(&internal::DataOf(batch), limits_);
    return source_->ReadMany(builder, max, limits_, options_.threads);
  }

  // RecordReader::NextConcurrent.
  std::optional<size_t> FillConcurrent(RecordBatch& batch, size_t max) {
    if (internal::DataOf(batch).schema != schema_) {
      throw UsageError("RecordReader: the batch belongs to another rule set");
    }
    batch.Clear();
    internal::BatchBuilder builder(&internal::DataOf(batch), limits_);
    std::unique_ptr<internal::RecordRun> run;
    size_t place = 0;
    {
      std::lock_guard<std::mutex> take(take_mutex_);
      ThrowIfFailed();
      if (ended_) return std::nullopt;
      run = SpareRun();
      try {
        if (run == nullptr) {  // a source read whole, one caller at a time (its checks included)
          if (source_->ReadMany(builder, max, limits_, 1) == 0) {
            ended_ = true;
            return std::nullopt;
          }
          return places_++;
        }
        if (source_->Take(*run, max) == 0) {
          ended_ = true;
          return std::nullopt;
        }
      } catch (...) {
        Fail();
        throw;
      }
      place = places_++;
    }
    // Converted on this thread, in parallel with the other callers' runs.
    try {
      run->Convert(builder);
    } catch (...) {
      Fail();
      throw;
    }
    if (!source_->RunsNeedFinish()) {
      std::lock_guard<std::mutex> lock(order_mutex_);
      spare_.push_back(std::move(run));
      return place;
    }
    {
      std::unique_lock<std::mutex> lock(order_mutex_);
      turn_.wait(lock, [&] { return checked_ == place || failed_ != nullptr; });
      if (failed_) std::rethrow_exception(failed_);
      try {
        source_->Finish(*run, builder, 0);
      } catch (...) {
        failed_ = std::current_exception();
        lock.unlock();
        turn_.notify_all();
        throw;
      }
      ++checked_;
      spare_.push_back(std::move(run));
    }
    turn_.notify_all();
    return place;
  }

  uint64_t bytes_read() const noexcept { return source_->bytes_read(); }
  RecordFormat format() const noexcept { return format_; }

 private:
  // A run to take records into (kept from an earlier call, or new); nullptr when the source has none.
  std::unique_ptr<internal::RecordRun> SpareRun() {
    {
      std::lock_guard<std::mutex> lock(order_mutex_);
      if (!spare_.empty()) {
        std::unique_ptr<internal::RecordRun> run = std::move(spare_.back());
        spare_.pop_back();
        return run;
      }
    }
    return source_->NewRun();
  }
  void ThrowIfFailed() {
    std::lock_guard<std::mutex> lock(order_mutex_);
    if (failed_) std::rethrow_exception(failed_);
  }
  // The current exception ends the input for every caller (the ones waiting for their turn too).
  void Fail() {
    {
      std::lock_guard<std::mutex> lock(order_mutex_);
      if (!failed_) failed_ = std::current_exception();
    }
    turn_.notify_all();
  }

  const internal::CompiledSchema* schema_;
  ReadOptions options_;
  internal::BuildLimits limits_;
  RecordFormat format_ = RecordFormat::kAuto;
  std::unique_ptr<internal::InputSpool> spool_;  // destroyed after source_
  std::unique_ptr<internal::RecordSource> source_;
  // NextConcurrent: taking runs (and ended_, places_), one caller at a time; then their checks in
  // input order (order_mutex_: checked_, failed_, the spare runs). Locked in that order.
  std::mutex take_mutex_;
  bool ended_ = false;
  size_t places_ = 0;
  std::mutex order_mutex_;
  std::condition_variable turn_;
  size_t checked_ = 0;
  std::exception_ptr failed_;
  std::vector<std::unique_ptr<internal::RecordRun>> spare_;
};

RecordReader::RecordReader(const RuleSet& rules, std::vector<std::string> paths, ReadOptions options)
    : impl_(std::make_unique<Impl>(rules, std::move(paths), options)) {}

RecordReader::~RecordReader() = default;
RecordReader::RecordReader(RecordReader&&) noexcept = default;
RecordReader& RecordReader::operator=(RecordReader&&) noexcept = default;

bool RecordReader::Next(RecordBatch& batch, size_t max_households) {
  if (max_households == 0) throw UsageError("RecordReader::Next: max_households must be at least 1");
  batch.Clear();
  return impl_->Fill(batch, max_households) > 0;
}

std::optional<size_t> RecordReader::NextConcurrent(RecordBatch& batch, size_t max_households) {
  if (max_households == 0) throw UsageError("RecordReader::NextConcurrent: max_households must be at least 1");
  return impl_->FillConcurrent(batch, max_households);
}

size_t RecordReader::bytes_read() const noexcept { return static_cast<size_t>(impl_->bytes_read()); }

RecordFormat RecordReader::format() const noexcept { return impl_->format(); }

RecordBatch ReadAll(const RuleSet& rules, const std::vector<std::string>& paths, const ReadOptions& options) {
  RecordReader::Impl impl(rules, paths, options);
  RecordBatch batch(rules);
  // One more than allowed tells "exactly at the limit" from "beyond it".
  const size_t max = options.max_records == SIZE_MAX ? SIZE_MAX : options.max_records + 1;
  // The first records tell how many the files hold: the batch is sized for them all at once
  // (growing it record by record copied it about twice over and faulted in its pages twice).
  const size_t probe = std::min(max, kSizeProbe);
  size_t n = impl.Fill(batch, probe);
  if (n == probe && n < max) {
    ReserveFor(internal::DataOf(batch), impl.bytes_read(), InputBytes(paths), max);
    impl.Fill(batch, max - n);
  }
  if (batch.size() > options.max_records) {
    throw InputError("'" + paths.front() + "' has more than " + std::to_string(options.max_records) +
                         " records, the limit for reading everything at once (ReadOptions::max_records); "
                         "read it in chunks with RecordReader::Next",
                     "'" + paths.front() + "' có hơn " + std::to_string(options.max_records) +
                         " hồ sơ, giới hạn khi đọc một lần (ReadOptions::max_records); hãy đọc từng phần bằng "
                         "RecordReader::Next");
  }
  return batch;
}

ANSINH_END_NAMESPACE

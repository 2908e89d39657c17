#include "io/household_ids.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>

#include "ansinh/error.hpp"
#include "io/block_reader.hpp"
#include "records/issues.hpp"

namespace ansinh::internal {
namespace {

constexpr int kIdLogOffsetBits = 40;
constexpr uint64_t kIdLogOffsetMask = (uint64_t{1} << kIdLogOffsetBits) - 1;

uint64_t IdLogTag(uint64_t hash) noexcept { return hash >> kIdLogOffsetBits; }  // the top 24 bits

}  // namespace

HouseholdIds::~HouseholdIds() {
  if (fd_ >= 0) ::close(fd_);
}

uint64_t HouseholdIds::Hash(std::string_view id) noexcept {
  uint64_t h = std::hash<std::string_view>{}(id);
  h ^= h >> 33;  // spread: the low bits choose the slot, the high ones are the tag
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  return h ^ (h >> 33);
}

void HouseholdIds::Check(BatchBuilder& builder, const RecordOrigin& origin) {
  const std::string_view id = builder.CurrentHouseholdId();
  if (id.empty()) return;
  RecordOrigin first;
  if (Insert(id, origin, &first)) builder.AddIssue(DuplicateHouseholdIdIssue(id, first));
}

bool HouseholdIds::Insert(std::string_view id, const RecordOrigin& origin, RecordOrigin* first) {
  if ((count_ + 1) * 4 > slots_.size() * 3) Grow();
  const uint64_t hash = Hash(id);
  const uint64_t tag = IdLogTag(hash);
  size_t i = hash & mask_;
  for (;; i = (i + 1) & mask_) {
    const uint64_t s = slots_[i];
    if (s == 0) break;
    if ((s >> kIdLogOffsetBits) != tag) continue;
    const Header h = ReadRecord((s & kIdLogOffsetMask) - 1, &scratch_);
    if (h.hash != hash || scratch_ != id) continue;  // same tag, another id
    first->file = files_[h.file];
    first->line = h.line;
    first->index = h.index;
    return true;
  }
  if (files_.empty() || files_.back() != origin.file) files_.push_back(origin.file);
  const uint64_t offset = flushed_ + buffer_.size();
  if (offset + 1 > kIdLogOffsetMask) throw InputError("too many household ids to check for duplicates",
                                                       "quá nhiều mã hộ để kiểm tra trùng lặp");
  const Header h{hash, origin.line, origin.index, static_cast<uint32_t>(files_.size() - 1),
                 static_cast<uint32_t>(id.size())};
  buffer_.append(reinterpret_cast<const char*>(&h), sizeof h);
  buffer_.append(id);
  slots_[i] = tag << kIdLogOffsetBits | (offset + 1);
  ++count_;
  if (buffer_.size() >= buffer_bytes_) Flush();
  return false;
}

void HouseholdIds::Flush() {
  if (buffer_.empty()) return;
  if (fd_ < 0) fd_ = CreateTemporaryFile();
  size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::pwrite(fd_, buffer_.data() + done, buffer_.size() - done,
                               static_cast<off_t>(flushed_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string reason = n < 0 ? std::strerror(errno) : "no space";
      throw InputError("cannot write the temporary file of household ids: " + reason,
                       "không ghi được tệp tạm chứa mã hộ (hệ thống báo: " + reason + ")");
    }
    done += static_cast<size_t>(n);
  }
  flushed_ += buffer_.size();
  buffer_.clear();
}

void HouseholdIds::ReadAt(uint64_t offset, void* out, size_t n) {
  char* to = static_cast<char*>(out);
  while (n > 0 && offset < flushed_) {  // a record is wholly in the file or wholly in the buffer
    const ssize_t got = ::pread(fd_, to, n, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      const std::string reason = got < 0 ? std::strerror(errno) : "end of file";
      throw InputError("cannot read the temporary file of household ids: " + reason,
                       "không đọc được tệp tạm chứa mã hộ (hệ thống báo: " + reason + ")");
    }
    to += got;
    offset += static_cast<uint64_t>(got);
    n -= static_cast<size_t>(got);
  }
  if (n > 0) std::memcpy(to, buffer_.data() + (offset - flushed_), n);
}

HouseholdIds::Header HouseholdIds::ReadRecord(uint64_t offset, std::string* id) {
  Header h;
  ReadAt(offset, &h, sizeof h);
  id->resize(h.length);
  ReadAt(offset + sizeof h, id->data(), h.length);
  return h;
}

void HouseholdIds::Place(uint64_t hash, uint64_t slot_value) {
  size_t i = hash & mask_;
  while (slots_[i] != 0) i = (i + 1) & mask_;
  slots_[i] = slot_value;
}

void HouseholdIds::Grow() {
  const size_t size = slots_.empty() ? 1024 : slots_.size() * 2;
  std::vector<uint64_t>().swap(slots_);  // the old table goes first: the log has everything
  slots_.assign(size, 0);
  mask_ = size - 1;
  // The slots keep only the hash's top bits: the log, read in order, gives the whole hashes.
  auto place_all = [this](const char* p, const char* end, uint64_t base) {
    // Places the whole records of [p, end) (log offset `base` at p); returns the bytes used.
    const char* start = p;
    while (static_cast<size_t>(end - p) >= sizeof(Header)) {
      Header h;
      std::memcpy(&h, p, sizeof h);
      if (static_cast<size_t>(end - p) < sizeof h + h.length) break;
      const uint64_t offset = base + static_cast<uint64_t>(p - start);
      Place(h.hash, IdLogTag(h.hash) << kIdLogOffsetBits | (offset + 1));
      p += sizeof h + h.length;
    }
    return static_cast<size_t>(p - start);
  };
  if (flushed_ > 0) {
    std::string block;
    uint64_t at = 0;  // log offset of block[0]
    size_t have = 0;
    constexpr size_t kChunk = size_t{1} << 20;
    while (at + have < flushed_) {
      const size_t want = static_cast<size_t>(std::min<uint64_t>(kChunk, flushed_ - at - have));
      block.resize(have + want);
      ReadAt(at + have, block.data() + have, want);
      have += want;
      const size_t used = place_all(block.data(), block.data() + have, at);
      block.erase(0, used);
      have -= used;
      at += used;
    }
  }
  place_all(buffer_.data(), buffer_.data() + buffer_.size(), flushed_);
}

}  // namespace ansinh::internal

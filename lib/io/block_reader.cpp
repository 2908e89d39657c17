#include "io/block_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ansinh/error.hpp"

namespace ansinh::internal {

namespace {
int OpenForReading(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError("cannot open " + path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw InputError("cannot read " + path + ": it is a folder");
  }
  return fd;
}
}  // namespace

void BlockReader::CheckReadable(const std::string& path) { ::close(OpenForReading(path)); }

BlockReader::BlockReader(std::string path, size_t block_size) : path_(std::move(path)) {
  fd_ = OpenForReading(path_);
  struct stat st;
  if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) file_size_ = static_cast<uint64_t>(st.st_size);
  capacity_ = block_size < 4096 ? 4096 : block_size;
  buffer_.reset(new char[capacity_ + kPadding]);
  std::memset(buffer_.get(), 0, capacity_ + kPadding);
}

BlockReader::~BlockReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool BlockReader::Refill() {
  if (eof_) return false;
  const size_t unread = end_ - begin_;
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, unread);
    buffer_offset_ += begin_;
    begin_ = 0;
    end_ = unread;
  }
  if (end_ == capacity_) {  // full of one unfinished item: grow
    const size_t grown = capacity_ * 2;
    std::unique_ptr<char[]> bigger(new char[grown + kPadding]);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ = grown;
  }
  for (;;) {
    const ssize_t n = ::read(fd_, buffer_.get() + end_, capacity_ - end_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw InputError("cannot read " + path_ + ": " + std::strerror(errno));
    if (n == 0) eof_ = true;
    end_ += static_cast<size_t>(n);
    std::memset(buffer_.get() + end_, 0, kPadding);
    return n > 0;
  }
}

void BlockReader::Seek(uint64_t offset) {
  // Only forward within memory: consumed bytes may have been rewritten in place
  // (the CSV scanner unescapes quoted fields where they lie).
  if (offset >= buffer_offset_ + begin_ && offset <= buffer_offset_ + end_) {
    begin_ = static_cast<size_t>(offset - buffer_offset_);
    return;
  }
  if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0) {
    throw InputError("cannot seek in " + path_ + ": " + std::strerror(errno));
  }
  buffer_offset_ = offset;
  begin_ = end_ = 0;
  eof_ = false;
}

void BlockReader::SkipBom() {
  while (size() < 3 && Refill()) {
  }
  if (size() >= 3 && std::memcmp(data(), "\xEF\xBB\xBF", 3) == 0) Consume(3);
}

LineStatus NextLine(BlockReader& in, size_t max_bytes, std::string_view* line, std::string* prefix,
                    uint64_t* skipped) {
  size_t searched = 0;
  for (;;) {
    const char* p = in.data();
    const size_t n = in.size();
    const void* nl = n > searched ? std::memchr(p + searched, '\n', n - searched) : nullptr;
    if (nl != nullptr || (in.eof() && n > 0)) {
      const size_t len = nl ? static_cast<size_t>(static_cast<const char*>(nl) - p) : n;
      if (len > max_bytes) {  // all in memory but too long
        prefix->assign(p, len < 4096 ? len : 4096);
        *skipped = len;
        *line = *prefix;
        in.Consume(nl ? len + 1 : len);
        return LineStatus::kTooLong;
      }
      *line = std::string_view(p, len > 0 && p[len - 1] == '\r' ? len - 1 : len);
      in.Consume(nl ? len + 1 : len);
      return LineStatus::kLine;
    }
    if (in.eof()) return LineStatus::kEnd;  // nothing left (n == 0)
    if (n > max_bytes) {  // skip to the end of this line without keeping it
      prefix->assign(p, n < 4096 ? n : 4096);
      uint64_t total = 0;
      for (;;) {
        const char* q = in.data();
        const void* end = std::memchr(q, '\n', in.size());
        if (end != nullptr) {
          const size_t k = static_cast<size_t>(static_cast<const char*>(end) - q);
          total += k;
          in.Consume(k + 1);
          break;
        }
        total += in.size();
        in.Consume(in.size());
        if (!in.Refill()) break;
      }
      *skipped = total;
      *line = *prefix;
      return LineStatus::kTooLong;
    }
    searched = n;
    in.Refill();
  }
}

}  // namespace ansinh::internal

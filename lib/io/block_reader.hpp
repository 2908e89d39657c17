// Internal: reading a file a block at a time with bounded memory, and lines
// out of it. The unread bytes are always followed by kPadding readable bytes
// (what simdjson needs to parse a record in place).
#ifndef ANSINH_LIB_IO_BLOCK_READER_HPP_
#define ANSINH_LIB_IO_BLOCK_READER_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ansinh::internal {

// A new unlinked temporary file in $TMPDIR (or /tmp), open for reading and
// writing; it disappears with its descriptor. Throws InputError if none can be made.
int CreateTemporaryFile();

class BlockReader {
 public:
  static constexpr size_t kPadding = 64;  // >= simdjson::SIMDJSON_PADDING

  // Throws InputError unless `path` can be opened for reading and is not a folder.
  static void CheckReadable(const std::string& path);

  // Opens `path` for reading. Throws InputError if it cannot be opened or is a folder.
  explicit BlockReader(std::string path, size_t block_size = size_t{1} << 20);
  // Reads `text`, already in memory (copied once, with the padding), as if it
  // were the whole of a file named `name` (which is not opened).
  BlockReader(std::string name, std::string_view text);
  ~BlockReader();
  BlockReader(const BlockReader&) = delete;
  BlockReader& operator=(const BlockReader&) = delete;

  // The unread bytes in memory: [data(), data() + size()), then kPadding more.
  char* data() noexcept { return buffer_.get() + begin_; }
  size_t size() const noexcept { return end_ - begin_; }
  // Readable bytes from data() to the end of the allocation (>= size() + kPadding).
  size_t capacity_from_data() const noexcept { return capacity_ + kPadding - begin_; }
  void Consume(size_t n) noexcept { begin_ += n; }
  // Reads more bytes after the unread ones (moving them to the front, growing
  // the buffer when it is full). Returns false at end of file. Throws
  // InputError on a read error.
  bool Refill();
  bool eof() const noexcept { return eof_; }
  // File offset of data().
  uint64_t offset() const noexcept { return buffer_offset_ + begin_; }
  // Continues reading at `offset` (cheap when it is ahead, inside the bytes in memory).
  void Seek(uint64_t offset);
  // Skips a UTF-8 byte order mark at the current position.
  void SkipBom();
  const std::string& path() const noexcept { return path_; }
  // Size of the file when opened (0 if unknown, e.g. a pipe).
  uint64_t file_size() const noexcept { return file_size_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t begin_ = 0;
  size_t end_ = 0;
  uint64_t buffer_offset_ = 0;  // file offset of buffer_[0]
  bool eof_ = false;
  uint64_t file_size_ = 0;
};

// Inputs that cannot be read twice — a pipe (`<(...)`), a named FIFO,
// /dev/stdin — are read once, when the first InputSpool naming them is made,
// into an unlinked temporary file in $TMPDIR (else /tmp); while any
// InputSpool naming them lives, every BlockReader (and CheckReadable) of that
// path reads the copy, from its start. So the CSV pair's passes, and `diff`'s
// two readers of one file, all see the whole input. Regular files are not
// copied. Thread-safe.
class InputSpool {
 public:
  // Throws InputError when an input cannot be read or the copy cannot be written.
  explicit InputSpool(const std::vector<std::string>& paths);
  ~InputSpool();
  InputSpool(const InputSpool&) = delete;
  InputSpool& operator=(const InputSpool&) = delete;

 private:
  void Release() noexcept;
  std::vector<std::string> held_;
};

// Reads one line (without "\n" or "\r\n") from `in`. The view stays valid
// until the next call. A line longer than `max_bytes` is skipped to its end:
// then kTooLong, `line` holds its first bytes (at most 4 KiB) and
// `*skipped` its full length.
enum class LineStatus { kLine, kTooLong, kEnd };
LineStatus NextLine(BlockReader& in, size_t max_bytes, std::string_view* line, std::string* prefix,
                    uint64_t* skipped);

}  // namespace ansinh::internal

#endif  // ANSINH_LIB_IO_BLOCK_READER_HPP_

#pragma once
// A read-only mapping of one stretch of a file, unmapped when it goes out of scope. Touching a
// page that the file no longer has (it shrank since) would raise SIGBUS: while a window is
// watched, the fault is answered with a page of zeros instead and the window remembers it, so
// the reader can report the shrinking as an error rather than die.
#include <cstddef>
#include <cstdint>

namespace hpcpp::bigfile {

class MappedWindow {
 public:
  // Maps bytes [offset, offset + length) of `fd` and asks for them to be read ahead; an Error
  // naming `file` when the file no longer holds them all.
  MappedWindow(int fd, std::uint64_t offset, std::size_t length, const char* file);
  ~MappedWindow();
  MappedWindow(const MappedWindow&) = delete;
  MappedWindow& operator=(const MappedWindow&) = delete;

  const unsigned char* data() const { return data_; }
  // True when a page went missing while this window was being read.
  bool lost_pages() const;

 private:
  void* map_ = nullptr;
  std::size_t map_length_ = 0;
  const unsigned char* data_ = nullptr;
};

}  // namespace hpcpp::bigfile

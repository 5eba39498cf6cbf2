#pragma once
// A big output file written in place by several threads: its whole size reserved first
// (fallocate, so a full disk fails at once, saying how much is needed), written under a
// temporary name in the target's directory and renamed into place by commit(). Destroyed
// without commit(), it removes the temporary: an error leaves nothing behind.
#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "hpcpp/bigfile/file_descriptor.hpp"

namespace hpcpp::bigfile {

class OutputFile {
 public:
  OutputFile(const std::filesystem::path& target, std::uint64_t size);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Safe to call from several threads on distinct ranges.
  void write_at(std::uint64_t offset, const void* data, std::size_t bytes) const;
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  FileDescriptor fd_;
  bool committed_ = false;
};

// An Error unless `size` bytes fit on the file system that holds `directory`.
void check_free_space(const std::filesystem::path& target, std::uint64_t size);

}  // namespace hpcpp::bigfile

#pragma once
// A uniquely named file under the system temporary directory, removed at scope exit.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace hpcpp::testing {

class TempFile {
 public:
  explicit TempFile(const std::string& content, const std::string& suffix = ".py") {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("hpcpp_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + suffix);
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string name() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace hpcpp::testing

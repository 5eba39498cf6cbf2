#include "hpcpp/core/atomic_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

#include "hpcpp/core/error.hpp"

namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), {}};
}
}  // namespace

TEST(AtomicFile, ReplacesContentWhole) {
  const fs::path dir = fs::temp_directory_path() / "hpcpp_atomic_test";
  fs::create_directories(dir);
  const fs::path target = dir / "out.txt";
  hpcpp::write_file_atomically(target, [](std::ostream& o) { o << "first"; });
  EXPECT_EQ(slurp(target), "first");
  hpcpp::write_file_atomically(target, [](std::ostream& o) { o << "second"; });
  EXPECT_EQ(slurp(target), "second");
  fs::remove_all(dir);
}

TEST(AtomicFile, FailedWriteLeavesOldFileAndNoTemporary) {
  const fs::path dir = fs::temp_directory_path() / "hpcpp_atomic_fail_test";
  fs::create_directories(dir);
  const fs::path target = dir / "out.txt";
  hpcpp::write_file_atomically(target, [](std::ostream& o) { o << "good"; });
  EXPECT_THROW(hpcpp::write_file_atomically(target,
                                            [](std::ostream& o) {
                                              o << "half";
                                              throw std::runtime_error("interrupted");
                                            }),
               std::runtime_error);
  EXPECT_EQ(slurp(target), "good");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  fs::remove_all(dir);
}

TEST(AtomicFile, UnwritableDirectoryIsAnError) {
  EXPECT_THROW(hpcpp::write_file_atomically("/nonexistent-dir/x.txt", [](std::ostream& o) { o << "x"; }),
               hpcpp::Error);
}

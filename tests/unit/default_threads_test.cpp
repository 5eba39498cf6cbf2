#include "hpcpp/core/default_threads.hpp"

#include <gtest/gtest.h>
#include <sched.h>
#include <stdlib.h>

#include <optional>
#include <string>

#include "hpcpp/core/decimal_integer.hpp"
#include "hpcpp/core/error.hpp"

namespace {

// Sets (or, for nullopt, unsets) an environment variable for one test, and restores it.
class ScopedVariable {
 public:
  ScopedVariable(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) setenv(name, value->c_str(), 1);
    else unsetenv(name);
  }
  ~ScopedVariable() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

int cores_in_affinity_mask() {
  cpu_set_t set;
  EXPECT_EQ(sched_getaffinity(0, sizeof set, &set), 0);
  return CPU_COUNT(&set);
}

std::string message_of_default() {
  try {
    hpcpp::default_thread_count();
  } catch (const hpcpp::Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(DefaultThreads, OmpNumThreadsWhenSet) {
  const ScopedVariable omp("OMP_NUM_THREADS", "3");
  EXPECT_EQ(hpcpp::default_thread_count(), 3);
  EXPECT_EQ(hpcpp::thread_count_or_default(0, "--threads"), 3);
  EXPECT_EQ(hpcpp::thread_count_or_default(5, "--threads"), 5);  // asked for: the variable does not count
}

TEST(DefaultThreads, OmpNumThreadsReadAsTheOptionIs) {
  const ScopedVariable omp("OMP_NUM_THREADS", "010");
  EXPECT_EQ(hpcpp::default_thread_count(), 10);
  const ScopedVariable largest("OMP_NUM_THREADS", "1024");
  EXPECT_EQ(hpcpp::default_thread_count(), 1024);
}

TEST(DefaultThreads, UnreadableOmpNumThreadsIsNamedWithTheOptionsRule) {
  for (const std::string text : {"garbage", "0", "-2", "1025", "100000", "4,2", " 4", "4 ", "0x10", "1e3", "3.0"}) {
    const ScopedVariable omp("OMP_NUM_THREADS", text);
    EXPECT_EQ(message_of_default(), "OMP_NUM_THREADS: must be an integer from 1 to 1024, got " + text);
    EXPECT_THROW(hpcpp::thread_count_or_default(0, "--threads"), hpcpp::Error);
  }
  const ScopedVariable empty("OMP_NUM_THREADS", "");
  EXPECT_EQ(message_of_default(), "OMP_NUM_THREADS: must be an integer from 1 to 1024, got nothing");
  const ScopedVariable control("OMP_NUM_THREADS", "4\x1b[2J");
  EXPECT_EQ(message_of_default(), "OMP_NUM_THREADS: must be an integer from 1 to 1024, got 4\\x1b[2J");
}

TEST(DefaultThreads, WithoutOmpNumThreadsTheCoresOfThisProcess) {
  const ScopedVariable omp("OMP_NUM_THREADS", std::nullopt);
  const ScopedVariable ompi("OMPI_COMM_WORLD_LOCAL_SIZE", std::nullopt);
  const ScopedVariable mpich("MPI_LOCALNRANKS", std::nullopt);
  EXPECT_EQ(hpcpp::usable_cores(), cores_in_affinity_mask());
  EXPECT_EQ(hpcpp::ranks_on_this_node(), 1);
  EXPECT_EQ(hpcpp::default_thread_count(), cores_in_affinity_mask());
}

TEST(DefaultThreads, CoresAreSharedAmongTheRanksOfThisNode) {
  const ScopedVariable omp("OMP_NUM_THREADS", std::nullopt);
  const int cores = cores_in_affinity_mask();
  {
    const ScopedVariable ompi("OMPI_COMM_WORLD_LOCAL_SIZE", "2");
    EXPECT_EQ(hpcpp::ranks_on_this_node(), 2);
    EXPECT_EQ(hpcpp::default_thread_count(), std::max(1, cores / 2));
  }
  {
    const ScopedVariable mpich("MPI_LOCALNRANKS", std::to_string(cores * 4));
    EXPECT_EQ(hpcpp::default_thread_count(), 1);  // more ranks than cores: one thread each
  }
  const ScopedVariable ompi("OMPI_COMM_WORLD_LOCAL_SIZE", "2");
  const ScopedVariable omp_set("OMP_NUM_THREADS", "7");
  EXPECT_EQ(hpcpp::default_thread_count(), 7);  // the user's count is not divided
}

TEST(DefaultThreads, RequestedCountIsChecked) {
  EXPECT_THROW(hpcpp::thread_count_or_default(-1, "--threads"), hpcpp::Error);
  try {
    hpcpp::thread_count_or_default(100000, "--workers");
    FAIL();
  } catch (const hpcpp::Error& e) {
    EXPECT_STREQ(e.what(), "--workers: must be an integer from 1 to 1024, got 100000");
  }
}

TEST(DecimalInteger, WholeDecimalTextOnly) {
  EXPECT_EQ(hpcpp::decimal_integer("010"), 10);
  EXPECT_EQ(hpcpp::decimal_integer("+7"), 7);
  EXPECT_EQ(hpcpp::decimal_integer("-7"), -7);
  for (const char* text : {"", "+", "-", "+-1", "0x10", "1e3", " 4", "4 ", "4,2", "99999999999999999999"})
    EXPECT_EQ(hpcpp::decimal_integer(text), std::nullopt) << text;
}

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <vector>

#include "hpcpp/bigfile/array_file.hpp"
#include "hpcpp/bigfile/average.hpp"
#include "hpcpp/bigfile/chunk_reader.hpp"
#include "hpcpp/core/counter_uniform.hpp"
#include "hpcpp/bigfile/create.hpp"
#include "hpcpp/bigfile/pairwise_sum.hpp"
#include "hpcpp/core/error.hpp"
#include "temp_file.hpp"

using namespace hpcpp::bigfile;
using hpcpp::fill_uniform;
using hpcpp::uniform_at;
using hpcpp::testing::TempFile;

TEST(BigfileCounterUniform, AnyStretchGivesTheValuesOfItsIndices) {
  std::vector<double> whole(1010);
  fill_uniform(42, 0, whole.data(), whole.size());
  for (std::uint64_t first : {0u, 1u, 2u, 3u, 500u, 999u}) {
    for (std::size_t count : {0u, 1u, 2u, 5u}) {
      std::vector<double> part(count + 1, -1.0);
      fill_uniform(42, first, part.data(), count);
      for (std::size_t i = 0; i < count; ++i) EXPECT_EQ(part[i], whole[first + i]) << first << "+" << i;
      EXPECT_EQ(part[count], -1.0);  // nothing written past count
    }
  }
  EXPECT_EQ(uniform_at(42, 777), whole[777]);
  EXPECT_NE(uniform_at(43, 777), whole[777]);
}

TEST(BigfilePairwiseSum, IsExactOnSmallIntegersAndAccurateOnManyTerms) {
  std::vector<double> ints(100003);
  std::iota(ints.begin(), ints.end(), 0.0);
  EXPECT_EQ(pairwise_sum(ints), 100002.0 * 100003.0 / 2);
  std::vector<double> tenths(1 << 20, 0.1);
  EXPECT_NEAR(pairwise_sum(tenths), 0.1 * (1 << 20), 1e-9);  // a plain loop is off by about 1e-6
}

class BigfileOnDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    CreateOptions options;
    options.n = 300;
    options.seed = 5;
    options.npy = false;
    create_uniform_array(file.path(), options);
  }
  ArrayFile array() const { return open_array_file(file.path(), RawLayout{{300, 300}, ElementType::float64}); }
  TempFile file{"", ".raw"};
};

TEST_F(BigfileOnDisk, ThreadCountDoesNotChangeTheAverageNorChunkSizeBeyondRounding) {
  const double reference = average(array(), ReadOptions{1, 1u << 20, true, {}});
  EXPECT_NEAR(reference, 0.5, 5 * std::sqrt(1.0 / 12 / 90000));
  for (std::size_t chunk : {4096u, 65536u, 1000000u}) {
    const double one_thread = average(array(), ReadOptions{1, chunk, true, {}});
    EXPECT_NEAR(one_thread, reference, 1e-15) << chunk;
    for (int threads : {2, 3}) EXPECT_EQ(average(array(), ReadOptions{threads, chunk, true, {}}), one_thread) << threads;
  }
}

// Truncated before a later chunk is mapped: the mapping cannot be filled in.
TEST_F(BigfileOnDisk, AFileThatShrinksBeforeAChunkIsReadIsAnError) {
  std::atomic<int> visits{0};
  try {
    read_chunks(array(), ReadOptions{2, 4096, true, {}}, [&](const Chunk&) {
      if (visits++ == 0) {
        EXPECT_EQ(::truncate(file.path().c_str(), 100000), 0);
      }
    });
    FAIL() << "no error";
  } catch (const hpcpp::Error& e) {
    EXPECT_NE(std::string(e.what()).find("shrank while being read"), std::string::npos) << e.what();
  }
  EXPECT_LT(visits.load(), 300 * 300 * 8 / 4096);
}

// Truncated while a chunk is mapped and being read: the pages vanish under the reader, which
// would be a SIGBUS.
TEST_F(BigfileOnDisk, AFileThatShrinksUnderAMappedChunkIsAnErrorNotASigbus) {
  double sum = 0;
  try {
    read_chunks(array(), ReadOptions{1, 64 * 1024, true, {}}, [&](const Chunk& chunk) {
      EXPECT_EQ(::truncate(file.path().c_str(), 0), 0);
      for (double v : chunk.values) sum += v;
    });
    FAIL() << "no error";
  } catch (const hpcpp::Error& e) {
    EXPECT_NE(std::string(e.what()).find("shrank while being read"), std::string::npos) << e.what();
  }
  EXPECT_EQ(sum, 0.0);  // the vanished pages read as zeros until the error
}

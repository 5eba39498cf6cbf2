#include "hpcpp/diffusion/checkpoint.hpp"

#include <gtest/gtest.h>

#include <fmt/core.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "diffusion_fixtures.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/float_repr.hpp"
#include "hpcpp/diffusion/driver.hpp"
#include "temp_file.hpp"

using namespace hpcpp::diffusion;
using hpcpp::testing::TempFile;

namespace {

// A problem with 40 steps, output every 7 (nsteps is not a multiple of nper).
Problem small_problem() {
  hpcpp::params::Diff2dParams params;
  params.dx = 20.0 / 24.5;  // nrows = 24
  const Problem probe = Problem::from_params(params);
  params.runtime = 40.5 * probe.dt;
  params.outtime = 7.5 * probe.dt;
  return Problem::from_params(params);
}

}  // namespace

TEST(Checkpoint, RestartEndsBitIdenticalToAnUninterruptedRun) {
  const Problem problem = small_problem();
  ASSERT_EQ(problem.nsteps, 40);
  ASSERT_EQ(problem.nper, 7);

  RunOptions whole;
  whole.progress = false;
  std::ostringstream whole_out;
  const RunResult uninterrupted = run_diff2d(problem, whole, whole_out);

  TempFile file("", ".ckpt");
  RunOptions first = whole;
  first.checkpoint = file.path();
  first.checkpoint_every = 5;
  std::ostringstream first_out;
  run_diff2d(problem, first, first_out);  // the last checkpoint holds step 40

  // Rewind: restart from the state at step 25, as a run killed after step 25 leaves it.
  RunOptions until25 = first;
  Problem shorter = problem;
  shorter.nsteps = 25;
  std::ostringstream partial_out;
  run_diff2d(shorter, until25, partial_out);
  EXPECT_EQ(read_checkpoint(file.path(), problem).step, 25);

  RunOptions resumed = whole;
  resumed.restart = file.path();
  std::ostringstream resumed_out;
  const RunResult restarted = run_diff2d(problem, resumed, resumed_out);
  EXPECT_EQ(restarted.steps, 40);
  EXPECT_EQ(restarted.simtime, uninterrupted.simtime);
  EXPECT_TRUE(bit_identical(restarted.field, uninterrupted.field));
  // The killed run's output followed by the restarted run's is the whole run's output.
  EXPECT_EQ(partial_out.str() + resumed_out.str(), whole_out.str());
}

TEST(Checkpoint, RejectsAnotherProblemsCheckpoint) {
  const Problem problem = small_problem();
  TempFile file("", ".ckpt");
  write_checkpoint(file.path(), problem, 3, 0.1, problem.initial_field());
  hpcpp::params::Diff2dParams other_params = problem.params;
  other_params.dx = 20.0 / 30.5;
  EXPECT_THROW(read_checkpoint(file.path(), Problem::from_params(other_params)), hpcpp::Error);
}

TEST(Checkpoint, RejectsCorruptAndTruncatedFiles) {
  const Problem problem = small_problem();
  TempFile file("", ".ckpt");
  write_checkpoint(file.path(), problem, 3, problem.time_after(3), problem.initial_field());
  EXPECT_EQ(read_checkpoint(file.path(), problem).step, 3);
  std::string bytes;
  {
    std::ifstream in(file.path(), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x10;
  TempFile corrupt(flipped, ".ckpt");
  EXPECT_THROW(read_checkpoint(corrupt.path(), problem), hpcpp::Error);
  TempFile truncated(bytes.substr(0, bytes.size() - 100), ".ckpt");
  EXPECT_THROW(read_checkpoint(truncated.path(), problem), hpcpp::Error);
  TempFile garbage("not a checkpoint at all, just some text that is long enough", ".ckpt");
  EXPECT_THROW(read_checkpoint(garbage.path(), problem), hpcpp::Error);
}

namespace {

// The message of the hpcpp::Error that reading `bytes` as a checkpoint of `problem` throws.
std::string checkpoint_error(const std::string& bytes, const Problem& problem) {
  TempFile file(bytes, ".ckpt");
  try {
    read_checkpoint(file.path(), problem);
  } catch (const hpcpp::Error& e) {
    return e.what();
  }
  return "no error";
}

std::string checkpoint_bytes(const Problem& problem, std::int64_t step, double simtime) {
  TempFile file("", ".ckpt");
  write_checkpoint(file.path(), problem, step, simtime, problem.initial_field());
  std::ifstream in(file.path(), std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST(Checkpoint, DamagedHeaderIsOneLineError) {
  const Problem problem = small_problem();
  const std::string bytes = checkpoint_bytes(problem, 21, problem.time_after(21));
  // The header: magic, npnts, nsteps, step (bytes 24-31), simtime (bytes 32-39), dt, ...
  for (const std::size_t at : {24u, 25u, 31u, 32u, 36u, 39u, 47u}) {
    for (const unsigned char flip : {0x01, 0x80, 0xff}) {
      std::string damaged = bytes;
      damaged[at] = static_cast<char>(damaged[at] ^ flip);
      const std::string message = checkpoint_error(damaged, problem);
      EXPECT_NE(message.find("checkpoint is corrupt (checksum mismatch)"), std::string::npos)
          << "byte " << at << ": " << message;
      EXPECT_EQ(message.find('\n'), std::string::npos);
    }
  }
}

TEST(Checkpoint, StepAndSimtimeAreCheckedAgainstTheProblem) {
  const Problem problem = small_problem();
  EXPECT_NE(checkpoint_error(checkpoint_bytes(problem, 21, 128451.05), problem)
                .find(fmt::format("checkpoint simtime 128451.05 is not the time after step 21 ({})",
                                  hpcpp::python_float_repr(problem.time_after(21)))),
            std::string::npos);
  EXPECT_NE(checkpoint_error(checkpoint_bytes(problem, 21, std::nan("")), problem).find("simtime nan is not"),
            std::string::npos);
  EXPECT_NE(checkpoint_error(checkpoint_bytes(problem, 21, problem.time_after(20)), problem).find("is not the time"),
            std::string::npos);
  EXPECT_NE(checkpoint_error(checkpoint_bytes(problem, 41, problem.time_after(41)), problem)
                .find("checkpoint step 41 is outside 0..40"),
            std::string::npos);
  EXPECT_NE(checkpoint_error(checkpoint_bytes(problem, -1, 0.0), problem).find("step -1 is outside"),
            std::string::npos);
  EXPECT_EQ(checkpoint_error(checkpoint_bytes(problem, 40, problem.time_after(40)), problem), "no error");
  const std::string longer = checkpoint_bytes(problem, 21, problem.time_after(21)) + "x";
  EXPECT_NE(checkpoint_error(longer, problem).find("bytes, not the"), std::string::npos);
}

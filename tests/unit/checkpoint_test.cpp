#include "hpcpp/diffusion/checkpoint.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "diffusion_fixtures.hpp"
#include "hpcpp/core/error.hpp"
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
  write_checkpoint(file.path(), problem, 3, 0.1, problem.initial_field());
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

#include "hpcpp/core/atomic_file.hpp"

#include <fmt/core.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <thread>
#include <vector>
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

namespace {

// A fresh directory under the system's temporary one, removed at scope exit.
struct ScratchDir {
  fs::path path = fs::temp_directory_path() / ("hpcpp_atomic_" + std::to_string(getpid()) + "_" +
                                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  ScratchDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() { fs::remove_all(path); }
  std::vector<std::string> names() const {
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(path)) found.push_back(entry.path().filename().string());
    return found;
  }
};

// A copy of a character device (mknod needs root); skipped, visibly, without it.
bool make_device_copy(const fs::path& where, unsigned major_number, unsigned minor_number) {
  return mknod(where.c_str(), S_IFCHR | 0666, makedev(major_number, minor_number)) == 0;
}

// Runs write(target, sig) in a child for each of SIGINT, SIGTERM and SIGHUP, where it
// raises the signal mid-write: the child must end by that signal and leave nothing behind.
void expect_each_signal_ends_the_writer_leaving_nothing(const std::function<void(const fs::path&, int)>& write) {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    ScratchDir dir;
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      signal(sig, SIG_DFL);  // as at a terminal (a test runner may start us with SIGINT ignored)
      write(dir.path / "out.npy", sig);
      _exit(0);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig) << "signal " << sig << ", status " << status;
    EXPECT_TRUE(dir.names().empty()) << "left behind: " << dir.names().front();
  }
}

}  // namespace

TEST(AtomicFile, SignalMidWriteRemovesTheTemporaryAndEndsTheProcess) {
  expect_each_signal_ends_the_writer_leaving_nothing([](const fs::path& target, int sig) {
    hpcpp::write_file_atomically(target, [&](std::ostream& o) {
      o << std::string(100000, 'x');
      raise(sig);
      o << "never";
    });
  });
}

TEST(AtomicFile, AnIgnoredSignalStaysIgnored) {
  ScratchDir dir;
  const fs::path target = dir.path / "out.txt";
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    signal(SIGHUP, SIG_IGN);  // as under nohup
    hpcpp::write_file_atomically(target, [](std::ostream& o) {
      o << "first ";
      raise(SIGHUP);
      o << "second";
    });
    _exit(signal(SIGHUP, SIG_DFL) == SIG_IGN ? 0 : 3);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_EQ(slurp(target), "first second");
}

TEST(AtomicFile, CharacterDeviceIsWrittenInPlaceNeverReplaced) {
  ScratchDir dir;
  const fs::path null_copy = dir.path / "null";
  if (!make_device_copy(null_copy, 1, 3)) GTEST_SKIP() << "mknod needs root: " << std::strerror(errno);
  hpcpp::write_file_atomically(null_copy, [](std::ostream& o) { o << std::string(1 << 20, 'x'); });
  EXPECT_TRUE(fs::is_character_file(null_copy));
  EXPECT_EQ(dir.names(), std::vector<std::string>{"null"});
}

TEST(AtomicFile, WriteErrorNamesTheReason) {
  ScratchDir dir;
  const fs::path full_copy = dir.path / "full";
  if (!make_device_copy(full_copy, 1, 7)) GTEST_SKIP() << "mknod needs root: " << std::strerror(errno);
  try {
    hpcpp::write_file_atomically(full_copy, [](std::ostream& o) { o << std::string(1 << 20, 'x'); });
    FAIL() << "no error";
  } catch (const hpcpp::Error& e) {
    EXPECT_EQ(std::string(e.what()), full_copy.string() + ": write failed: No space left on device");
  }
  EXPECT_TRUE(fs::is_character_file(full_copy));
  EXPECT_EQ(dir.names(), std::vector<std::string>{"full"});
}

TEST(AtomicFile, FifoIsWrittenInPlace) {
  ScratchDir dir;
  const fs::path fifo = dir.path / "pipe";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = slurp(fifo); });
  hpcpp::write_file_atomically(fifo, [](std::ostream& o) { o << std::string(200000, 'y') << "end"; });
  reader.join();
  EXPECT_EQ(received, std::string(200000, 'y') + "end");
  EXPECT_TRUE(fs::is_fifo(fifo));
}

TEST(AtomicFile, DirectoryTargetIsRefused) {
  ScratchDir dir;
  EXPECT_THROW(hpcpp::write_file_atomically(dir.path, [](std::ostream& o) { o << "x"; }), hpcpp::Error);
  EXPECT_TRUE(fs::is_directory(dir.path));
  EXPECT_TRUE(dir.names().empty());
}

TEST(AtomicFile, CheckWritableBeforeAnyWork) {
  ScratchDir dir;
  EXPECT_NO_THROW(hpcpp::check_writable(dir.path / "new.npy", "--save"));
  EXPECT_NO_THROW(hpcpp::check_writable("relative-name.npy", "--save"));
  auto message = [](const fs::path& target) {
    try {
      hpcpp::check_writable(target, "--save");
    } catch (const hpcpp::Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(dir.path / "missing" / "x.npy"),
            fmt::format("--save {0}/missing/x.npy: directory {0}/missing does not exist", dir.path.string()));
  std::ofstream(dir.path / "plain") << "x";
  EXPECT_EQ(message(dir.path / "plain" / "x.npy"),
            fmt::format("--save {0}/plain/x.npy: {0}/plain is not a directory", dir.path.string()));
  EXPECT_EQ(message(dir.path), fmt::format("--save {}: is a directory", dir.path.string()));
  EXPECT_EQ(message(""), "--save: the file name is empty");
}

TEST(AtomicFile, DescriptorWriterLeavesNothingUnlessCommitted) {
  ScratchDir dir;
  {
    hpcpp::AtomicFile out(dir.path / "a.bin");
    out.reserve(1 << 16);
    out.write_at(100, "x", 1);
    EXPECT_FALSE(out.in_place());
    EXPECT_EQ(dir.names(), std::vector<std::string>{out.temporary().filename().string()});
  }
  EXPECT_TRUE(dir.names().empty());
  {
    hpcpp::AtomicFile out(dir.path / "b.bin");
    out.reserve(1 << 16);
    out.write_at(100, "x", 1);
    out.commit();
  }
  EXPECT_EQ(fs::file_size(dir.path / "b.bin"), 1u << 16);
  EXPECT_EQ(slurp(dir.path / "b.bin").substr(100, 1), "x");
  EXPECT_EQ(dir.names(), std::vector<std::string>{"b.bin"});
  EXPECT_THROW(hpcpp::AtomicFile(dir.path / "c.bin").reserve(std::uint64_t{1} << 62), hpcpp::Error);
  EXPECT_THROW(hpcpp::AtomicFile(dir.path / "no" / "d.bin"), hpcpp::Error);
  EXPECT_EQ(dir.names(), std::vector<std::string>{"b.bin"});
}

TEST(AtomicFile, ThreadsAndJoinedWritersFillDisjointRangesOfOneTemporary) {
  ScratchDir dir;
  const fs::path target = dir.path / "parts.bin";
  constexpr std::size_t part = 100000;
  hpcpp::AtomicFile opener(target);
  opener.reserve(4 * part);
  {
    // As another process would: it joins the opener's temporary and writes its own ranges.
    hpcpp::AtomicFile joined = hpcpp::AtomicFile::join(target, opener.temporary());
    std::vector<std::thread> threads;
    for (int p = 0; p < 4; ++p)
      threads.emplace_back([&, p] {
        const std::string bytes(part, static_cast<char>('a' + p));
        (p % 2 ? joined : opener).write_at(static_cast<std::uint64_t>(p) * part, bytes.data(), bytes.size());
      });
    for (auto& t : threads) t.join();
    joined.commit();  // flushes its part; renaming is the opener's
  }
  EXPECT_FALSE(fs::exists(target));
  EXPECT_TRUE(fs::exists(opener.temporary()));
  opener.commit();
  EXPECT_EQ(slurp(target), std::string(part, 'a') + std::string(part, 'b') + std::string(part, 'c') + std::string(part, 'd'));
  EXPECT_EQ(dir.names(), std::vector<std::string>{"parts.bin"});
}

// In a job whose opener cannot act on the signal in time (killed, or held up in a throttled
// write), a joined writer that is signalled removes the shared temporary. The job is a child
// (the opener) and its child (the joined writer), as two ranks would be.
TEST(AtomicFile, ASignalledJoinedWriterRemovesTheOpenersTemporary) {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    ScratchDir dir;
    const pid_t opener_process = fork();
    ASSERT_GE(opener_process, 0);
    if (opener_process == 0) {
      signal(sig, SIG_DFL);  // as at a terminal (a test runner may start us with SIGINT ignored)
      hpcpp::AtomicFile opener(dir.path / "shared.bin");
      opener.write_at(0, "opened", 6);
      const pid_t joined_process = fork();
      if (joined_process == 0) {
        hpcpp::AtomicFile joined = hpcpp::AtomicFile::join(opener.target(), opener.temporary());
        joined.write_at(6, "joined", 6);
        joined.commit();  // flushed and closed; it stays listed until the job is done
        raise(sig);
        _exit(0);
      }
      int status = 0;
      const bool ended_by_sig = waitpid(joined_process, &status, 0) == joined_process && WIFSIGNALED(status) &&
                                WTERMSIG(status) == sig;
      _exit(ended_by_sig ? 0 : 1);  // as if killed: the opener neither commits nor removes
    }
    int status = 0;
    ASSERT_EQ(waitpid(opener_process, &status, 0), opener_process);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "signal " << sig << " did not end the joined writer";
    EXPECT_TRUE(dir.names().empty()) << "left behind: " << dir.names().front();
  }
}

TEST(AtomicFile, AJoinedWriterDestroyedWithoutASignalLeavesTheTemporaryToItsOpener) {
  ScratchDir dir;
  hpcpp::AtomicFile opener(dir.path / "shared.bin");
  { hpcpp::AtomicFile joined = hpcpp::AtomicFile::join(opener.target(), opener.temporary()); }
  EXPECT_TRUE(fs::exists(opener.temporary()));
  opener.commit();
  EXPECT_EQ(dir.names(), std::vector<std::string>{"shared.bin"});
}

TEST(AtomicFile, SignalWhileADescriptorWriterIsOpenRemovesItsTemporary) {
  expect_each_signal_ends_the_writer_leaving_nothing([](const fs::path& target, int sig) {
    hpcpp::AtomicFile out(target);
    out.reserve(1 << 20);
    out.write_at(0, "x", 1);
    raise(sig);
  });
}

TEST(AtomicFile, AStreamIsWrittenInOrderInPlace) {
  ScratchDir dir;
  const fs::path fifo = dir.path / "pipe";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = slurp(fifo); });
  {
    hpcpp::AtomicFile out(fifo);
    EXPECT_TRUE(out.in_place());
    EXPECT_FALSE(out.seekable());
    out.reserve(1 << 20);  // nothing to reserve on a stream
    out.write_at(0, "abc", 3);
    EXPECT_THROW(out.write_at(10, "x", 1), hpcpp::Error);
    out.write_at(3, "def", 3);
    out.commit();
  }
  reader.join();
  EXPECT_EQ(received, "abcdef");
  EXPECT_TRUE(fs::is_fifo(fifo));
}

TEST(AtomicFile, ACreationFailureGivesTheSystemsReason) {
  try {
    hpcpp::AtomicFile out("/proc/hpcpp-no-such.npy");
    FAIL() << "no error";
  } catch (const hpcpp::Error& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("/proc/hpcpp-no-such.npy: cannot write: cannot create /proc/hpcpp-no-such.npy.tmp.", 0), 0u)
        << message;
    EXPECT_EQ(message.find("disk space"), std::string::npos) << message;
  }
}

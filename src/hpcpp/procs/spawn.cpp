#include "hpcpp/procs/spawn.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "hpcpp/core/error.hpp"
#include "hpcpp/procs/process.hpp"

namespace hpcpp::procs {

pid_t spawn(const std::vector<std::string>& argv) {
  if (argv.empty()) throw Error("no program to run");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  return fork_child([&] {
    execvp(args[0], args.data());
    fmt::print(stderr, "cannot run '{}': {}\n", argv[0], std::strerror(errno));
    return 127;
  });
}

int spawn_and_wait(const std::vector<std::string>& argv) { return wait_child(spawn(argv)).shell_code(); }

}  // namespace hpcpp::procs

#pragma once
// The argument array execv and execvp take: pointers into the strings of `argv`, then a
// null pointer. Build it before fork, so the child allocates nothing; `argv` must outlive it.
#include <string>
#include <vector>

namespace hpcpp::procs {

inline std::vector<char*> exec_arguments(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  return args;
}

}  // namespace hpcpp::procs

#include "hpcpp/core/atomic_file.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "hpcpp/core/error.hpp"

namespace hpcpp {

void write_file_atomically(const std::filesystem::path& target,
                           const std::function<void(std::ostream&)>& write) {
  const auto temporary =
      std::filesystem::path(target).concat(fmt::format(".tmp.{}", static_cast<long>(getpid())));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(fmt::format("{}: cannot write: {}", target.string(), std::strerror(errno)));
    try {
      write(out);
      out.flush();
    } catch (...) {
      out.close();
      std::filesystem::remove(temporary);
      throw;
    }
    if (!out) {
      std::filesystem::remove(temporary);
      throw Error(fmt::format("{}: write failed", target.string()));
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, target, ec);
  if (ec) {
    std::filesystem::remove(temporary);
    throw Error(fmt::format("{}: cannot rename into place: {}", target.string(), ec.message()));
  }
}

}  // namespace hpcpp

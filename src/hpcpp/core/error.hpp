#pragma once
// The one error type of hpcpp: a message that already names what is wrong and where
// ("file:line: key 'dx': ..."). The command line turns it into one line and exit code 2.
#include <stdexcept>
#include <string>

namespace hpcpp {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace hpcpp

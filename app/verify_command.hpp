// `lfvlab verify-library DIR`: explores every scenario of the library under
// every variant and writes docs/verification.md's table, or checks that a
// committed table still holds (--check).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace lfv::app {

struct VerifyCommand {
  std::string directory;                // the library, e.g. scenarios/
  std::optional<std::string> out;       // write the table here
  std::optional<std::string> check;     // compare with this table (seconds aside)
  std::uint64_t budget = 400'000;       // executions per cell before it is called incomplete
};

// Exit status: 0 written or unchanged, 1 the table differs, 2 bad input.
int run_verify(const VerifyCommand& c, std::ostream& out, std::ostream& err);

}  // namespace lfv::app

// `lfvlab verify-library DIR`: explores every scenario of the library under
// every variant and writes docs/verification.md's table, or checks that a
// committed table still holds (--check).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace lfv::app {

struct VerifyCommand {
  std::string directory;                // the library, e.g. scenarios/
  std::optional<std::string> out;       // write the table here
  std::optional<std::string> check;     // compare with this table (seconds aside)
  std::uint64_t budget = 400'000;       // executions per cell before it is called incomplete
  bool json = false;                    // every search's result as JSON
  bool progress = false;                // progress on stderr even when it is not a terminal
};

// Exit status: 0 written or unchanged, 1 the table differs, 2 bad input.
int run_verify(const VerifyCommand& c, std::ostream& out, std::ostream& err);

// `lfvlab verify-programs`: the property sweep over generated programs
// (lfv/explore/program_sweep.hpp); writes its section of
// docs/verification.md (--out), leaving the rest of the file as it is.
struct VerifyProgramsCommand {
  unsigned max_ops = 3;             // both threads together, 2 to 6 (4: hours)
  std::uint64_t every = 1;          // only every k-th program (a deterministic slice)
  std::uint64_t budget = 400'000;   // executions per search before it counts as incomplete
  bool every_failure = false;       // broken variants: every failing execution's kind, not the first's
  bool three_threads = false;       // also every 3-thread program of one operation a thread, bounded
  std::optional<std::string> out;   // the verification document to update
};

// Exit status: 0 the property holds, 1 a finding (printed), 2 bad input.
int run_verify_programs(const VerifyProgramsCommand& c, std::ostream& out, std::ostream& err);

}  // namespace lfv::app

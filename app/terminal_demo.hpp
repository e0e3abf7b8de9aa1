// The terminal demo: real threads push and pop on the vector in each
// variant; it prints their results, what leaked and the throughput.
#pragma once

#include <iosfwd>
#include <optional>

#include "lfv/variant.hpp"
#include "lfv/workload.hpp"

namespace lfv::app {

struct DemoOptions {
  WorkloadSpec workload;
  std::optional<Completion> only_completion;  // every variant when empty
  std::optional<Reclaim> only_reclaim;
  bool json = false;  // the figures as JSON instead of the table
};

// Returns the process exit code: 0, or 1 if a variant that claims to be
// correct lost or invented a value.
int run_terminal_demo(const DemoOptions& options, std::ostream& out);

}  // namespace lfv::app

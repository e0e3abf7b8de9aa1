// A step as the explorer's reduction sees it (path.hpp, reduction.hpp):
// what it accesses, and where it stands in its operation.
#pragma once

#include "lfv/sim/log.hpp"

namespace lfv::explore::detail {

// A step as the search orders it: its access, and where it stands in its
// operation. The linearizability check reads the real-time order of
// operations (one returned before another was invoked), so with
// ExploreOptions::op_order the step that ends an operation and the step
// that starts another are dependent: equivalent schedules then give the
// same history, not only the same results.
struct Move {
  sim::Access access;
  bool op_begin = false;  // the first step of its operation (its invocation)
  bool op_end = false;    // its operation returned with it; of a step not taken yet: it may
};
inline bool depends(const Move& a, const Move& b) {
  return dependent(a.access, b.access) || (a.op_end && b.op_begin) || (a.op_begin && b.op_end);
}

}  // namespace lfv::explore::detail

// What each variant of the vector (vector.hpp, records.hpp) can do, as the
// simulator sees it: which (action kind, target) pairs its code reaches.
// It follows vector.hpp's `if constexpr` branches and lives beside them, so
// a change there is a change here; reach_test.cpp runs every variant over
// the library and checks that the pairs it reaches are exactly these.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lfv/scenario/scenario.hpp"
#include "lfv/site.hpp"
#include "lfv/variant.hpp"

namespace lfv {

// The targets each kind of action can have in any variant. For heap events
// (alloc, retire, reclaim, free, protect) `pending` is a write descriptor
// and `descriptor` and `bucket` the objects of those names.
std::vector<Target> reachable_targets(scenario::ActionKind k);

// Why variant (c, r) never performs action kind `k` on target `t`, where
// some variant does: " is impossible under versioned: ..." (the words that
// follow an until's text in the scenario error), or nullopt when it can.
std::optional<std::string> unreachable_under(scenario::ActionKind k, Target t, Completion c, Reclaim r);

// Whether variant (c, r) ever performs `k` on `t`.
bool reaches(scenario::ActionKind k, Target t, Completion c, Reclaim r);

}  // namespace lfv

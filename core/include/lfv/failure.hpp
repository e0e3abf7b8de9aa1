// The closed set of failures lfvlab reports. The UI and the CLI render them.
#pragma once

#include <optional>
#include <string_view>

namespace lfv {

enum class FailureKind {
  none,
  non_linearizable,  // the history has no valid sequential order
  use_after_free,    // an access to a reclaimed or freed object
  // c11 only: a plain field read whose object's construction does not
  // happen before it (docs/memory-model.md, "Data races").
  data_race,
  double_free,       // an object freed or retired twice
  leak,              // objects left unreachable and never freed
  livelock,          // reserved: no run reports it (a run at its step limit is too_long)
  bad_input,         // a scenario file, flag or action that cannot be used
  // A run reached its step limit before it ended: too long to judge. Not a
  // failure of the algorithm (one thread, or any finite lock-free program,
  // cannot livelock); lfvlab reports it apart and exits 2.
  too_long,
};

inline constexpr FailureKind kAllFailureKinds[] = {
    FailureKind::none,      FailureKind::non_linearizable, FailureKind::use_after_free, FailureKind::data_race,
    FailureKind::double_free, FailureKind::leak,          FailureKind::livelock,       FailureKind::bad_input,
    FailureKind::too_long};

constexpr std::string_view name(FailureKind f) {
  switch (f) {
    case FailureKind::none: return "none";
    case FailureKind::non_linearizable: return "non-linearizable";
    case FailureKind::use_after_free: return "use-after-free";
    case FailureKind::data_race: return "data-race";
    case FailureKind::double_free: return "double-free";
    case FailureKind::leak: return "leak";
    case FailureKind::livelock: return "livelock";
    case FailureKind::bad_input: return "bad-input";
    case FailureKind::too_long: return "too-long";
  }
  return "?";
}

constexpr std::optional<FailureKind> parse_failure_kind(std::string_view s) {
  for (FailureKind f : kAllFailureKinds)
    if (name(f) == s) return f;
  return std::nullopt;
}

}  // namespace lfv

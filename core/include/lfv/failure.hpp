// The closed set of failures lfvlab reports. The UI and the CLI render them.
#pragma once

#include <optional>
#include <string_view>

namespace lfv {

enum class FailureKind {
  none,
  non_linearizable,  // the history has no valid sequential order
  use_after_free,    // an access to a reclaimed or freed object
  double_free,       // an object freed or retired twice
  leak,              // objects left unreachable and never freed
  livelock,          // a run exceeded its step limit
  bad_input,         // a scenario file, flag or action that cannot be used
};

inline constexpr FailureKind kAllFailureKinds[] = {
    FailureKind::none,     FailureKind::non_linearizable, FailureKind::use_after_free, FailureKind::double_free,
    FailureKind::leak,     FailureKind::livelock,         FailureKind::bad_input};

constexpr std::string_view name(FailureKind f) {
  switch (f) {
    case FailureKind::none: return "none";
    case FailureKind::non_linearizable: return "non-linearizable";
    case FailureKind::use_after_free: return "use-after-free";
    case FailureKind::double_free: return "double-free";
    case FailureKind::leak: return "leak";
    case FailureKind::livelock: return "livelock";
    case FailureKind::bad_input: return "bad-input";
  }
  return "?";
}

constexpr std::optional<FailureKind> parse_failure_kind(std::string_view s) {
  for (FailureKind f : kAllFailureKinds)
    if (name(f) == s) return f;
  return std::nullopt;
}

}  // namespace lfv

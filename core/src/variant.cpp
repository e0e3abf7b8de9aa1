#include "lfv/variant.hpp"

namespace lfv {

std::optional<Completion> parse_completion(std::string_view s) {
  for (Completion c : kAllCompletions)
    if (name(c) == s) return c;
  return std::nullopt;
}

std::optional<Reclaim> parse_reclaim(std::string_view s) {
  for (Reclaim r : kAllReclaims)
    if (name(r) == s) return r;
  if (s == "free_now") return Reclaim::free_now;
  return std::nullopt;
}

std::string_view known_defect(Completion c, Reclaim r) {
  if (r == Reclaim::free_now)
    return "deliberately broken: frees replaced objects at once, so a thread still reading one "
           "uses freed memory";
  if (c == Completion::book && r == Reclaim::hazard)
    return "deliberately broken (the book's sealed version): clears the pending write of the "
           "current descriptor, not its own, and completes its own write with no hazard pointer, "
           "so that write can be reclaimed under it";
  if (c == Completion::book)
    return "deliberately broken (the book's leaky version): clears the pending write of the "
           "current descriptor, not its own, so a write can be lost and a pop can return a value "
           "never pushed";
  if (c == Completion::paper)
    return "deliberately broken (the 2006 paper): a helper's stale slot CAS can succeed after the "
           "slot returns to its old value (value ABA)";
  return "";
}

}  // namespace lfv

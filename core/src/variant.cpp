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

std::span<const FailureKind> documented_failures(Completion c, Reclaim r) {
  using enum FailureKind;
  // book: the clear-pending race loses a write (non-linearizable).
  static constexpr FailureKind book_leak[] = {non_linearizable};
  // book + hazard: the same race, and its own write completed unprotected.
  static constexpr FailureKind book_hazard[] = {non_linearizable, use_after_free};
  // paper: the value ABA and its plain write(i, v) racing a pop (non-linearizable).
  static constexpr FailureKind paper[] = {non_linearizable};
  // free-now: a replaced object freed while another thread reads it; the
  // completion's own defects stay possible where no freed object is touched.
  // book + free-now also frees twice: the thread whose CAS replaced a
  // descriptor frees its pending object with it, while a helper that
  // re-loaded that descriptor swaps the same object out and frees it too.
  static constexpr FailureKind book_free_now[] = {non_linearizable, use_after_free, double_free};
  static constexpr FailureKind paper_free_now[] = {non_linearizable, use_after_free};
  static constexpr FailureKind versioned_free_now[] = {use_after_free};
  switch (c) {
    case Completion::book:
      return r == Reclaim::leak ? std::span<const FailureKind>(book_leak)
             : r == Reclaim::hazard ? std::span<const FailureKind>(book_hazard)
                                    : std::span<const FailureKind>(book_free_now);
    case Completion::paper:
      return r == Reclaim::free_now ? std::span<const FailureKind>(paper_free_now) : std::span<const FailureKind>(paper);
    case Completion::versioned:
      if (r == Reclaim::free_now) return versioned_free_now;
      return {};
  }
  return {};
}

bool documented_failure(Completion c, Reclaim r, FailureKind k) {
  for (FailureKind d : documented_failures(c, r))
    if (d == k) return true;
  return false;
}

}  // namespace lfv

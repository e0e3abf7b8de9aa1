#include "lfv/vector_reach.hpp"

#include <algorithm>

namespace lfv {

// The targets each kind of action can have in the core (vector.hpp,
// hazard_domain.hpp); for heap events `pending` is a WriteDescriptor.
std::vector<Target> reachable_targets(scenario::ActionKind k) {
  using scenario::ActionKind;
  using T = Target;
  switch (k) {
    case ActionKind::load: return {T::descriptor, T::pending, T::slot, T::bucket, T::hazard, T::done};
    case ActionKind::store: return {T::pending, T::slot, T::hazard, T::done};
    case ActionKind::cas: return {T::descriptor, T::slot, T::bucket};
    case ActionKind::swap: return {T::pending};
    case ActionKind::read: return {T::field};
    case ActionKind::alloc: return {T::descriptor, T::pending, T::bucket};
    case ActionKind::free: return {T::descriptor, T::pending, T::bucket};
    case ActionKind::retire: return {T::descriptor, T::pending};
    case ActionKind::reclaim: return {T::descriptor, T::pending};
    case ActionKind::protect: return {T::descriptor, T::pending};
  }
  return {};
}

std::optional<std::string> unreachable_under(scenario::ActionKind k, Target t, Completion c, Reclaim r) {
  using scenario::ActionKind;
  const bool book = c == Completion::book;
  const std::string under_c = " is impossible under " + std::string(name(c)) + ": ";
  const std::string under_r = " is impossible under " + std::string(name(r)) + ": ";
  const std::string under_cr =
      " is impossible under " + std::string(name(c)) + " with " + std::string(name(r)) + ": ";

  if (t == Target::pending && !book) {
    switch (k) {
      case ActionKind::load:
      case ActionKind::store:
        return under_c +
               "only the book's completion has a pending pointer (paper and versioned keep the write "
               "in the descriptor)";
      case ActionKind::swap: return under_c + "only the book's completion swaps a pending pointer";
      case ActionKind::protect:
        return under_c + "only the book's completion protects a pending write with a hazard pointer";
      case ActionKind::retire:
        return under_c +
               "only the book's completion retires a write on its own (paper and versioned free it "
               "with its descriptor)";
      default: break;
    }
  }
  if (t == Target::pending && c == Completion::versioned &&
      (k == ActionKind::alloc || k == ActionKind::free || k == ActionKind::reclaim))
    return under_c + "a versioned write is inside its descriptor: there is no write descriptor object to " +
           (k == ActionKind::alloc ? "allocate" : k == ActionKind::free ? "free" : "reclaim");
  if (r == Reclaim::leak && k == ActionKind::free && t == Target::pending)
    return under_r + "leak never frees a write descriptor during a run";
  if (r == Reclaim::leak && k == ActionKind::free && t == Target::descriptor && c != Completion::versioned)
    return under_cr +
           "leak frees no descriptor during a run (only versioned frees one it kept and never published)";
  if (t == Target::done && book && (k == ActionKind::load || k == ActionKind::store))
    return under_c + "the book's writes have no done flag (only paper and versioned have one)";
  if (k == ActionKind::store && t == Target::slot && c == Completion::versioned)
    return under_c + "versioned writes a slot only by CAS; the plain slot store is book's and paper's write";
  if (k == ActionKind::store && t == Target::pending && r != Reclaim::leak)
    return under_cr +
           "only the book's leaky version (reclaim leak) clears a pending pointer with a plain store; "
           "the others swap it";
  if (k == ActionKind::swap && t == Target::pending && r == Reclaim::leak)
    return under_cr + "the book's leaky version clears a pending pointer with a plain store, not a swap";

  if (r != Reclaim::hazard) {
    const std::string no_hp = r == Reclaim::leak ? "leak never frees anything during a run"
                                                 : "free-now frees replaced objects at once";
    switch (k) {
      case ActionKind::retire: return under_r + "only hazard pointers retire objects (" + no_hp + ")";
      case ActionKind::reclaim:
        return under_r + "only hazard pointers reclaim retired objects (" + no_hp + ")";
      case ActionKind::protect: return under_r + "only reclaim hazard protects objects with hazard pointers";
      case ActionKind::load:
      case ActionKind::store:
        if (t == Target::hazard) return under_r + "there are hazard pointers only under reclaim hazard";
        break;
      default: break;
    }
  }
  return std::nullopt;
}

bool reaches(scenario::ActionKind k, Target t, Completion c, Reclaim r) {
  const std::vector<Target> all = reachable_targets(k);
  return std::find(all.begin(), all.end(), t) != all.end() && !unreachable_under(k, t, c, r);
}

}  // namespace lfv

#include "lfv/sim/run.hpp"

#include "run_impl.hpp"

namespace lfv::sim {

std::string_view name(LifeState s) {
  switch (s) {
    case LifeState::private_: return "private";
    case LifeState::shared: return "shared";
    case LifeState::unlinked: return "unlinked";
    case LifeState::leaked: return "leaked";
    case LifeState::retired: return "retired";
    case LifeState::protected_: return "retired, protected";
    case LifeState::reclaimed: return "reclaimed";
    case LifeState::freed: return "freed";
  }
  return "?";
}

std::string_view name(HoldRole r) {
  switch (r) {
    case HoldRole::loaded: return "loaded";
    case HoldRole::built: return "built";
    case HoldRole::write: return "its write";
    case HoldRole::performing: return "about to perform";
    case HoldRole::replaced: return "replaced";
  }
  return "?";
}

// A slot word as a person reads it: the value, and under versioned its tag
// ("7 #2"; "0 #0" for a slot never written).
std::string format_word(std::uint64_t w, bool tagged) {
  if (!tagged) return std::to_string(w);
  return std::to_string(w & 0xFFFFFFFFu) + " #" + std::to_string(w >> 32);
}

std::string describe_target(const HeapObject* o, const PendingAction& a) {
  const std::string owner = o ? o->name : "?";
  switch (a.target) {
    case Target::descriptor: return "the descriptor";
    case Target::pending: return owner + ".pending";
    case Target::slot: return "a slot of " + owner;
    case Target::bucket: return "a bucket pointer";
    case Target::hazard: return "a hazard slot";
    case Target::done: return owner + ".done";
    case Target::field: return owner;
  }
  return owner;
}

std::optional<std::string> choose_memory(const scenario::Scenario& s, const MemoryChoice& flags, RunOptions& o) {
  o.memory_model = flags.model.value_or(s.memory_model);
  o.weaken = {};
  if (o.memory_model != MemoryModel::c11) {
    if (flags.weaken.any())
      return "--weaken: needs the c11 memory model (--memory-model c11, or memory_model = \"c11\" in the file): under sc "
           "every step is ordered, no order can matter";
    return std::nullopt;
  }
  o.weaken = s.orders;
  o.weaken.add(flags.weaken);
  return std::nullopt;
}

std::unique_ptr<Run> start_run(const scenario::Scenario& s, Completion c, Reclaim r, RunOptions o) {
  return with_variant(c, r, [&]<Completion C, Reclaim R>() -> std::unique_ptr<Run> {
    return std::make_unique<RunImpl<C, R>>(s, o);
  });
}

std::unique_ptr<Run> replay(const scenario::Scenario& s, Completion c, Reclaim r, std::span<const unsigned> schedule,
                            RunOptions o) {
  auto run = start_run(s, c, r, o);
  for (unsigned t : schedule)
    if (!run->step(t)) break;
  return run;
}

}  // namespace lfv::sim

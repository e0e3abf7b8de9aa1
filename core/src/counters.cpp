#include "lfv/counters.hpp"

#include "lfv/real_env.hpp"

namespace lfv {

std::string_view name(ObjectKind k) {
  switch (k) {
    case ObjectKind::descriptor: return "Descriptor";
    case ObjectKind::write_descriptor: return "WriteDescriptor";
    case ObjectKind::bucket: return "Bucket";
    case ObjectKind::hazard_table: return "HazardTable";
  }
  return "?";
}

std::string_view name(Event e) {
  switch (e) {
    case Event::descriptor_cas_failed: return "descriptor CAS failed";
    case Event::bucket_cas_lost: return "bucket CAS lost";
    case Event::write_completed: return "write completed";
    case Event::write_completion_run: return "write completion run";
    case Event::scan: return "hazard scan";
    case Event::reclaimed: return "reclaimed";
  }
  return "?";
}

KindTotals AllocationReport::total() const {
  KindTotals t;
  for (const KindTotals& k : by_kind) {
    t.allocations += k.allocations;
    t.frees += k.frees;
    t.bytes_allocated += k.bytes_allocated;
    t.bytes_freed += k.bytes_freed;
  }
  return t;
}

AllocationReport CountingAllocator::report() const {
  const auto raw = counters_.sum();
  AllocationReport r;
  for (std::size_t k = 0; k < kObjectKinds; ++k)
    r.by_kind[k] = {raw[k * 4 + 0], raw[k * 4 + 1], raw[k * 4 + 2], raw[k * 4 + 3]};
  return r;
}

CountingAllocator& default_allocator() {
  static CountingAllocator a;
  return a;
}

EventCounters& default_events() {
  static EventCounters e;
  return e;
}

}  // namespace lfv

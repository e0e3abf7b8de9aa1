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
    t.reused += k.reused;
  }
  return t;
}

CountingAllocator::~CountingAllocator() {
  for (unsigned t = 0; t < kMaxThreads; ++t)
    for (Block* b = shards_[t].pool; b;) {
      Block* next = b->next;
      ::operator delete(b, std::align_val_t{kBlockBytes});
      b = next;
    }
}

AllocationReport CountingAllocator::report() const {
  AllocationReport r;
  for (unsigned t = 0; t < kMaxThreads; ++t)
    for (std::size_t k = 0; k < kObjectKinds; ++k) {
      auto get = [&](Field f) { return shards_[t].value[index(ObjectKind(k), f)].load(std::memory_order_relaxed); };
      KindTotals& o = r.by_kind[k];
      o.allocations += get(kAllocations);
      o.frees += get(kFrees);
      o.bytes_allocated += get(kBytesAllocated);
      o.bytes_freed += get(kBytesFreed);
      o.reused += get(kReused);
    }
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

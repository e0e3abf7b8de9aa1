#include "lfv/sim/thread_view.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "lfv/sim/context.hpp"

namespace lfv::sim {

namespace {

bool atomic_access(ActionKind k) {
  return k == ActionKind::load || k == ActionKind::store || k == ActionKind::swap || k == ActionKind::cas;
}

// The location's name as the Memory window shows it: the vector's header
// names the descriptor pointer, boxes their fields, bucket rows their slots.
std::string location_name(const HeapObject& o, const StepEvent& e) {
  switch (e.target) {
    case Target::descriptor: return "vector.descriptor";
    case Target::pending: return o.name + ".pending";
    case Target::done: return o.name + ".done";
    case Target::slot: return "[" + std::to_string(e.element) + "] in " + o.name;
    case Target::bucket: return "bucket " + std::to_string(e.element);
    // The run names a hazard slot by its owner (run_impl.hpp: "A.hazard[0]").
    case Target::hazard: return o.name + "+" + std::to_string(e.offset) + " (hazard)";
    case Target::field: break;
  }
  return o.name + "+" + std::to_string(e.offset);
}

}  // namespace

std::string store_text(const StoreView& s) {
  if (s.thread < 0) return s.value + " (" + s.by + ")";
  return s.value + " (" + (s.initial ? "as built by " : "") + s.by + ", step " + std::to_string(s.step) + ")";
}

std::string view_text(const std::string& thread, const LocationView& l) {
  std::string out = thread + " sees " + l.name + " = " + store_text(l.seen);
  if (!l.stale()) return out + ", the latest";
  out += "; not yet: ";
  for (std::size_t i = 0; i < l.unseen.size(); ++i) out += (i ? ", " : "") + store_text(l.unseen[i]);
  return out;
}

std::vector<LocationView> thread_view(const SimContext& ctx, unsigned t, const ValueFormat& format) {
  std::vector<LocationView> out;
  const C11Memory* memory = ctx.c11_memory();
  if (!memory) return out;
  // The heap's lookups are not const (they cache the last object found).
  TrackedHeap& heap = const_cast<TrackedHeap&>(ctx.heap());
  std::set<std::pair<ObjectId, std::uint32_t>> listed;
  for (const StepEvent& e : ctx.log().steps) {
    if (!atomic_access(e.kind) || e.object == kNoObject || !listed.insert({e.object, e.offset}).second) continue;
    const HeapObject& o = heap[e.object];
    const void* address = static_cast<const char*>(o.address) + e.offset;
    const std::vector<C11Memory::Store>* order = memory->stores(address);
    if (!order || order->empty()) continue;
    const bool pointer = e.value_kind == ValueKind::pointer || e.value_kind == ValueKind::slot_pointer;
    const auto store_view = [&](std::size_t index) {
      const C11Memory::Store& s = (*order)[index];
      StoreView v;
      v.value = format(e.value_kind, pointer ? heap.pointer_value(reinterpret_cast<const void*>(s.raw)) : s.raw);
      v.step = s.step;
      v.thread = s.thread == C11Memory::kSetup ? -1 : int(s.thread);
      // The model stores a location's first value as nobody's: it is the
      // builder's, when a thread built the object (a new descriptor's flag).
      v.initial = index == 0;
      if (v.initial && o.owner >= 0) {
        v.thread = o.owner;
        v.step = o.allocated_at;
      }
      v.by = v.thread < 0 ? "setup" : ctx.thread_name(unsigned(v.thread));
      return v;
    };
    LocationView l;
    l.object = e.object;
    l.offset = e.offset;
    l.target = e.target;
    if (e.target == Target::slot) l.element = e.element;
    l.name = location_name(o, e);
    const std::uint32_t seen = std::min<std::uint32_t>(memory->seen(t, address), std::uint32_t(order->size() - 1));
    l.latest = store_view(order->size() - 1);
    l.seen = store_view(seen);
    for (std::size_t i = seen + 1; i < order->size(); ++i) l.unseen.push_back(store_view(i));
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace lfv::sim

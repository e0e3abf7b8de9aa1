#include "lfv/sim/heap.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <new>

#include "lfv/bucket_layout.hpp"

namespace lfv::sim {

std::string_view name(HeapKind k) {
  switch (k) {
    case HeapKind::vector: return "Vector";
    case HeapKind::descriptor: return "Descriptor";
    case HeapKind::write_descriptor: return "WriteDescriptor";
    case HeapKind::bucket: return "Bucket";
    case HeapKind::hazard_table: return "HazardTable";
  }
  return "?";
}

HeapKind heap_kind(ObjectKind k) {
  switch (k) {
    case ObjectKind::descriptor: return HeapKind::descriptor;
    case ObjectKind::write_descriptor: return HeapKind::write_descriptor;
    case ObjectKind::bucket: return HeapKind::bucket;
    case ObjectKind::hazard_table: return HeapKind::hazard_table;
  }
  return HeapKind::descriptor;
}

TrackedHeap::~TrackedHeap() {
  for (HeapObject& o : objects_) ::operator delete(o.address, std::align_val_t{o.align});
}

HeapObject& TrackedHeap::allocate(HeapKind kind, std::size_t bytes, std::size_t align, std::size_t count) {
  // The simulator runs small scenarios: refuse what no lecture needs.
  if (bytes > (std::size_t{64} << 20)) throw std::bad_alloc();
  HeapObject o;
  o.id = ObjectId(objects_.size());
  o.kind = kind;
  o.bytes = bytes;
  o.count = count;
  o.align = align;
  o.address = ::operator new(bytes == 0 ? 1 : bytes, std::align_val_t{align});
  std::memset(o.address, 0, bytes);
  const unsigned n = counts_[unsigned(kind)]++;
  switch (kind) {
    case HeapKind::vector: o.name = n ? "V" + std::to_string(n) : "V"; break;
    case HeapKind::hazard_table: o.name = n ? "HP" + std::to_string(n) : "HP"; break;
    case HeapKind::descriptor: o.name = "D" + std::to_string(n); break;
    case HeapKind::write_descriptor: o.name = "W" + std::to_string(n); break;
    case HeapKind::bucket: {
      // Named by the bucket it is for; a race's second one gets a prime.
      o.bucket_index = unsigned(std::countr_zero(count / layout::kFirstBucketSize));
      o.name = "B" + std::to_string(o.bucket_index);
      for (const HeapObject& other : objects_)
        if (other.kind == HeapKind::bucket && other.bucket_index == o.bucket_index) o.name += "'";
      break;
    }
  }
  const auto start = reinterpret_cast<std::uintptr_t>(o.address);
  const auto at = std::upper_bound(starts_.begin(), starts_.end(), start) - starts_.begin();
  starts_.insert(starts_.begin() + at, start);
  ids_by_start_.insert(ids_by_start_.begin() + at, o.id);
  objects_.push_back(std::move(o));
  return objects_.back();
}

HeapObject* TrackedHeap::containing(const void* p) {
  const auto a = reinterpret_cast<std::uintptr_t>(p);
  for (ObjectId id : last_found_) {
    if (id == kNoObject) continue;
    HeapObject& o = objects_[id];
    const auto base = reinterpret_cast<std::uintptr_t>(o.address);
    if (a >= base && a < base + o.bytes) return &o;
  }
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), a);
  if (it == starts_.begin()) return nullptr;
  HeapObject& o = objects_[ids_by_start_[std::size_t(it - starts_.begin()) - 1]];
  if (a >= *(it - 1) + o.bytes) return nullptr;
  last_found_[1] = last_found_[0];
  last_found_[0] = o.id;
  return &o;
}

HeapObject* TrackedHeap::starting_at(const void* p) {
  const auto a = reinterpret_cast<std::uintptr_t>(p);
  const auto it = std::lower_bound(starts_.begin(), starts_.end(), a);
  return it == starts_.end() || *it != a ? nullptr : &objects_[ids_by_start_[std::size_t(it - starts_.begin())]];
}

}  // namespace lfv::sim

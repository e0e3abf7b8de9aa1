// The simulator's tracked heap. Every object the core allocates gets a
// stable name (D3, W5, B1) and a lifecycle; memory is never reused during
// a run, so an access to a freed object can be caught before it happens.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "lfv/counters.hpp"
#include "lfv/site.hpp"
#include "lfv/sim/log.hpp"

namespace lfv::sim {

enum class HeapKind : std::uint8_t { vector, descriptor, write_descriptor, bucket, hazard_table };

// Lists an object's fields for snapshots; implemented by the run.
class FieldVisitor {
 public:
  virtual ~FieldVisitor() = default;
  virtual void value(Field field, std::uint64_t v) = 0;
  virtual void flag(Field field, bool v) = 0;
  virtual void word(Field field, std::uint64_t w) = 0;  // a slot word
  virtual void pointer(Field field, const void* p) = 0;
};

struct HeapObject {
  ObjectId id = kNoObject;
  HeapKind kind = HeapKind::descriptor;
  std::string name;
  void* address = nullptr;
  std::size_t bytes = 0;
  std::size_t count = 1;  // elements, for arrays (bucket slots)
  std::size_t align = alignof(std::max_align_t);
  unsigned bucket_index = 0;  // buckets: which bucket
  int owner = -1;         // allocating thread; -1: setup
  std::uint16_t owner_op = 0;
  std::uint32_t allocated_at = kNoStep;
  // Its plain fields' last initialisation (construction, or a refill of a
  // kept descriptor): by which thread (-1: setup), at which step, and under
  // c11 at which epoch of that thread (C11Memory::plain_epoch). A plain read
  // it does not happen before is a data race.
  int constructed_by = -1;
  std::uint32_t constructed_at = kNoStep;
  std::uint32_t constructed_epoch = 0;
  // Under c11, each thread's last access to the object (a plain read or an
  // atomic action on one of its words), by thread index: a free or reclaim
  // by another thread must happen after it. Program order orders a thread's
  // earlier accesses before its last, so the last one is all it takes.
  struct Access {
    std::uint32_t epoch = 0;  // C11Memory::plain_epoch at the access; 0: none
    std::uint32_t step = kNoStep;
    Action action = Action::unlabelled;
  };
  std::vector<Access> accesses;
  bool published = false;  // its address was written into a shared word (not a hazard slot)
  bool retired = false;
  int retired_by = -1;          // the retiring thread; -1: setup
  bool freed = false;  // freed or reclaimed
  std::uint32_t freed_at = kNoStep;
  void (*describe)(const void*, FieldVisitor&) = nullptr;
};

class TrackedHeap {
 public:
  // Room for the objects of a lecture's run, so a run rarely grows them.
  TrackedHeap() {
    objects_.reserve(32);
    starts_.reserve(32);
    ids_by_start_.reserve(32);
  }
  TrackedHeap(const TrackedHeap&) = delete;
  TrackedHeap& operator=(const TrackedHeap&) = delete;
  ~TrackedHeap();

  // Allocates zeroed memory; names it by kind (buckets by bucket index).
  HeapObject& allocate(HeapKind kind, std::size_t bytes, std::size_t align, std::size_t count);
  // The object whose memory holds `p` (interior pointers too), or null.
  HeapObject* containing(const void* p);
  // The object that starts at `p`, or null.
  HeapObject* starting_at(const void* p);
  HeapObject& operator[](ObjectId id) { return objects_[id]; }
  const HeapObject& operator[](ObjectId id) const { return objects_[id]; }
  const std::vector<HeapObject>& objects() const { return objects_; }
  // A pointer as the log keeps it: the object's id in the low 32 bits and
  // the byte offset into it in the high 32 (a slot pointer into a bucket).
  std::uint64_t pointer_value(const void* p) {
    if (!p) return kNoObject;
    HeapObject* o = containing(p);
    if (!o) return kNoObject;
    return o->id | std::uint64_t(reinterpret_cast<std::uintptr_t>(p) - reinterpret_cast<std::uintptr_t>(o->address))
                       << 32;
  }
  // The object starting at p (or kNoObject).
  ObjectId id_of(const void* p) {
    if (!p) return kNoObject;
    HeapObject* o = starting_at(p);
    return o ? o->id : kNoObject;
  }

 private:
  std::vector<HeapObject> objects_;
  // Each object's start address, ascending, and its id beside it: a run
  // has a few dozen objects, and a binary search of a flat array is
  // cheaper than a map's on every step.
  std::vector<std::uintptr_t> starts_;
  std::vector<ObjectId> ids_by_start_;
  unsigned counts_[5] = {};
  // The objects the last two containing() calls found: a step mostly
  // touches an object one of the previous two did (a word of the vector and
  // the descriptor it points to), and objects never move or go away
  // before the heap.
  ObjectId last_found_[2] = {kNoObject, kNoObject};
};

std::string_view name(HeapKind k);
HeapKind heap_kind(ObjectKind k);

}  // namespace lfv::sim

#include "vector_observer.hpp"

#include "lfv/bucket_layout.hpp"

namespace lfv::sim {

using scenario::ActionKind;

VectorObserver::Locals& VectorObserver::of(unsigned t) {
  if (t >= locals_.size()) locals_.resize(t + 1);
  return locals_[t];
}

const VectorObserver::Locals& VectorObserver::locals(unsigned t) const {
  static const Locals none;
  return t < locals_.size() ? locals_[t] : none;
}

VectorObserver::Marks& VectorObserver::mark(ObjectId id) {
  if (id >= marks_.size()) marks_.resize(std::size_t(id) + 1);
  return marks_[id];
}

const VectorObserver::Marks& VectorObserver::marks(ObjectId id) const {
  static const Marks none;
  return id < marks_.size() ? marks_[id] : none;
}

std::uint32_t VectorObserver::element_of(const HeapObject* o, const void* address) const {
  const auto a = reinterpret_cast<std::uintptr_t>(address);
  if (o && o->kind == HeapKind::bucket) {
    const std::size_t offset = (a - reinterpret_cast<std::uintptr_t>(o->address)) / sizeof(std::uint64_t);
    return std::uint32_t(layout::first_index(o->bucket_index) + offset);
  }
  if (bucket_table_) return std::uint32_t((a - reinterpret_cast<std::uintptr_t>(bucket_table_)) / sizeof(void*));
  return 0;
}

int VectorObserver::owner_of_completed_write(unsigned t) const {
  const ObjectId w = locals(t).last_write_read;
  return w == kNoObject ? int(t) : ctx_.heap()[w].owner;
}

void VectorObserver::op_begins(unsigned t) { of(t) = {}; }

void VectorObserver::stepped(unsigned t, StepEvent& e, const PendingAction& a) {
  if (a.target == Target::slot || a.target == Target::bucket)
    e.element = element_of(e.object == kNoObject ? nullptr : &ctx_.heap()[e.object], a.address);
  // A step that completes a write: the slot CAS, marking it done, the book's clear.
  const bool completes = (a.kind == ActionKind::cas && a.target == Target::slot) ||
                         (a.kind == ActionKind::store && a.target == Target::done) ||
                         a.action == Action::clear_pending;
  const int owner = owner_of_completed_write(t);
  e.helping = completes && owner != int(t) && owner >= 0;
  // The book clears whatever write the current descriptor holds: note which,
  // so a write cleared before anyone performed it can be shown as lost.
  if (a.action == Action::clear_pending)
    if (HeapObject* cleared = ctx_.heap().starting_at(reinterpret_cast<const void*>(ctx_.peek(a))))
      if (mark(cleared->id).cleared_at == kNoStep) mark(cleared->id).cleared_at = e.index;
}

void VectorObserver::read(unsigned t, StepEvent& e) {
  Locals& l = of(t);
  TrackedHeap& heap = ctx_.heap();
  if (e.target == Target::descriptor && e.kind == ActionKind::load) l.loaded = ObjectId(e.read);
  // The write being completed: a write descriptor's field, or the done flag
  // of one (versioned keeps it inside its descriptor).
  if (e.object != kNoObject && (heap[e.object].kind == HeapKind::write_descriptor || e.target == Target::done))
    l.last_write_read = e.object;
  if (e.target == Target::pending && e.value_kind == ValueKind::pointer && e.kind == ActionKind::load)
    l.last_write_read = ObjectId(e.read);
  // Only a scan reads hazard slots: one that finds an object its own thread
  // retired keeps it (it is protected from now on, while the hazard holds).
  if (e.target == Target::hazard && e.kind == ActionKind::load && e.read != kNoObject &&
      e.value_kind == ValueKind::pointer) {
    HeapObject& o = heap[ObjectId(e.read)];
    if (o.retired && o.retired_by == int(t)) mark(o.id).found_by_scan = true;
  }
}

void VectorObserver::wrote(unsigned t, StepEvent& e) {
  const bool pointer = e.value_kind == ValueKind::pointer && e.written != kNoObject;
  if (e.target == Target::hazard && pointer) ctx_.heap_event(ActionKind::protect, ObjectId(e.written));
  // An object whose address is written into a shared word is published:
  // from now on, off the vector it is unlinked, never private again. A
  // hazard slot only protects.
  if (pointer && e.target != Target::hazard) ctx_.heap()[ObjectId(e.written)].published = true;
  Locals& l = of(t);
  if (e.target == Target::descriptor) l.built = l.write = kNoObject;  // a successful descriptor CAS shares what it built
  // A successful CAS or a swap replaced what it read: the thread holds it
  // until it retires or frees it.
  if ((e.kind == ActionKind::cas || e.kind == ActionKind::swap) && e.value_kind == ValueKind::pointer &&
      e.target != Target::hazard)
    l.replaced = ObjectId(e.read);
}

void VectorObserver::cas(unsigned t, StepEvent& e) {
  // A slot CAS that succeeds performs the write its thread is completing.
  if (e.success && e.target == Target::slot) {
    const ObjectId w = locals(t).last_write_read;
    if (w != kNoObject && marks(w).performed_by < 0) {
      mark(w).performed_by = int(t);
      mark(w).performed_at = e.index;
    } else if (w != kNoObject && marks(w).performed_again_by < 0) {
      mark(w).performed_again_by = int(t);
    }
  }
  if (!e.success && e.target == Target::descriptor) {
    Locals& l = of(t);
    l.loaded = ObjectId(e.read);
    if (l.built == e.written) l.built = l.write = kNoObject;  // abandoned: leaked or freed next
  }
}

void VectorObserver::allocated(unsigned t, HeapObject& o) {
  if (o.kind == HeapKind::descriptor) of(t).built = o.id;
  if (o.kind == HeapKind::write_descriptor) of(t).write = o.id;
}

void VectorObserver::retired(unsigned t, HeapObject& o) {
  if (of(t).replaced == o.id) of(t).replaced = kNoObject;
}

// The descriptor a lost CAS abandoned, kept to refill (versioned): built again.
void VectorObserver::kept(unsigned t, ObjectId id) { of(t).built = id; }

}  // namespace lfv::sim

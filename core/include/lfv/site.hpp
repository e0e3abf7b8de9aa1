// What an atomic action targets, what it is, and which numbered memory-order
// choice it makes. The core passes a Site to every atomic operation and every
// plain-field read; the real environment ignores it (it is a few bytes of
// constants, folded away), the simulator records it in its event log. Every
// name here is a type with one text table: nothing matches on a label.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace lfv {

enum class Target : std::uint8_t {
  descriptor,  // the vector's descriptor pointer
  pending,     // a Descriptor's pending pointer (book)
  slot,        // an element slot in a bucket
  bucket,      // the vector's bucket table
  hazard,      // a hazard-pointer slot
  done,        // a WriteDescriptor's done flag (paper, versioned)
  field,       // a plain (non-atomic) field of a heap object
};

// How the simulator shows the value an action reads or writes.
enum class Shown : std::uint8_t {
  as_is,         // by its type: a number, a flag, an object
  slot_word,     // a slot's word: the element, and its tag under versioned
  slot_pointer,  // a pointer to a slot: "[3] in B1"
};

// The hazard protocol's two fences, by side: the environment decides what
// each is (real threads: asymmetric_fence.hpp; the simulator: nothing under
// sc, which runs one step at a time in a single order, and a seq_cst fence
// under c11: docs/memory-model.md).
enum class Fence : std::uint8_t {
  protect,  // (H2): between a hazard store and the re-load, every operation
  scan,     // (H4): after the unlink, before reading the hazards, once a scan
};

// Every labelled action of the algorithm (vector.hpp, hazard_domain.hpp).
// Its text and target are in kActions below, in this order.
enum class Action : std::uint8_t {
  unlabelled,
  construct,
  load_descriptor,
  reload_descriptor,
  descriptor_unchanged,
  swap_descriptor,
  load_pending,
  clear_pending,
  free_pending,
  read_size,
  carries_write,
  holds_write,
  write_grows,
  read_write_descriptor,
  free_write_descriptor,
  read_write_slot,
  read_write_old,
  read_write_new,
  its_write_done,
  write_done,
  mark_write_done,
  perform_write,
  read_element,
  read_last_element,
  read_old_value,
  store_element,
  load_bucket,
  install_bucket,
  publish_hazard,
  clear_hazard,
  scan_hazard,
  free_object,     // the simulator's own step for a free
  reclaim_object,  // and for a reclamation by the hazard domain
  count_  // not an action: the number of them
};

struct ActionInfo {
  Action action;
  Target target;
  std::string_view text;  // what the Threads window, the log and the narration say
};

inline constexpr std::array<ActionInfo, std::size_t(Action::count_)> kActions{{
    {Action::unlabelled, Target::field, ""},
    {Action::construct, Target::descriptor, "construct"},
    {Action::load_descriptor, Target::descriptor, "load the current descriptor"},
    {Action::reload_descriptor, Target::descriptor, "re-load the current descriptor"},
    {Action::descriptor_unchanged, Target::descriptor, "is the descriptor unchanged?"},
    {Action::swap_descriptor, Target::descriptor, "swap in the new descriptor"},
    {Action::load_pending, Target::pending, "load its pending write"},
    {Action::clear_pending, Target::pending, "clear the pending write"},
    {Action::free_pending, Target::pending, "free: its pending write"},
    {Action::read_size, Target::field, "read the descriptor's size"},
    {Action::carries_write, Target::field, "does it carry a write?"},
    {Action::holds_write, Target::field, "does it hold a write?"},
    {Action::write_grows, Target::field, "does its write grow the vector?"},
    {Action::read_write_descriptor, Target::field, "read its write descriptor"},
    {Action::free_write_descriptor, Target::field, "free: its write descriptor"},
    {Action::read_write_slot, Target::field, "read the write's slot"},
    {Action::read_write_old, Target::field, "read the write's old value"},
    {Action::read_write_new, Target::field, "read the write's new value"},
    {Action::its_write_done, Target::done, "is its write done?"},
    {Action::write_done, Target::done, "is the write done?"},
    {Action::mark_write_done, Target::done, "mark the write done"},
    {Action::perform_write, Target::slot, "perform the write (slot CAS)"},
    {Action::read_element, Target::slot, "read the element"},
    {Action::read_last_element, Target::slot, "read the last element"},
    {Action::read_old_value, Target::slot, "read the slot's old value"},
    {Action::store_element, Target::slot, "store the element"},
    {Action::load_bucket, Target::bucket, "load the bucket pointer"},
    {Action::install_bucket, Target::bucket, "install the new bucket"},
    {Action::publish_hazard, Target::hazard, "publish hazard pointer"},
    {Action::clear_hazard, Target::hazard, "clear hazard pointer"},
    {Action::scan_hazard, Target::hazard, "scan: read hazard pointer"},
    {Action::free_object, Target::field, "free"},
    {Action::reclaim_object, Target::field, "reclaim"},
}};

constexpr const ActionInfo& info(Action a) { return kActions[std::size_t(a)]; }
constexpr std::string_view text(Action a) { return info(a).text; }
constexpr Target target_of(Action a) { return info(a).target; }

// The numbered memory-order choices of the code, as its comments number
// them ("// (V4) acq_rel: pairs with (V1)"); the legends at the top of
// vector.hpp and hazard_domain.hpp say what each pairs with. A Site carries
// its tag, so an environment can look the order up by it (the real one
// ignores it). `none`: an access that makes no numbered choice (a plain
// field, the relaxed guess before a hazard-protected load).
enum class Order : std::uint8_t {
  none,
  V1, V2, V3, V4, V5, V6,
  W1, W2, W3, W4,
  B1, B2,
  H1, H2, H3, H4, H5, H6,
  count_
};

inline constexpr std::array<std::string_view, std::size_t(Order::count_)> kOrderNames{
    "", "V1", "V2", "V3", "V4", "V5", "V6", "W1", "W2", "W3", "W4", "B1", "B2", "H1", "H2", "H3", "H4", "H5", "H6"};
constexpr std::string_view name(Order o) { return kOrderNames[std::size_t(o)]; }

// The plain and atomic fields of the heap objects (records.hpp), as the
// simulator's snapshots list them; name() is how the Memory window labels them.
enum class Field : std::uint8_t { size, pending, write, has_write, grows, location, old_word, new_word, done, count_ };
inline constexpr std::array<std::string_view, std::size_t(Field::count_)> kFieldNames{
    "size", "pending", "write", "has_write", "grows", "location", "old", "new", "done"};
constexpr std::string_view name(Field f) { return kFieldNames[std::size_t(f)]; }

struct Site {
  Action action = Action::unlabelled;
  Order order = Order::none;
  Shown shown = Shown::as_is;
  constexpr Target target() const { return target_of(action); }
};

// The table is in the enum's order (checked where it is defined).
constexpr bool actions_in_order() {
  for (std::size_t i = 0; i < kActions.size(); ++i)
    if (std::size_t(kActions[i].action) != i) return false;
  return true;
}
static_assert(actions_in_order(), "kActions must list the actions in the enum's order");

}  // namespace lfv

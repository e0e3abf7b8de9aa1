// Each thread's view of memory under the c11 model: for every atomic
// location the run has touched, the store the thread has seen (the oldest
// it may still read) and the newer ones it has not seen yet. The app's
// Views window and the Memory window's stale values draw from it; under sc
// it is empty (every thread sees the latest store).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lfv/site.hpp"
#include "lfv/sim/log.hpp"

namespace lfv::sim {

class SimContext;

// One store of a location's modification order.
struct StoreView {
  std::string value;              // as the log shows it: "D2", "true", "2 #1"
  std::uint32_t step = kNoStep;   // the step that stored it; kNoStep: set up before the run
  int thread = -1;                // the storing thread; -1: setup (or outside the threads)
  std::string by;                 // its name, "setup" for -1
  // The location's first entry: what the memory held at its first atomic
  // access. For an object a thread built, its value as built (`thread`
  // and `step`: the builder and the allocation's step).
  bool initial = false;
};

struct LocationView {
  ObjectId object = kNoObject;  // the object holding the word
  std::uint32_t offset = 0;     // of the word in it
  Target target = Target::field;
  std::int64_t element = -1;    // a slot: its element index
  std::string name;             // "vector.descriptor", "D2.done", "[1] in B0", "A.hazard[0]"
  StoreView latest;             // the last store of its modification order
  StoreView seen;               // the oldest store the thread may still read
  std::vector<StoreView> unseen;  // the stores after `seen`, oldest first (the last is `latest`)
  bool stale() const { return !unseen.empty(); }
};

// A logged value as a person reads it (Run::format_value): pointers come
// as TrackedHeap::pointer_value gives them.
using ValueFormat = std::function<std::string(ValueKind, std::uint64_t)>;

// Thread t's view of every atomic location a step of the run acted on, in
// the order the run first touched them. Empty under sc.
std::vector<LocationView> thread_view(const SimContext& ctx, unsigned t, const ValueFormat& format);

// "B sees vector.descriptor = D1 (setup); not yet: D2 (A, step 7)", or
// "B sees D2.done = true (A, step 9), the latest".
std::string view_text(const std::string& thread, const LocationView& l);
// "D2 (A, step 7)", "D1 (setup)", "false (as built by A, step 8)".
std::string store_text(const StoreView& s);

}  // namespace lfv::sim

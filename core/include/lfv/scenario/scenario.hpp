// A scenario: the vector's variant and starting contents, the threads and
// their operations, an optional script for playback with narration, and an
// optional [expect] block. Loaded from TOML; docs/scenario-format.md is the
// contract.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lfv/failure.hpp"
#include "lfv/scenario/op_result.hpp"
#include "lfv/sim/memory_model.hpp"
#include "lfv/sim/weakening.hpp"
#include "lfv/site.hpp"
#include "lfv/variant.hpp"

namespace lfv::scenario {

// What a scenario may hold (docs/scenario-format.md, "Limits"). The loader
// refuses anything beyond them with a position, so an accepted file never
// exhausts memory, outruns the renderer or hangs a reader.
namespace limits {
inline constexpr std::size_t kFileBytes = 1 << 20;  // a whole file: 1 MiB
inline constexpr std::size_t kTitleBytes = 200;
inline constexpr std::size_t kAboutBytes = 4000;  // with `say`: far below ImGui's 16-bit vertex index per text
inline constexpr std::size_t kSayBytes = 2000;
inline constexpr std::size_t kNameBytes = 32;  // a thread's name
// Elements a vector may reserve (`reserve` in [vector] or the op): its
// buckets then take at most 1 MiB (131,064 slots of 8 bytes).
inline constexpr std::uint64_t kReserve = 65536;
inline constexpr std::size_t kInitial = 1024;  // values in `initial`
inline constexpr std::size_t kOpsPerThread = 1000;
inline constexpr std::size_t kScriptSteps = 5000;  // as many as an explored execution has steps
inline constexpr std::uint32_t kReadBack = 1000;  // a script step's `read` (and a schedule's "B~N")
}  // namespace limits

// 1-based line and column in a scenario file.
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;
};

// A bad-input message: "file:line:col: message".
struct ScenarioError {
  SourcePos where;
  std::string message;
  std::string text() const;
};

enum class OpKind { push, pop, size, read, write, reserve };

// One operation of a thread's program, as written: "push 3", "pop",
// "size", "read 2", "write 1 5", "reserve 16".
struct Op {
  OpKind kind = OpKind::pop;
  std::uint64_t arg0 = 0;  // push: value; read/write: index; reserve: n
  std::uint64_t arg1 = 0;  // write: value
  std::string text() const;
  friend bool operator==(const Op&, const Op&) = default;
};

// Parses "push 3" etc. Values must fit in 32 bits (the simulator runs
// every variant on 32-bit elements). On failure returns nullopt and sets *why.
std::optional<Op> parse_op(std::string_view text, std::string* why);

// What a simulated thread does in one step, or a heap event inside a step.
enum class ActionKind { load, store, cas, swap, read, alloc, retire, reclaim, free, protect };
std::string_view name(ActionKind k);
std::optional<ActionKind> parse_action_kind(std::string_view s);

// Names of the `until` targets: descriptor, pending, slot, bucket, hazard, done.
std::string_view target_name(Target t);
std::optional<Target> parse_target(std::string_view s);

// Where a script step stops its thread.
struct Until {
  enum class Mode {
    op_end,          // "op-end": through the end of the thread's current operation
    end,             // "end": through the end of the thread's program
    through_action,  // "KIND TARGET": through the thread's next such action
    before_action,   // "before KIND TARGET": just before it
    steps,           // steps = N
  };
  Mode mode = Mode::op_end;
  ActionKind kind = ActionKind::load;
  Target target = Target::descriptor;
  unsigned steps = 0;
  std::string text() const;  // as written in a file
};

struct ScriptStep {
  unsigned thread = 0;  // index into Scenario::threads
  Until until;
  // Under c11, with steps = 1: the step's load reads the store this many
  // back from the latest (0: the latest), as a schedule's "B~N" does.
  std::uint32_t read = 0;
  std::optional<std::string> say;  // narration from this step on
  bool pause = true;               // a stop point for the presenter's "next"; false: run on into the next step
  SourcePos where;                 // the [[script]] table
};

// The [expect] block; each entry remembers where it was written.
struct Expect {
  template <class T>
  struct Entry {
    T value;
    SourcePos where;
  };
  // By thread name: one result per operation, in program order.
  std::optional<Entry<std::map<std::string, std::vector<OpResult>>>> results;
  std::optional<Entry<std::vector<std::uint64_t>>> contents;
  std::optional<Entry<FailureKind>> failure;
  std::optional<Entry<std::uint64_t>> leaked;
  bool empty() const { return !results && !contents && !failure && !leaked; }
};

struct ThreadSpec {
  std::string name;
  std::vector<Op> ops;
  SourcePos where;
};

struct Scenario {
  std::string path;  // as given, for messages
  std::string title;
  std::string about;
  Completion completion = Completion::versioned;
  Reclaim reclaim = Reclaim::hazard;
  std::vector<std::uint64_t> initial;
  std::optional<std::uint64_t> reserve;
  unsigned scan_threshold = 1;
  std::vector<ThreadSpec> threads;
  std::vector<ScriptStep> script;
  Expect expect;
  // `memory_model = "c11"` at the top of the file, and its [orders] table
  // of weakened numbered orders (c11 only). The flags --memory-model and
  // --weaken override the model and add to the orders (run.hpp's memory_options).
  sim::MemoryModel memory_model = sim::MemoryModel::sc;
  sim::Weakening orders;

  // The index of the thread called `name`, if any.
  std::optional<unsigned> thread_index(std::string_view name) const;
};

using LoadResult = std::variant<Scenario, ScenarioError>;

// Parses a scenario from TOML text; `path` names it in messages.
LoadResult parse_scenario(std::string_view text, std::string_view path);
// Reads and parses a file. A missing or unreadable file is an error at 1:1.
LoadResult load_scenario(const std::filesystem::path& file);

// Checks what depends on the variant (which may differ from the file's when
// a flag overrides it): e.g. `until = "swap pending"` is impossible under
// paper, `retire` and `protect` under leak, `store done` under book.
std::optional<ScenarioError> check_variant(const Scenario& s, Completion c, Reclaim r);

}  // namespace lfv::scenario

// docs/memory-orders.md as data: what `lfvlab verify-orders` found for each
// numbered order weakened one step, written as the document's tables and
// read back from them (--check compares verdicts, and replays the
// counterexamples the committed document lists). No searching here: the
// command (verify_orders_command.cpp) fills the rows.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lfv/failure.hpp"
#include "lfv/site.hpp"
#include "lfv/variant.hpp"

namespace lfv::app {

// What weakening one order one step showed.
enum class OrderVerdict : std::uint8_t {
  needed,          // a unit fails with it weakened
  not_needed,      // no unit fails (within the bounds the row states)
  out_of_scope,    // the variant searched never runs this tag
  carried,         // no access of its own (H3: the load it stands for carries the tag)
  declared_fails,  // the declared orders already fail in the units that reach it
  count_
};

// The variants verify-orders searches: the two correct ones (the document
// says why), the repaired design first.
struct SearchedVariant {
  Completion completion;
  Reclaim reclaim;
};
inline constexpr SearchedVariant kOrderVariants[] = {{Completion::versioned, Reclaim::hazard},
                                                     {Completion::versioned, Reclaim::leak}};
std::string variant_text(Completion c, Reclaim r);  // "versioned + hazard"

// One scenario's search under the declared orders.
struct BaselineRow {
  Completion completion = Completion::versioned;
  Reclaim reclaim = Reclaim::hazard;
  std::string unit;  // file name, "09-hazard-pointers.toml"
  std::optional<FailureKind> failure;
  std::string search;  // explore::coverage_brief
  std::uint64_t executions = 0;
  double seconds = 0;
};

struct OrderRow {
  Completion completion = Completion::versioned;  // the variant searched
  Reclaim reclaim = Reclaim::hazard;
  Order tag = Order::none;
  std::string access;    // "load", "RMW", ...
  std::string declared;  // "acq_rel (failure relaxed)"
  std::string weakened;  // the same for the step, "-" when none was searched
  std::string weaken;    // the --weaken argument, "V4=acquire"; empty when none
  OrderVerdict verdict = OrderVerdict::not_needed;
  // needed: the first unit (in file order) that fails, its kind, the
  // counterexample's schedule (play --schedule text) and how it was found.
  std::string unit;
  FailureKind kind = FailureKind::none;
  std::string schedule;
  std::string message;  // the failure's own words
  // The counterexample saved as a scenario file, in the folder beside the
  // document (docs/memory-orders/): "V4-relaxed-hazard.toml".
  std::string file;
  // What was searched: "found at preemption bound 1 (52 executions)", or
  // for not_needed which units reach the tag and how far each was covered.
  std::string search;
  double seconds = 0;
};

// How the searches were bounded; written into the document's header.
struct OrderBounds {
  unsigned preemptions = 2;
  std::uint64_t budget = 10'000;
};

std::string verdict_text(const OrderRow& r);

// The whole document. `folder`: the name of the folder of saved
// counterexamples, beside the document ("memory-orders"); `left_out`: the
// units not searched (their files weaken an order themselves).
std::string orders_document(const std::vector<BaselineRow>& baseline, const std::vector<OrderRow>& rows,
                            const OrderBounds& bounds, const std::string& library, const std::string& folder,
                            const std::vector<std::string>& left_out = {});

// A row's counterexample file name: "V4=relaxed" under hazard -> "V4-relaxed-hazard.toml".
std::string counterexample_file_name(const std::string& weaken, Reclaim r);

// A counterexample listed in a document: what --check replays.
struct ListedCounterexample {
  Completion completion = Completion::versioned;
  Reclaim reclaim = Reclaim::hazard;
  std::string weaken;  // "V4=relaxed"
  std::string unit;
  FailureKind kind = FailureKind::none;
  std::string schedule;
  std::string file;  // saved as, in the folder beside the document; empty when none is listed
};

// What a document says, read back: each weakening table row's verdict
// cell by its "variant TAG weakened-to" key, and its counterexamples.
struct ParsedOrders {
  std::vector<std::pair<std::string, std::string>> verdicts;  // key, verdict cell
  std::vector<ListedCounterexample> counterexamples;
};
ParsedOrders parse_orders_document(const std::string& text);

// The verdicts that differ between a committed document and a generated
// one, each said in a line ("V4 relaxed: was ..., now ..."); empty when
// they agree.
std::vector<std::string> verdict_differences(const ParsedOrders& committed, const ParsedOrders& generated);

// The document with every "N.NN s" cell blanked: what --check compares.
std::string without_seconds(const std::string& doc);

}  // namespace lfv::app

// Steps and logs as text: one line per step for the CLI's thread columns and
// the GUI, and the event log as JSON.
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "lfv/sim/run.hpp"

namespace lfv::sim {

// "CAS descriptor D0 -> D1: failed, found D2", "load [3]: 7 #1".
std::string describe_action(const Run& run, const StepEvent& e);
// The heap events a step caused: "alloc D1, retire D0".
std::string describe_heap_events(const Run& run, const StepEvent& e);
// A source location relative to the repository ("core/include/lfv/vector.hpp:123").
std::string short_location(const std::source_location& where);

// JSON as text, indented by 2; bytes that are not UTF-8 are replaced
// (U+FFFD) rather than thrown on.
std::string json_text(const nlohmann::json& j);

// The event log as JSON: steps, operations, failure, contents, schedule.
nlohmann::json log_json(const Run& run);
void write_log_json(const Run& run, std::ostream& out);

}  // namespace lfv::sim

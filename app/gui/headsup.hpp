// What presenter mode's heads-up line says, built from the session alone
// (no ImGui), so --dump-state and the tests read the same words the
// projector shows.
#pragma once

#include <ostream>
#include <string>

#include "session.hpp"

namespace lfv::gui {

struct HeadsUp {
  std::string title;
  std::string variant;    // "book + hazard"
  std::string defect;     // known_defect's words; empty for a correct variant
  std::string weakened;   // c11: "V1=relaxed" while any order is weakened (Orders window, [orders], --weaken)
  std::string position;   // "step 14 of 29"
  std::string script;     // "script step 2 of 4", "off the script: round-robin", ...
  std::string event;      // "A: CAS descriptor D0 -> D2: FAILED, found D2"
  unsigned event_thread = 0;
  bool event_failed = false;  // the last step was a CAS that failed
  std::string verdict;    // "non-linearizable: ...", "no failure in 120 executions (complete)"
  bool verdict_is_failure = false;
};

HeadsUp heads_up(const Session& s);
// One "headsup KEY=VALUE" line each, for --dump-state.
void dump(const HeadsUp& h, std::ostream& out);

}  // namespace lfv::gui

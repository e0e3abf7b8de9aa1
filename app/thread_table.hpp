// The Lincheck-style table `play`, `explore` and `check` print: one column
// per thread, one row per step, with operation starts and results.
#pragma once

#include <iosfwd>

#include <vector>

#include "lfv/sim/drive.hpp"
#include "lfv/sim/run.hpp"

namespace lfv::app {

// Plain-field reads are hidden unless show_reads (a count says how many),
// except a read that failed or caused heap events.
// Script steps' narration (`say`) is printed across the table where each
// step began, marked "||" when it is a pause point.
void print_thread_table(const sim::Run& run, bool show_reads, std::ostream& out,
                        const std::vector<sim::ScriptMark>& marks = {});

}  // namespace lfv::app

#include "thread_table.hpp"

#include <ostream>

#include "lfv/sim/describe.hpp"

namespace lfv::app {
namespace {

using sim::StepEvent;

std::string fit(std::string s, std::size_t width) {
  if (s.size() > width) s = s.substr(0, width - 3) + "...";
  return s + std::string(width - s.size(), ' ');
}

// One row of the thread-column table: text in thread t's column.
void row(std::ostream& out, const std::string& step, unsigned t, unsigned threads, std::size_t width,
         const std::string& text) {
  out << fit(step, 5) << " |";
  for (unsigned c = 0; c < threads; ++c) out << ' ' << fit(c == t ? text : "", width) << (c + 1 < threads ? " |" : "");
  out << '\n';
}

}  // namespace

void print_thread_table(const sim::Run& run, bool show_reads, std::ostream& out,
                        const std::vector<sim::ScriptMark>& marks) {
  const unsigned n = run.thread_count();
  const std::size_t width = n <= 2 ? 50 : n == 3 ? 40 : 32;
  out << fit("step", 5) << " |";
  for (unsigned t = 0; t < n; ++t) out << ' ' << fit(run.thread_name(t), width) << (t + 1 < n ? " |" : "");
  out << '\n' << std::string(6, '-');
  for (unsigned t = 0; t < n; ++t) out << '+' << std::string(width + 2, '-');
  out << '\n';

  const sim::Log& log = run.log();
  std::vector<int> printed_op(n, -1);
  std::size_t hidden = 0;
  std::size_t next_mark = 0;
  for (const StepEvent& e : log.steps) {
    for (; next_mark < marks.size() && marks[next_mark].step <= e.index; ++next_mark) {
      const scenario::ScriptStep& st = run.scenario().script[marks[next_mark].script_index];
      if (!st.say) continue;
      out << (st.pause ? "   || " : "   -- ") << *st.say << '\n';
    }
    if (int(e.op) != printed_op[e.thread]) {
      printed_op[e.thread] = e.op;
      row(out, "", e.thread, n, width, "> " + run.scenario().threads[e.thread].ops[e.op].text());
    }
    const bool is_failure = log.failure && log.failure->step == e.index;
    if (e.kind == sim::ActionKind::read && !show_reads && !is_failure && e.heap_end == e.heap_begin) {
      ++hidden;
    } else {
      row(out, std::to_string(e.index), e.thread, n, width, sim::describe_action(run, e));
      if (const std::string heap = sim::describe_heap_events(run, e); !heap.empty())
        row(out, "", e.thread, n, width, "  then " + heap);
    }
    if (is_failure) row(out, "", e.thread, n, width, "!! " + std::string(name(log.failure->kind)));
    for (const sim::OpRecord& r : log.ops)
      if (r.thread == e.thread && r.returned == e.index) row(out, "", e.thread, n, width, "= " + r.result.text());
  }
  if (hidden)
    out << "(" << hidden << " plain-field reads hidden; --reads shows them)\n";
}

}  // namespace lfv::app

#include "lfv/sim/drive.hpp"

#include <cctype>
#include <charconv>

namespace lfv::sim {

using scenario::Until;

std::optional<std::vector<unsigned>> parse_schedule(std::string_view text, const scenario::Scenario& s,
                                                    std::string* why) {
  std::vector<unsigned> out;
  std::size_t i = 0, token = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i == text.size()) break;
    std::size_t end = i;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    const std::string_view tok = text.substr(i, end - i);
    ++token;
    i = end;
    const std::size_t star = tok.find('*');
    std::string_view thread = tok.substr(0, star);
    // "B~1": under c11, B's load reads the store one back from the latest.
    std::uint32_t read = 0;
    if (const std::size_t tilde = thread.find('~'); tilde != std::string_view::npos) {
      const std::string_view n = thread.substr(tilde + 1);
      auto [p, ec] = std::from_chars(n.data(), n.data() + n.size(), read);
      if (ec != std::errc() || p != n.data() + n.size() || read == 0 || read > kMaxReadChoice) {
        *why = "token " + std::to_string(token) + " \"" + std::string(tok) +
               "\": the read after '~' must be a whole number from 1 to " + std::to_string(kMaxReadChoice) +
               " (stores back from the latest)";
        return std::nullopt;
      }
      thread = thread.substr(0, tilde);
    }
    unsigned count = 1;
    if (star != std::string_view::npos) {
      const std::string_view n = tok.substr(star + 1);
      auto [p, ec] = std::from_chars(n.data(), n.data() + n.size(), count);
      if (ec != std::errc() || p != n.data() + n.size() || count == 0 || count > 1'000'000) {
        *why = "token " + std::to_string(token) + " \"" + std::string(tok) +
               "\": the count after '*' must be a whole number from 1 to 1000000";
        return std::nullopt;
      }
    }
    const auto t = s.thread_index(thread);
    if (!t) {
      *why = "token " + std::to_string(token) + " \"" + std::string(tok) + "\": no thread is called \"" +
             std::string(thread) + "\"";
      return std::nullopt;
    }
    // A cap on the whole, not only per token: choices past the step limit
    // are never played, and 20 KB of "A*1000000" would take gigabytes.
    if (out.size() + count > kMaxScheduleChoices) {
      *why = "token " + std::to_string(token) + " \"" + std::string(tok) + "\": the schedule asks for more than " +
             std::to_string(kMaxScheduleChoices) + " steps in all (the limit)";
      return std::nullopt;
    }
    out.insert(out.end(), count, choice_of(*t, read));
  }
  if (out.empty()) {
    *why = "the schedule is empty; write thread names, e.g. \"A*3 B A\"";
    return std::nullopt;
  }
  return out;
}

std::string format_schedule(const std::vector<unsigned>& choices, const Run& run) {
  std::string out;
  for (std::size_t i = 0; i < choices.size();) {
    std::size_t j = i;
    while (j < choices.size() && choices[j] == choices[i]) ++j;
    if (!out.empty()) out += ' ';
    out += run.thread_name(thread_of(choices[i]));
    // Under c11, a load that reads an older store: "B~1", one store back.
    if (read_of(choices[i]) > 0) out += "~" + std::to_string(read_of(choices[i]));
    if (j - i > 1) out += "*" + std::to_string(j - i);
    i = j;
  }
  return out;
}

namespace {

// What thread t's next action may read, for a read choice it cannot make:
// "may read only the latest store", "... 2 older store(s) at most"; a CAS
// says what its choices are, a spurious failure included.
std::string may_read(const Run& run, unsigned t, bool script) {
  const std::uint32_t n = run.read_choices(t);
  const PendingAction* a = run.next_action(t);
  const bool cas = a && a->kind == ActionKind::cas;
  const bool spurious = cas && n > 1 && run.read_choice(t, n - 1).spurious;
  const std::uint32_t older = n - 1 - (spurious ? 1 : 0);
  std::string out = run.thread_name(t) + "'s next action" + (cas ? " (a CAS)" : "") + " may read ";
  out += older == 0 ? std::string("only the latest store")
                    : std::to_string(older) + " older store(s) at most" + (cas ? " (~1 to ~" + std::to_string(older) + ", failing)" : "");
  if (spurious) out += ", or fail spuriously (~" + std::to_string(n - 1) + ")";
  if (run.memory_model() == MemoryModel::sc)
    out += script ? " (the run is under sc: every load and CAS reads the latest)"
                  : " (under sc every load and CAS reads the latest: --memory-model c11)";
  return out;
}

bool heap_kind_matches(HeapKind k, Target target) {
  switch (target) {
    case Target::descriptor: return k == HeapKind::descriptor;
    case Target::pending: return k == HeapKind::write_descriptor;
    case Target::bucket: return k == HeapKind::bucket;
    default: return false;
  }
}

bool is_heap_event(scenario::ActionKind k) {
  using scenario::ActionKind;
  return k == ActionKind::alloc || k == ActionKind::retire || k == ActionKind::reclaim || k == ActionKind::free ||
         k == ActionKind::protect;
}

}  // namespace

bool step_matches(const Run& run, const StepEvent& e, const Until& u) {
  if (!is_heap_event(u.kind)) return e.kind == u.kind && e.target == u.target;
  const Log& log = run.log();
  for (std::uint32_t h = e.heap_begin; h < e.heap_end; ++h)
    if (log.heap[h].kind == u.kind && heap_kind_matches(run.object_kind(log.heap[h].object), u.target)) return true;
  return false;
}

bool next_action_matches(const Run& run, unsigned t, const Until& u) {
  const PendingAction* a = run.next_action(t);
  return a && !is_heap_event(u.kind) && a->kind == u.kind && a->target == u.target;
}

std::optional<scenario::ScenarioError> play_script_step(Run& run, std::size_t index) {
  const scenario::ScriptStep& st = run.scenario().script.at(index);
  const unsigned t = st.thread;
  const std::string& name = run.thread_name(t);
  auto cannot = [&](const std::string& why) {
    return scenario::ScenarioError{st.where, "script step " + std::to_string(index + 1) + " (thread " + name +
                                                 ", until \"" + st.until.text() + "\"): " + why};
  };
  auto blocked = [&]() -> std::optional<scenario::ScenarioError> {
    if (run.stopped()) return std::nullopt;  // a failure stopped the run: not bad input
    return cannot(run.thread_finished(t) ? name + " finished before reaching it" : name + " cannot move");
  };
  switch (st.until.mode) {
    case Until::Mode::steps:
      // `read = N` (steps = 1): the load reads the store N back from the latest.
      if (st.read > 0 && run.runnable(t) && st.read >= run.read_choices(t))
        return cannot("read = " + std::to_string(st.read) + ": " + may_read(run, t, true));
      for (unsigned i = 0; i < st.until.steps; ++i)
        if (!run.step(choice_of(t, st.read))) return blocked();
      return std::nullopt;
    case Until::Mode::end:
      while (!run.thread_finished(t))
        if (!run.step(t)) return blocked();
      return std::nullopt;
    case Until::Mode::op_end: {
      if (run.thread_finished(t)) return blocked();
      const int op = run.current_op(t);
      while (!run.thread_finished(t) && run.current_op(t) == op)
        if (!run.step(t)) return blocked();
      return std::nullopt;
    }
    case Until::Mode::through_action:
      for (;;) {
        if (!run.step(t)) return blocked();
        if (step_matches(run, run.log().steps.back(), st.until)) return std::nullopt;
      }
    case Until::Mode::before_action:
      if (is_heap_event(st.until.kind))
        return cannot("a heap event cannot be stopped before; use it without \"before\"");
      while (!next_action_matches(run, t, st.until))
        if (!run.step(t)) return blocked();
      return std::nullopt;
  }
  return std::nullopt;
}

void run_round_robin(Run& run, std::size_t max_steps) {
  const unsigned n = run.thread_count();
  unsigned t = 0;
  std::size_t taken = 0, idle = 0;
  while (!run.finished() && taken < max_steps && idle < n) {
    if (run.step(t)) {
      ++taken;
      idle = 0;
    } else {
      ++idle;
    }
    t = (t + 1) % n;
  }
}

std::optional<scenario::ScenarioError> play(Run& run, const std::optional<std::vector<unsigned>>& schedule,
                                            std::vector<ScriptMark>* marks) {
  if (schedule) {
    // A choice of a thread that has finished is skipped, so "A*99" runs A out.
    for (std::size_t k = 0; k < schedule->size(); ++k) {
      const unsigned c = (*schedule)[k];
      if (run.finished()) break;
      // A read that the load cannot make is bad input, not a skip.
      if (read_of(c) > 0 && run.runnable(thread_of(c)) && read_of(c) >= run.read_choices(thread_of(c)))
        return scenario::ScenarioError{
            {}, "--schedule: choice " + std::to_string(k + 1) + " (" + run.thread_name(thread_of(c)) + "~" +
                    std::to_string(read_of(c)) + "): " + may_read(run, thread_of(c), false)};
      run.step(c);
    }
  } else {
    // Every step is played, even once all threads are done: a step that can
    // no longer be reached is bad input, as it is while others still run.
    // Only a failure that stopped the run ends the script early.
    for (std::size_t i = 0; i < run.scenario().script.size() && !run.stopped(); ++i) {
      if (marks) marks->push_back({std::uint32_t(run.log().steps.size()), i});
      if (auto err = play_script_step(run, i)) return err;
    }
  }
  run_round_robin(run);
  return std::nullopt;
}

}  // namespace lfv::sim

// Judging an execution, and turning a failing one into something a
// lecturer can show: its shape, narration at the key steps, and a
// replayable scenario file.
#include <algorithm>
#include <sstream>

#include "lfv/explore/explorer.hpp"
#include "lfv/scenario/toml_text.hpp"
#include "lfv/sim/describe.hpp"

namespace lfv::explore {

using scenario::ActionKind;
using sim::ObjectId;

check::CheckOptions checker_options(const sim::Run& run) {
  check::CheckOptions opts;
  opts.initial = run.scenario().initial;
  opts.final_contents = run.contents();
  for (unsigned t = 0; t < run.thread_count(); ++t) opts.thread_names.push_back(run.thread_name(t));
  opts.happens_before = run.memory_model() == sim::MemoryModel::c11;
  return opts;
}

Outcome judge(const sim::Run& run) {
  if (const auto& f = run.log().failure) return {f->kind, f->message};
  const auto history = check::history_from_log(run.log());
  const check::Verdict v = check::check_linearizable(history, checker_options(run));
  if (v.linearizable) return {};
  return {FailureKind::non_linearizable, v.explanation};
}

ScheduleShape shape_of(const scenario::Scenario& s, Completion c, Reclaim r, const std::vector<unsigned>& schedule,
                       sim::RunOptions ro) {
  ScheduleShape sh;
  ro.step_limit = std::uint32_t(schedule.size() + 1);
  auto run = sim::start_run(s, c, r, ro);
  int last = -1;
  for (unsigned choice : schedule) {
    const unsigned t = sim::thread_of(choice);
    if (last >= 0 && int(t) != last) {
      ++sh.context_switches;
      if (run->runnable(unsigned(last))) ++sh.preemptions;
    }
    run->step(choice);
    last = int(t);
  }
  return sh;
}

namespace {

const sim::ObjectView* find(const sim::Snapshot& snap, sim::ObjectId id) {
  return id < snap.objects.size() ? &snap.objects[id] : nullptr;
}

const sim::FieldView* field(const sim::ObjectView* o, Field which) {
  if (!o) return nullptr;
  for (const auto& f : o->fields)
    if (f.field == which) return &f;
  return nullptr;
}

// The value at element `index` in a snapshot's buckets, as text (as a
// word field's text is formatted).
std::string slot_text(const sim::Snapshot& snap, std::int64_t index) {
  for (const auto& b : snap.vector.buckets)
    for (const auto& sl : b.slots)
      if (std::int64_t(sl.index) == index) return sl.text;
  return "?";
}

// A wrong result comes from a read of state another thread changes later:
// in each run of one thread that says nothing yet, name its last such read
// ("B's size: load D2.done: false; A changes it at step 15"), which the
// run's step count alone would hide.
void name_stale_reads(const scenario::Scenario& s, const sim::Run& run, const std::vector<unsigned>& schedule,
                      std::vector<Narration>& out) {
  const auto& steps = run.log().steps;
  const std::size_t n = std::min(schedule.size(), steps.size());
  std::vector<Narration> added;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && sim::thread_of(schedule[j]) == sim::thread_of(schedule[i])) ++j;
    const bool said = std::any_of(out.begin(), out.end(), [&](const Narration& x) { return x.step >= i && x.step < j; });
    for (std::size_t k = j; !said && k-- > i;) {
      const sim::StepEvent& e = steps[k];
      if (e.kind != ActionKind::load && e.kind != ActionKind::read) continue;
      const sim::Access a = sim::access_of(e);
      std::size_t m = j;
      while (m < n && !(steps[m].thread != e.thread && sim::access_of(steps[m]).write &&
                        dependent(a, sim::access_of(steps[m]))))
        ++m;
      if (m == n) continue;
      const std::string& who = run.thread_name(e.thread);
      added.push_back({e.index, who + "'s " + s.threads[e.thread].ops[e.op].text() + ": " +
                                    sim::describe_action(run, e) + "; " + run.thread_name(steps[m].thread) +
                                    " changes it at step " + std::to_string(steps[m].index) + ", after " + who +
                                    " has read it."});
      break;
    }
    i = j;
  }
  out.insert(out.end(), added.begin(), added.end());
  std::stable_sort(out.begin(), out.end(), [](const Narration& a, const Narration& b) { return a.step < b.step; });
}

}  // namespace

std::vector<Narration> narrate(const scenario::Scenario& s, Completion c, Reclaim r, const Counterexample& cx,
                               sim::RunOptions ro) {
  std::vector<Narration> out;
  ro.step_limit = std::uint32_t(cx.schedule.size() + 1);
  auto run = sim::start_run(s, c, r, ro);
  for (std::uint32_t k = 0; k < cx.schedule.size(); ++k) {
    const unsigned t = sim::thread_of(cx.schedule[k]);
    const std::string& who = run->thread_name(t);
    const sim::PendingAction* a = run->next_action(t);
    if (!a) break;
    std::string before;  // said from the state before the step
    const bool clears = (a->kind == ActionKind::store || a->kind == ActionKind::swap) && a->target == Target::pending;
    const bool slot_cas = a->kind == ActionKind::cas && a->target == Target::slot;
    std::optional<sim::Snapshot> snap;
    if (clears || slot_cas) snap = run->snapshot();
    if (slot_cas && snap->threads[t].completing != sim::kNoObject) {
      const sim::ObjectView* w = find(*snap, snap->threads[t].completing);
      const sim::FieldView* done = field(w, Field::done);
      if (done && done->value != 0)
        before = who + "'s stale CAS performs " + w->name + "'s write again, although it is done: ";
    }
    run->step(cx.schedule[k]);
    const sim::StepEvent& e = run->log().steps.back();
    std::string text;
    // Under c11: a load or failed CAS that reads an older store than the latest.
    if (e.spurious)
      text = who + " (" + std::string(lfv::text(e.action)) + "): its weak CAS fails spuriously, as C11 allows.";
    else if (e.read_from > 0)
      text = who + " (" + std::string(lfv::text(e.action)) + ") reads a stale value, " +
             run->format_value(e.value_kind, e.read) + ": " + std::to_string(e.read_from) +
             (e.read_from == 1 ? " store" : " stores") + " older than the latest" +
             (e.order != Order::none ? " (its order " + std::string(name(e.order)) + " did not make it see more)" : "") +
             ".";
    if (e.kind == ActionKind::cas && e.target == Target::descriptor) {
      if (e.success)
        text = who + " swaps in " + run->object_name(ObjectId(e.written)) + " for " +
               s.threads[t].ops[e.op].text() + ".";
      else if (e.spurious)  // c11: a weak CAS may fail although the values match
        text = who + "'s descriptor CAS fails spuriously (a weak CAS may): the descriptor is " +
               run->object_name(ObjectId(e.read)) + ", as expected.";
      else if (e.read_from > 0)
        text = who + "'s descriptor CAS fails reading a stale descriptor, " + run->object_name(ObjectId(e.read)) +
               ": " + std::to_string(e.read_from) + (e.read_from == 1 ? " store" : " stores") +
               " older than the latest.";
      else
        text = who + "'s descriptor CAS fails: the descriptor is " + run->object_name(ObjectId(e.read)) +
               " now, not " + run->object_name(ObjectId(e.expected)) + ".";
    } else if (slot_cas && e.success) {
      const std::string slot = "[" + std::to_string(e.element) + "] = " + run->format_value(e.value_kind, e.written);
      if (!before.empty()) text = before + slot + ".";
      else if (e.helping) text = who + " helps: it performs another thread's pending write, " + slot + ".";
      else text = who + " performs its own write: " + slot + ".";
    } else if (clears) {
      // Which descriptor's pending write is cleared, and was it performed?
      const sim::ObjectView* d = find(*snap, e.object);
      const sim::FieldView* p = field(d, Field::pending);
      const sim::ObjectView* w = p ? find(*snap, p->points_to) : nullptr;
      text = who + " clears the pending write of " + run->object_name(e.object) + (w ? " (" + w->name + ")" : "");
      const sim::FieldView* has = field(w, Field::has_write);
      const sim::FieldView* loc = field(w, Field::location);
      const sim::FieldView* nw = field(w, Field::new_word);
      if (has && has->value != 0 && loc && nw && slot_text(*snap, loc->element) != nw->text)
        text += ", which was never performed";
      text += d && d->id == snap->vector.descriptor ? "." : ", which is no longer current.";
    } else if (e.kind == ActionKind::free || e.kind == ActionKind::reclaim) {
      text = who + (e.kind == ActionKind::free ? " frees " : " reclaims ") + run->object_name(e.object) + ".";
    }
    if (run->log().failure && run->log().failure->step == e.index) text = run->log().failure->message + ".";
    for (const sim::OpRecord& op : run->log().ops) {
      if (op.thread != t || op.returned != e.index) continue;
      const bool value = op.op.kind == scenario::OpKind::pop || op.op.kind == scenario::OpKind::read;
      if (!value) continue;
      // Every operation begun so far, returned or not: a pop may return the
      // value of a push it helped, before that push returns.
      const bool nobody = check::never_pushed(op.op, op.result, check::history_from_log(run->log()), s.initial);
      text += (text.empty() ? "" : " ") + who + "'s " + op.op.text() + " returns " + op.result.text() +
              (nobody ? ", a value nobody pushed." : ".");
    }
    if (!text.empty()) out.push_back({e.index, text});
  }
  if (cx.kind == FailureKind::non_linearizable) name_stale_reads(s, *run, cx.schedule, out);
  if (cx.kind == FailureKind::non_linearizable && !cx.schedule.empty())
    out.push_back({std::uint32_t(cx.schedule.size() - 1), "Not linearizable: " + cx.message, true});
  return out;
}

using scenario::toml_multiline_text;
using scenario::toml_text;

namespace {

// A saved file must load again: its texts are cut to the loader's limits
// (at a UTF-8 boundary).
std::string fit(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t n = max - 3;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n) + "...";
}

}  // namespace

std::string counterexample_toml(const scenario::Scenario& s, Completion c, Reclaim r, const Counterexample& cx,
                                const sim::RunOptions& ro, std::string_view found_by) {
  std::ostringstream header;
  header << "Found by `" << found_by << "` in " << (s.path.empty() ? "a scenario" : s.path) << " under " << name(c) << " + "
         << name(r)
         << (ro.memory_model == sim::MemoryModel::c11
                 ? ", memory model c11" + (ro.weaken.any() ? " with " + ro.weaken.text() + " (deliberately broken)"
                                                           : std::string())
                 : std::string())
         << ":\n" << name(cx.kind) << ", " << cx.preemptions << " preemption(s), " << cx.context_switches
         << " context switch(es). Replay it with `lfvlab play` on this file.";
  return schedule_toml(s, c, r, cx.schedule, cx.narration, "Counterexample: " + s.title,
                       std::string(name(cx.kind)) + ": " + cx.message, header.str(), cx.kind, ro);
}

std::string schedule_toml(const scenario::Scenario& s, Completion c, Reclaim r, const std::vector<unsigned>& schedule,
                          const std::vector<Narration>& narration, const std::string& title, const std::string& about,
                          const std::string& header, std::optional<FailureKind> failure,
                          const sim::RunOptions& ro) {
  const bool c11 = ro.memory_model == sim::MemoryModel::c11;
  std::ostringstream o;
  std::istringstream lines(header);
  for (std::string line; std::getline(lines, line);) o << "# " << line << "\n";
  o << "title = " << toml_text(fit(title, scenario::limits::kTitleBytes)) << "\n";
  o << "about = " << toml_multiline_text(fit(about, scenario::limits::kAboutBytes)) << "\n";
  if (c11) o << "memory_model = \"c11\"\n";
  o << "\n[vector]\ncompletion = " << toml_text(name(c)) << "\nreclaim = " << toml_text(name(r)) << "\n";
  if (!s.initial.empty()) o << "initial = " << toml_text(s.initial) << "\n";
  if (s.reserve) o << "reserve = " << *s.reserve << "\n";
  o << "scan_threshold = " << s.scan_threshold << "\n";
  if (c11 && ro.weaken.any()) {
    o << "\n# Weakened numbered orders: deliberately broken.\n[orders]\n";
    for (std::size_t i = 0; i < ro.weaken.to.size(); ++i)
      if (ro.weaken.to[i]) o << name(Order(i)) << " = " << toml_text(sim::name(*ro.weaken.to[i])) << "\n";
  }
  for (const auto& t : s.threads) {
    std::vector<std::string> ops;
    for (const auto& op : t.ops) ops.push_back(op.text());
    o << "\n[[threads]]\nname = " << toml_text(t.name) << "\nops = " << toml_text(ops) << "\n";
  }
  // One script step per run of one thread, with what happens in it.
  std::uint32_t step = 0;
  for (std::size_t i = 0; i < schedule.size();) {
    std::size_t j = i;
    while (j < schedule.size() && schedule[j] == schedule[i]) ++j;
    // A step that reads an older store is a script step of its own (read =
    // N goes with steps = 1): a run of such equal choices is cut into ones.
    const std::uint32_t read = sim::read_of(schedule[i]);
    if (read) j = i + 1;
    const std::uint32_t first = step, last = step + std::uint32_t(j - i) - 1;
    std::string say;
    for (const Narration& n : narration)
      if (!n.verdict && n.step >= first && n.step <= last) say += (say.empty() ? "" : " ") + n.text;
    const std::string& thread = s.threads[sim::thread_of(schedule[i])].name;
    if (say.empty())
      say = read ? thread + " takes read choice ~" + std::to_string(read) +
                       " (a load: the store that many older than the latest; a CAS: a stale or spurious failure)."
                 : thread + " runs " + std::to_string(j - i) + " step" + (j - i > 1 ? "s." : ".");
    o << "\n[[script]]\nthread = " << toml_text(thread) << "\nsteps = " << (j - i)
      << (read ? "\nread = " + std::to_string(read) : std::string()) << "\nsay = " << toml_text(fit(say, scenario::limits::kSayBytes))
      << "\npause = true\n";
    step = last + 1;
    i = j;
  }
  if (failure) o << "\n[expect]\nfailure = " << toml_text(name(*failure)) << "\n";
  return o.str();
}

}  // namespace lfv::explore

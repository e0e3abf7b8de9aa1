#include "lfv/sim/describe.hpp"

#include <cstdio>
#include <ostream>

#include "lfv/sim/drive.hpp"

namespace lfv::sim {

namespace {

std::string where_text(const Run& run, const StepEvent& e) {
  const std::string obj = run.object_name(e.object);
  switch (e.target) {
    case Target::descriptor: return "descriptor";
    case Target::pending: return obj + ".pending";
    case Target::slot: return "[" + std::to_string(e.element) + "]";
    case Target::bucket: return "bucket " + std::to_string(e.element);
    case Target::hazard: return "hazard";
    case Target::done: return obj + ".done";
    case Target::field: return obj;
  }
  return obj;
}

}  // namespace

std::string json_text(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string describe_action(const Run& run, const StepEvent& e) {
  const auto v = [&](std::uint64_t x) { return run.format_value(e.value_kind, x); };
  std::string out;
  switch (e.kind) {
    case ActionKind::load: out = "load " + where_text(run, e) + ": " + v(e.read); break;
    case ActionKind::read: {
      // A read the run stopped at (a use-after-free, a data race) was never
      // made: e.read holds no value, so none is shown.
      const auto& f = run.log().failure;
      const bool stopped = f && f->step == e.index &&
                           (f->kind == FailureKind::use_after_free || f->kind == FailureKind::data_race);
      out = std::string(text(e.action)) + ": " + (stopped ? std::string("not read") : v(e.read));
      break;
    }
    case ActionKind::store: out = "store " + where_text(run, e) + " = " + v(e.written); break;
    case ActionKind::swap: out = "swap " + where_text(run, e) + " = " + v(e.written) + ", got " + v(e.read); break;
    case ActionKind::cas:
      out = "CAS " + where_text(run, e) + " " + v(e.expected) + " -> " + v(e.written) +
            (e.success ? ": ok" : ": FAILED, found " + v(e.read));
      break;
    case ActionKind::free:
    case ActionKind::reclaim: out = std::string(scenario::name(e.kind)) + " " + run.object_name(e.object); break;
    default: out = std::string(text(e.action)); break;
  }
  if (e.helping) out += " (helping)";
  return out;
}

std::string describe_heap_events(const Run& run, const StepEvent& e) {
  std::string out;
  for (std::uint32_t h = e.heap_begin; h < e.heap_end; ++h) {
    const HeapEvent& he = run.log().heap[h];
    if (he.kind == e.kind && he.object == e.object) continue;  // the step itself says it
    if (he.kind == ActionKind::protect && e.target == Target::hazard) continue;  // "store hazard = D1" says it
    if (!out.empty()) out += ", ";
    out += std::string(scenario::name(he.kind)) + " " + run.object_name(he.object);
  }
  return out;
}

std::string short_location(const std::source_location& where) {
  std::string_view file = where.file_name();
  // Print it from the repository's top folder, so logs do not depend on
  // where the tree was built.
  for (std::string_view top : {"core/", "app/"}) {
    const std::size_t at = file.rfind(top);
    if (at != std::string_view::npos) {
      file = file.substr(at);
      break;
    }
  }
  return std::string(file) + ":" + std::to_string(where.line());
}

nlohmann::json log_json(const Run& run) {
  using nlohmann::json;
  const Log& log = run.log();
  json threads = json::array();
  for (unsigned t = 0; t < run.thread_count(); ++t) threads.push_back(run.thread_name(t));
  json steps = json::array();
  for (const StepEvent& e : log.steps) {
    json s = {{"index", e.index},
              {"thread", run.thread_name(e.thread)},
              {"op", e.op},
              {"kind", scenario::name(e.kind)},
              {"target", scenario::target_name(e.target)},
              {"object", run.object_name(e.object)},
              {"label", text(e.action)}};
    if (e.order != Order::none) s["order"] = name(e.order);  // the numbered memory-order choice
    if (e.read_from > 0) s["read_from"] = e.read_from;  // c11: this many stores older than the latest
    if (e.spurious) s["spurious"] = true;                // c11: a weak CAS failed spuriously
    if (e.synchronised_with != kNoStep) s["synchronised_with"] = e.synchronised_with;  // c11: a release store's step
    if (e.target == Target::slot || e.target == Target::bucket) s["element"] = e.element;
    const auto v = [&](std::uint64_t x) { return run.format_value(e.value_kind, x); };
    switch (e.kind) {
      case ActionKind::load:
      case ActionKind::read: s["read"] = v(e.read); break;
      case ActionKind::store: s["written"] = v(e.written); break;
      case ActionKind::swap:
        s["read"] = v(e.read);
        s["written"] = v(e.written);
        break;
      case ActionKind::cas:
        s["expected"] = v(e.expected);
        s["observed"] = v(e.read);
        s["desired"] = v(e.written);
        s["success"] = e.success;
        break;
      default: break;
    }
    if (e.helping) s["helping"] = true;
    if (e.heap_end > e.heap_begin) {
      json heap = json::array();
      for (std::uint32_t h = e.heap_begin; h < e.heap_end; ++h)
        heap.push_back({{"event", scenario::name(log.heap[h].kind)}, {"object", run.object_name(log.heap[h].object)}});
      s["heap"] = std::move(heap);
    }
    s["source"] = short_location(e.where);
    steps.push_back(std::move(s));
  }
  json ops = json::array();
  for (const OpRecord& r : log.ops) {
    const bool returned = r.returned != kNoStep;
    ops.push_back({{"thread", run.thread_name(r.thread)},
                   {"index", r.index},
                   {"op", r.op.text()},
                   {"invoked", r.invoked == kNoStep ? json(nullptr) : json(r.invoked)},
                   {"returned", returned ? json(r.returned) : json(nullptr)},
                   {"result", returned ? json(r.result.text()) : json(nullptr)}});
  }
  json failure = nullptr;
  if (const auto& f = log.failure)
    failure = {{"kind", name(f->kind)},
               {"step", f->step == kNoStep ? json(nullptr) : json(f->step)},
               {"thread", f->thread < 0 ? json(nullptr) : json(run.thread_name(unsigned(f->thread)))},
               {"message", f->message}};
  const Snapshot snap = run.snapshot();
  return {{"scenario", run.scenario().title},
          {"completion", name(run.completion())},
          {"reclaim", name(run.reclaim())},
          {"threads", std::move(threads)},
          {"schedule", format_schedule(run.schedule(), run)},
          {"steps", std::move(steps)},
          {"operations", std::move(ops)},
          {"failure", std::move(failure)},
          {"contents", run.contents()},
          {"leaked", {{"objects", snap.leaked_objects}, {"bytes", snap.leaked_bytes}}}};
}

void write_log_json(const Run& run, std::ostream& out) { out << json_text(log_json(run)) << '\n'; }

}  // namespace lfv::sim

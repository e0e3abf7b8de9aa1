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

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string describe_action(const Run& run, const StepEvent& e) {
  const auto v = [&](std::uint64_t x) { return run.format_value(e.value_kind, x); };
  std::string out;
  switch (e.kind) {
    case ActionKind::load: out = "load " + where_text(run, e) + ": " + v(e.read); break;
    case ActionKind::read: out = std::string(e.label) + ": " + v(e.read); break;
    case ActionKind::store: out = "store " + where_text(run, e) + " = " + v(e.written); break;
    case ActionKind::swap: out = "swap " + where_text(run, e) + " = " + v(e.written) + ", got " + v(e.read); break;
    case ActionKind::cas:
      out = "CAS " + where_text(run, e) + " " + v(e.expected) + " -> " + v(e.written) +
            (e.success ? ": ok" : ": FAILED, found " + v(e.read));
      break;
    case ActionKind::free:
    case ActionKind::reclaim: out = std::string(scenario::name(e.kind)) + " " + run.object_name(e.object); break;
    default: out = std::string(e.label); break;
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

void write_log_json(const Run& run, std::ostream& out) {
  const Log& log = run.log();
  const scenario::Scenario& s = run.scenario();
  out << "{\n  \"scenario\": " << json_string(s.title) << ",\n  \"completion\": " << json_string(name(run.completion()))
      << ",\n  \"reclaim\": " << json_string(name(run.reclaim())) << ",\n  \"threads\": [";
  for (unsigned t = 0; t < run.thread_count(); ++t) out << (t ? ", " : "") << json_string(run.thread_name(t));
  out << "],\n  \"schedule\": " << json_string(format_schedule(run.schedule(), run)) << ",\n  \"steps\": [";
  for (const StepEvent& e : log.steps) {
    out << (e.index ? ",\n" : "\n") << "    {\"index\": " << e.index << ", \"thread\": " << json_string(run.thread_name(e.thread))
        << ", \"op\": " << e.op << ", \"kind\": " << json_string(scenario::name(e.kind))
        << ", \"target\": " << json_string(scenario::target_name(e.target))
        << ", \"object\": " << json_string(run.object_name(e.object)) << ", \"label\": " << json_string(e.label);
    if (e.target == Target::slot || e.target == Target::bucket) out << ", \"element\": " << e.element;
    const auto v = [&](std::uint64_t x) { return json_string(run.format_value(e.value_kind, x)); };
    switch (e.kind) {
      case ActionKind::load:
      case ActionKind::read: out << ", \"read\": " << v(e.read); break;
      case ActionKind::store: out << ", \"written\": " << v(e.written); break;
      case ActionKind::swap: out << ", \"read\": " << v(e.read) << ", \"written\": " << v(e.written); break;
      case ActionKind::cas:
        out << ", \"expected\": " << v(e.expected) << ", \"observed\": " << v(e.read) << ", \"desired\": "
            << v(e.written) << ", \"success\": " << (e.success ? "true" : "false");
        break;
      default: break;
    }
    if (e.helping) out << ", \"helping\": true";
    if (e.heap_end > e.heap_begin) {
      out << ", \"heap\": [";
      for (std::uint32_t h = e.heap_begin; h < e.heap_end; ++h)
        out << (h > e.heap_begin ? ", " : "") << "{\"event\": " << json_string(scenario::name(log.heap[h].kind))
            << ", \"object\": " << json_string(run.object_name(log.heap[h].object)) << "}";
      out << "]";
    }
    out << ", \"source\": " << json_string(short_location(e.where)) << "}";
  }
  out << "\n  ],\n  \"operations\": [";
  for (std::size_t i = 0; i < log.ops.size(); ++i) {
    const OpRecord& r = log.ops[i];
    out << (i ? ",\n" : "\n") << "    {\"thread\": " << json_string(run.thread_name(r.thread)) << ", \"index\": " << r.index
        << ", \"op\": " << json_string(r.op.text()) << ", \"invoked\": ";
    if (r.invoked == kNoStep) out << "null"; else out << r.invoked;
    out << ", \"returned\": ";
    if (r.returned == kNoStep) out << "null, \"result\": null}";
    else out << r.returned << ", \"result\": " << json_string(r.result) << "}";
  }
  out << "\n  ],\n  \"failure\": ";
  if (log.failure) {
    out << "{\"kind\": " << json_string(name(log.failure->kind)) << ", \"step\": ";
    if (log.failure->step == kNoStep) out << "null"; else out << log.failure->step;
    out << ", \"thread\": "
        << (log.failure->thread < 0 ? std::string("null") : json_string(run.thread_name(unsigned(log.failure->thread))))
        << ", \"message\": " << json_string(log.failure->message) << "}";
  } else {
    out << "null";
  }
  out << ",\n  \"contents\": [";
  const auto contents = run.contents();
  for (std::size_t i = 0; i < contents.size(); ++i) out << (i ? ", " : "") << contents[i];
  const Snapshot snap = run.snapshot();
  out << "],\n  \"leaked\": {\"objects\": " << snap.leaked_objects << ", \"bytes\": " << snap.leaked_bytes << "}\n}\n";
}

}  // namespace lfv::sim

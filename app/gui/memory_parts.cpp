#include "memory_parts.hpp"

#include <cmath>

namespace lfv::gui::memory {

void Pen::text(float x, float y, ImU32 c, const std::string& s, float scale) const {
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * zoom * scale, at(x, y), c, s.c_str());
}

void Pen::wrapped(float x, float y, float w, ImU32 c, const std::string& s) const {
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * zoom, at(x, y), c, s.c_str(), nullptr, w * zoom);
}

void Pen::rect(float x0, float y0, float x1, float y1, ImU32 c, float rounding, float thickness) const {
  dl->AddRect(at(x0, y0), at(x1, y1), c, rounding * zoom, 0, thickness);
}

void Pen::fill(float x0, float y0, float x1, float y1, ImU32 c, float rounding, ImDrawFlags f) const {
  dl->AddRectFilled(at(x0, y0), at(x1, y1), c, rounding * zoom, f);
}

float width(const std::string& s) { return ImGui::CalcTextSize(s.c_str()).x; }

float wrapped_height(const std::string& s, float w) { return ImGui::CalcTextSize(s.c_str(), nullptr, false, w).y; }

void arrow(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 color, float thickness, bool dashed) {
  const float dx = to.x - from.x, dy = to.y - from.y, len = std::sqrt(dx * dx + dy * dy);
  if (len < 1) return;
  const float ux = dx / len, uy = dy / len, s = 5 + 3 * thickness;
  const ImVec2 base(to.x - ux * s, to.y - uy * s);
  if (!dashed) {
    dl->AddLine(from, base, color, thickness);
  } else {
    const float dash = 7 + 2 * thickness;
    for (float d = 0; d < len - s; d += 2 * dash) {
      const float e = std::min(d + dash, len - s);
      dl->AddLine(ImVec2(from.x + ux * d, from.y + uy * d), ImVec2(from.x + ux * e, from.y + uy * e), color, thickness);
    }
  }
  dl->AddTriangleFilled(to, ImVec2(base.x - uy * s * 0.6f, base.y + ux * s * 0.6f),
                        ImVec2(base.x + uy * s * 0.6f, base.y - ux * s * 0.6f), color);
}

std::vector<BoxLine> box_lines(const sim::Snapshot& snap, const sim::ObjectView& o, const Theme& t) {
  std::vector<BoxLine> out;
  // The book's bug, at the step it happens: a write cleared that nobody performed.
  if (o.lost_at != sim::kNoStep) out.push_back({"lost: never performed", t.failure, true});
  for (const auto& f : o.fields) out.push_back({std::string(name(f.field)) + ": " + f.text, t.text});
  const auto thread_name = [&](int i) {
    return i >= 0 && std::size_t(i) < snap.threads.size() ? snap.threads[std::size_t(i)].name : std::string("setup");
  };
  if (o.performed_by >= 0) {
    if (o.performed_by != o.owner && o.owner >= 0)
      out.push_back({"performed by " + thread_name(o.performed_by) + " (helping " + thread_name(o.owner) + ")", t.helping});
    else
      out.push_back({"performed by " + thread_name(o.performed_by), t.dim});
  }
  if (o.performed_again_by >= 0)
    out.push_back({"performed AGAIN by " + thread_name(o.performed_again_by) + ": a stale CAS", t.failure, true});
  for (std::size_t i = 0; i < snap.threads.size(); ++i)
    for (const sim::Holding& h : snap.threads[i].holds)
      if (h.object == o.id)
        out.push_back({"held by " + snap.threads[i].name + " (" + std::string(name(h.role)) + ")", t.thread(unsigned(i))});
  return out;
}

std::string slot_values(const sim::Run& run, std::uint64_t index) {
  std::string out;
  for (const sim::StepEvent& e : run.log().steps) {
    if (e.target != Target::slot || e.element != index || e.kind != scenario::ActionKind::cas || !e.success) continue;
    if (out.empty()) out = run.format_value(e.value_kind, e.expected);
    out += " -> " + run.format_value(e.value_kind, e.written);
  }
  return out;
}

std::string slot_history(const sim::Run& run, std::uint64_t index) {
  std::string out = "slot [" + std::to_string(index) + "] over the steps:";
  bool any = false;
  for (const sim::StepEvent& e : run.log().steps) {
    if (e.target != Target::slot || e.element != index || e.kind != scenario::ActionKind::cas) continue;
    if (!any) out += "\n  at the start: " + run.format_value(e.value_kind, e.expected);
    any = true;
    out += "\n  step " + std::to_string(e.index) + ", " + run.thread_name(e.thread) + ": ";
    if (e.success)
      out += run.format_value(e.value_kind, e.expected) + " -> " + run.format_value(e.value_kind, e.written);
    else
      out += "CAS " + run.format_value(e.value_kind, e.expected) + " -> " + run.format_value(e.value_kind, e.written) +
             " FAILED (found " + run.format_value(e.value_kind, e.read) + ")";
    if (e.helping) out += " (helping)";
  }
  if (!any) out += "\n  not written by any step so far";
  return out;
}

std::map<sim::ObjectId, std::uint32_t> release_steps(const sim::Log& log) {
  std::map<sim::ObjectId, std::uint32_t> out;
  for (const sim::StepEvent& e : log.steps)
    for (std::uint32_t h = e.heap_begin; h < e.heap_end && h < log.heap.size(); ++h)
      if (log.heap[h].kind == scenario::ActionKind::free || log.heap[h].kind == scenario::ActionKind::reclaim)
        out.emplace(log.heap[h].object, e.index);
  return out;
}

}  // namespace lfv::gui::memory

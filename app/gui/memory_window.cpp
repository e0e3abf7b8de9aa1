#include <imgui.h>

#include <cmath>
#include <map>

#include "windows.hpp"

namespace lfv::gui {
namespace {

constexpr double kGlowSeconds = 0.6;

void arrow(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 color, float thickness) {
  dl->AddLine(from, to, color, thickness);
  const float dx = to.x - from.x, dy = to.y - from.y, len = std::sqrt(dx * dx + dy * dy);
  if (len < 1) return;
  const float ux = dx / len, uy = dy / len, s = 6 * thickness;
  dl->AddTriangleFilled(to, ImVec2(to.x - ux * s - uy * s * 0.6f, to.y - uy * s + ux * s * 0.6f),
                        ImVec2(to.x - ux * s + uy * s * 0.6f, to.y - uy * s - ux * s * 0.6f), color);
}

// A freed object stays in view while a thread still holds a pointer to it:
// that is where a use-after-free comes from.
bool held_by_a_thread(const sim::Snapshot& snap, sim::ObjectId id) {
  for (const auto& t : snap.threads)
    if (t.loaded == id || t.completing == id) return true;
  return false;
}

bool shown_in_boxes(const sim::Snapshot& snap, const sim::ObjectView& o, bool show_gone) {
  if (o.kind == sim::HeapKind::vector || o.kind == sim::HeapKind::hazard_table || o.kind == sim::HeapKind::bucket)
    return false;
  if (o.state == sim::LifeState::leaked) return false;  // on the shelf
  const bool gone = o.state == sim::LifeState::reclaimed || o.state == sim::LifeState::freed;
  return !gone || show_gone || held_by_a_thread(snap, o.id);
}

}  // namespace

void MemoryWindow::draw(const Session& s, const Theme& t) {
  ImGui::Begin("Memory", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_HorizontalScrollbar);
  const sim::Snapshot& snap = s.snapshot();
  const sim::Run& run = s.run();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const double now = ImGui::GetTime();
  if (s.position() != last_position) {
    const bool first = last_position == std::size_t(-1);  // nothing to compare with yet
    changed_at.resize(snap.objects.size(), -1.0);
    for (std::size_t i = 0; i < snap.objects.size() && !first; ++i)
      if (i >= last_states.size() || last_states[i] != snap.objects[i].state) changed_at[i] = now;
    last_states.clear();
    for (const auto& o : snap.objects) last_states.push_back(o.state);
    last_position = s.position();
  }

  // The vector: its descriptor and pending write.
  const auto& v = snap.vector;
  ImGui::Text("descriptor: %s   size %llu", run.object_name(v.descriptor).c_str(), (unsigned long long)v.size);
  ImGui::SameLine();
  // versioned keeps the write inside the descriptor: then it is "its" write.
  if (v.pending == v.descriptor)
    ImGui::TextColored(ImColor(t.helping).Value, "   its write is pending: %s", v.pending_text.c_str());
  else if (v.pending != sim::kNoObject)
    ImGui::TextColored(ImColor(t.helping).Value, "   pending write %s: %s", run.object_name(v.pending).c_str(),
                       v.pending_text.c_str());
  else
    ImGui::TextColored(ImColor(t.dim).Value, "   no pending write");
  ImGui::SameLine();
  ImGui::Checkbox("show freed", &show_gone);

  // The buckets, slot by slot; the slot a pending write targets is outlined.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float cell = ImGui::CalcTextSize("00000 #00").x + 8;
  for (const auto& b : v.buckets) {
    ImGui::Text("%s", run.object_name(b.object).c_str());
    ImGui::SameLine(ImGui::CalcTextSize("B00' ").x + ImGui::GetStyle().WindowPadding.x);
    ImVec2 p = ImGui::GetCursorScreenPos();
    const std::size_t shown = std::min<std::size_t>(b.slots.size(), 16);
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& slot = b.slots[i];
      const bool live = slot.index < v.size;
      const ImVec2 a(p.x + float(i) * cell, p.y), z(a.x + cell - 2, a.y + line * 1.6f);
      dl->AddRectFilled(a, z, live ? t.panel : IM_COL32(25, 25, 28, 255), 3);
      const bool target = std::int64_t(slot.index) == v.pending_index;
      dl->AddRect(a, z, target ? t.helping : t.border, 3, 0, target ? 3.0f : 1.0f);
      dl->AddText(ImVec2(a.x + 4, a.y + 2), live ? t.text : t.dim, slot.text.c_str());
      dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.7f, ImVec2(a.x + 4, a.y + line * 0.95f), t.dim,
                  ("[" + std::to_string(slot.index) + "]").c_str());
    }
    if (shown < b.slots.size()) dl->AddText(ImVec2(p.x + float(shown) * cell, p.y + 2), t.dim, "...");
    ImGui::Dummy(ImVec2(float(shown + 1) * cell, line * 1.7f));
  }
  if (v.buckets.empty()) ImGui::TextColored(ImColor(t.dim).Value, "no bucket allocated yet");
  ImGui::Separator();

  // Thread badges, then every live object as a box coloured by its state.
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float badge_h = line * 1.4f;
  std::vector<ImVec2> badges;
  for (unsigned i = 0; i < snap.threads.size(); ++i) {
    const ImVec2 a(origin.x + float(i) * (line * 3), origin.y), z(a.x + line * 2.4f, a.y + badge_h);
    dl->AddRectFilled(a, z, t.thread(i), line * 0.7f);
    dl->AddText(ImVec2(a.x + line * 0.8f, a.y + line * 0.2f), IM_COL32(0, 0, 0, 255), snap.threads[i].name.c_str());
    badges.push_back(ImVec2((a.x + z.x) * 0.5f, z.y));
  }
  const float box_w = ImGui::CalcTextSize("location: [00] in B0'").x + 16;
  const float gap = line * 1.6f;
  const float avail = std::max(ImGui::GetContentRegionAvail().x, box_w + gap);
  const int per_row = std::max(1, int(avail / (box_w + gap)));
  std::map<sim::ObjectId, std::pair<ImVec2, ImVec2>> boxes;
  float y = origin.y + badge_h + gap, row_h = 0;
  int col = 0;
  for (const auto& o : snap.objects) {
    if (!shown_in_boxes(snap, o, show_gone)) continue;
    const float h = line * float(o.fields.size() + 2) + 6;
    if (col == per_row) {
      col = 0;
      y += row_h + gap;
      row_h = 0;
    }
    const ImVec2 a(origin.x + float(col) * (box_w + gap), y), z(a.x + box_w, a.y + h);
    boxes[o.id] = {a, z};
    row_h = std::max(row_h, h);
    ++col;
    const ImU32 c = t.state(o.state);
    if (o.id < changed_at.size() && now - changed_at[o.id] < kGlowSeconds) {
      const float k = 1.0f - float((now - changed_at[o.id]) / kGlowSeconds);  // 1 just changed, 0 settled
      const float grow = 3 + 6 * (1 - k);
      dl->AddRect(ImVec2(a.x - grow, a.y - grow), ImVec2(z.x + grow, z.y + grow),
                  (c & 0x00FFFFFF) | (ImU32(255 * k) << 24), 6, 0, 3);
    }
    dl->AddRectFilled(a, z, t.panel, 4);
    dl->AddRectFilled(a, ImVec2(z.x, a.y + line + 2), c, 4, ImDrawFlags_RoundCornersTop);
    dl->AddRect(a, z, c, 4, 0, o.id == v.descriptor ? 3.0f : 1.5f);
    dl->AddText(ImVec2(a.x + 5, a.y + 1), IM_COL32(0, 0, 0, 255), (o.name + "  " + std::string(name(o.state))).c_str());
    float fy = a.y + line + 4;
    for (const auto& f : o.fields) {
      dl->AddText(ImVec2(a.x + 6, fy), t.text, (f.name + ": " + f.text).c_str());
      fy += line;
    }
  }
  // Pointers between boxes.
  for (const auto& o : snap.objects) {
    auto from = boxes.find(o.id);
    if (from == boxes.end()) continue;
    float fy = from->second.first.y + line + 4 + line * 0.5f;
    for (const auto& f : o.fields) {
      auto to = boxes.find(f.points_to);
      if (f.points_to != sim::kNoObject && to != boxes.end() && to->first != o.id) {
        // Leave from the side facing the target, arrive at its title bar.
        const bool right = to->second.first.x >= from->second.second.x;
        const ImVec2 start(right ? from->second.second.x : from->second.first.x, fy);
        const ImVec2 end(right ? to->second.first.x : to->second.second.x, to->second.first.y + line * 0.5f);
        arrow(dl, start, end, t.border, 1.5f);
      }
      fy += line;
    }
  }
  // A thread's pointer to a freed object, dashed red: the coming use-after-free.
  for (unsigned i = 0; i < snap.threads.size(); ++i) {
    const sim::ObjectId id = snap.threads[i].loaded;
    auto to = boxes.find(id);
    if (id == sim::kNoObject || to == boxes.end() || snap.threads[i].finished) continue;
    const auto st = snap.objects[id].state;
    if (st == sim::LifeState::freed || st == sim::LifeState::reclaimed)
      arrow(dl, badges[i], ImVec2(to->second.first.x + line, to->second.first.y), t.failure, 2.5f);
  }
  // Hazard pointers from the thread badges, and helping from the helper.
  for (unsigned i = 0; i < snap.threads.size(); ++i)
    for (sim::ObjectId h : snap.threads[i].hazards) {
      auto to = boxes.find(h);
      if (h != sim::kNoObject && to != boxes.end())
        arrow(dl, badges[i], ImVec2((to->second.first.x + to->second.second.x) * 0.5f, to->second.first.y),
              t.thread(i), 2.0f);
    }
  if (!run.log().steps.empty()) {
    const sim::StepEvent& e = run.log().steps.back();
    const sim::ObjectId w = snap.threads[e.thread].completing;
    auto to = boxes.find(w);
    if (e.helping && to != boxes.end())
      arrow(dl, badges[e.thread], ImVec2(to->second.first.x, to->second.first.y + line), t.helping, 3.0f);
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, y + row_h + gap * 0.5f));

  // The leaked shelf.
  std::size_t leaked = 0, bytes = 0;
  std::string names;
  for (const auto& o : snap.objects)
    if (o.state == sim::LifeState::leaked) {
      ++leaked;
      bytes += o.bytes;
      names += (names.empty() ? "" : "  ") + o.name;
    }
  ImGui::Separator();
  ImGui::TextColored(ImColor(t.state(sim::LifeState::leaked)).Value, "Leaked shelf: %zu objects, %zu bytes", leaked,
                     bytes);
  if (leaked) ImGui::TextWrapped("%s", names.c_str());
  // A legend of the states.
  ImGui::Separator();
  for (auto st : {sim::LifeState::private_, sim::LifeState::shared, sim::LifeState::unlinked, sim::LifeState::retired,
                  sim::LifeState::protected_, sim::LifeState::leaked, sim::LifeState::reclaimed,
                  sim::LifeState::freed}) {
    ImGui::ColorButton(std::string(name(st)).c_str(), ImColor(t.state(st)).Value, ImGuiColorEditFlags_NoTooltip,
                       ImVec2(line * 0.7f, line * 0.7f));
    ImGui::SameLine();
    ImGui::TextUnformatted(std::string(name(st)).c_str());
    ImGui::SameLine();
  }
  ImGui::NewLine();
  ImGui::End();
}

}  // namespace lfv::gui

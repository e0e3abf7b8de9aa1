#include <imgui.h>

#include <map>

#include "windows.hpp"

namespace lfv::gui {

using scenario::ActionKind;

// Objects and bytes by kind and state now, and a plot over the steps of
// live and retired bytes, from the log's heap events.
void LedgerWindow::draw(const Session& s, const Theme& t) {
  ImGui::Begin("Ledger", nullptr, ImGuiWindowFlags_NoCollapse);
  const auto& snap = s.snapshot();
  const sim::LifeState states[] = {sim::LifeState::private_,   sim::LifeState::shared, sim::LifeState::unlinked,
                                   sim::LifeState::retired,    sim::LifeState::protected_, sim::LifeState::leaked,
                                   sim::LifeState::reclaimed, sim::LifeState::freed};
  if (ImGui::BeginTable("ledger", 1 + int(std::size(states)), ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("kind");
    for (auto st : states) ImGui::TableSetupColumn(std::string(name(st)).c_str());
    ImGui::TableHeadersRow();
    for (auto kind : {sim::HeapKind::descriptor, sim::HeapKind::write_descriptor, sim::HeapKind::bucket}) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(std::string(name(kind)).c_str());
      for (auto st : states) {
        std::size_t n = 0, bytes = 0;
        for (const auto& o : snap.objects)
          if (o.kind == kind && o.state == st) ++n, bytes += o.bytes;
        ImGui::TableNextColumn();
        if (n) ImGui::Text("%zu", n);
        if (n && ImGui::IsItemHovered()) ImGui::SetTooltip("%zu objects, %zu bytes", n, bytes);
      }
    }
    ImGui::EndTable();
  }
  // Live and retired bytes after each step.
  const auto& log = s.run().log();
  std::vector<float> live, retired;
  std::map<sim::ObjectId, std::size_t> size;
  for (const auto& o : snap.objects) size[o.id] = o.bytes;
  float l = 0, r = 0, top = 1;
  for (const auto& o : snap.objects)
    if (o.owner < 0 && o.kind != sim::HeapKind::vector) l += float(o.bytes);  // set up before the first step
  for (const auto& e : log.steps) {
    for (std::uint32_t h = e.heap_begin; h < e.heap_end; ++h) {
      const auto& he = log.heap[h];
      const float b = float(size[he.object]);
      if (he.kind == ActionKind::alloc) l += b;
      else if (he.kind == ActionKind::retire) r += b;
      else if (he.kind == ActionKind::reclaim) l -= b, r -= b;
      else if (he.kind == ActionKind::free) l -= b;
    }
    live.push_back(l);
    retired.push_back(r);
    top = std::max(top, l);
  }
  const ImVec2 size_px(ImGui::GetContentRegionAvail().x, std::max(60.0f, ImGui::GetContentRegionAvail().y - 8));
  const ImVec2 a = ImGui::GetCursorScreenPos(), z(a.x + size_px.x, a.y + size_px.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, z, t.panel);
  // At most one point per pixel column: a long trace costs what the plot's width does.
  auto plot = [&](const std::vector<float>& ys, ImU32 c) {
    if (ys.empty()) return;
    const std::size_t columns = std::max<std::size_t>(2, std::size_t(size_px.x));
    const std::size_t stride = std::max<std::size_t>(1, ys.size() / columns);
    std::vector<ImVec2> points;
    for (std::size_t i = 0; i < ys.size(); i += stride)
      points.push_back(ImVec2(a.x + size_px.x * float(i) / float(ys.size()), z.y - size_px.y * ys[i] / top));
    points.push_back(ImVec2(a.x + size_px.x, z.y - size_px.y * ys.back() / top));
    dl->AddPolyline(points.data(), int(points.size()), c, ImDrawFlags_None, 2);
  };
  plot(live, t.state(sim::LifeState::shared));
  plot(retired, t.state(sim::LifeState::retired));
  dl->AddText(ImVec2(a.x + 4, a.y + 2), t.state(sim::LifeState::shared), ("live bytes (max " + std::to_string(int(top)) + ")").c_str());
  dl->AddText(ImVec2(a.x + 4, a.y + 2 + ImGui::GetTextLineHeight()), t.state(sim::LifeState::retired), "retired bytes");
  ImGui::Dummy(size_px);
  ImGui::End();
}

}  // namespace lfv::gui

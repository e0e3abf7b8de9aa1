// Each thread's view of memory under c11 (lfv/sim/thread_view.hpp): for
// the chosen thread, every location the run touched, the store it has seen
// and the newer ones it has not. Stale rows first, highlighted.
#include <imgui.h>

#include <algorithm>

#include "windows.hpp"

namespace lfv::gui {

void ViewsWindow::draw(const Session& s, const Theme& t) {
  drawn_frame = ImGui::GetFrameCount();
  drawn.clear();
  if (!ImGui::Begin("Views: what each thread has seen", &open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  const sim::Snapshot& snap = s.snapshot();
  if (s.run().memory_model() != sim::MemoryModel::c11) {
    ImGui::TextColored(ImColor(t.dim).Value, "sc: every thread sees the latest store.");
    ImGui::TextWrapped("Under --memory-model c11 (or memory_model = \"c11\" in the file) this lists, for a thread, "
                       "each location's store it has seen and the newer ones it has not.");
    drawn.push_back("views sc");
    ImGui::End();
    return;
  }
  if (snap.threads.empty()) {
    ImGui::End();
    return;
  }
  thread = std::clamp(thread, 0, int(snap.threads.size()) - 1);
  // The thread: one button each, in its colour; the chosen one filled.
  for (int i = 0; i < int(snap.threads.size()); ++i) {
    if (i) ImGui::SameLine();
    const bool chosen = i == thread;
    ImGui::PushStyleColor(ImGuiCol_Button, chosen ? ImColor(t.thread(unsigned(i))).Value : ImColor(t.panel).Value);
    ImGui::PushStyleColor(ImGuiCol_Text, chosen ? ImVec4(0, 0, 0, 1) : ImColor(t.thread(unsigned(i))).Value);
    if (ImGui::SmallButton(snap.threads[std::size_t(i)].name.c_str())) thread = i;
    ImGui::PopStyleColor(2);
  }
  const sim::ThreadView& th = snap.threads[std::size_t(thread)];
  std::vector<const sim::LocationView*> rows;
  for (const auto& l : th.memory) rows.push_back(&l);
  std::stable_partition(rows.begin(), rows.end(), [](const sim::LocationView* l) { return l->stale(); });
  const auto stale = std::size_t(std::count_if(rows.begin(), rows.end(), [](auto* l) { return l->stale(); }));
  ImGui::SameLine();
  ImGui::TextColored(ImColor(stale ? t.failure : t.dim).Value, "%s: %zu of %zu locations stale", th.name.c_str(), stale,
                     rows.size());
  if (ImGui::BeginTable("views", 3,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("location", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn((th.name + " sees").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn("not yet seen (newer stores)", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableHeadersRow();
    for (const sim::LocationView* l : rows) {
      ImGui::TableNextRow();
      if (l->stale()) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, (t.failure & 0x00FFFFFF) | 0x38000000);
      const ImVec4 c = ImColor(l->stale() ? t.text : t.dim).Value;
      ImGui::TableNextColumn();
      ImGui::TextColored(c, "%s", l->name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(c, "%s", sim::store_text(l->seen).c_str());
      ImGui::TableNextColumn();
      if (!l->stale()) {
        ImGui::TextColored(c, "(the latest)");
      } else {
        std::string later;
        for (const auto& u : l->unseen) later += (later.empty() ? "" : ", ") + sim::store_text(u);
        ImGui::PushStyleColor(ImGuiCol_Text, ImColor(t.failure).Value);
        ImGui::TextWrapped("%s", later.c_str());
        ImGui::PopStyleColor();
      }
      drawn.push_back(std::string(l->stale() ? "views_stale " : "views_row ") + sim::view_text(th.name, *l));
    }
    ImGui::EndTable();
  }
  if (rows.empty()) ImGui::TextColored(ImColor(t.dim).Value, "No location touched yet.");
  ImGui::End();
}

void ViewsWindow::dump(std::ostream& out) const {
  if (drawn_frame < 0 || !open) return;
  out << "views_open=1\n";
  for (const std::string& line : drawn) out << line << '\n';
}

}  // namespace lfv::gui

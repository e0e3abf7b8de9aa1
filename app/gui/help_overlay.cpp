#include <imgui.h>

#include "commands.hpp"
#include "windows.hpp"

namespace lfv::gui {

void HelpOverlay::draw(const Theme&) {
  if (!open) return;
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(size.x * 0.5f, size.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.95f);
  ImGui::Begin("Shortcuts (F1 closes)", &open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
    for (const CommandRow& r : command_table()) {  // the same table the keys run from
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(keys_text(r.command).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.label);
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace lfv::gui

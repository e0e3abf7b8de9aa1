#include <imgui.h>

#include "windows.hpp"

namespace lfv::gui {

void HelpOverlay::draw(const Theme&) {
  if (!open) return;
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(size.x * 0.5f, size.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.95f);
  ImGui::Begin("Shortcuts (F1 closes)", &open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
  static const char* rows[][2] = {
      {"1 - 9", "step that thread one atomic action"},
      {"Right, Space, PageDown", "next script step or pause point"},
      {"Left, PageUp", "previous script step"},
      {". and ,", "one step forward, one step back"},
      {"Home", "reset to the start"},
      {"P", "play / pause"},
      {"+ and -", "play faster / slower"},
      {"E", "explore: search every interleaving for a failure"},
      {"Esc", "cancel the search"},
      {"Ctrl+S", "save the interleaving as a scenario"},
      {"F12 / Shift+F12", "export a PNG / one PNG per script step"},
      {"Shift+F11", "export an animated GIF of the timeline (ffmpeg)"},
      {"L", "the Live window: real threads, plotted against a mutex"},
      {"F5", "presenter mode"},
      {"F6", "back to the default layout"},
      {"F1", "this help"},
      {"Ctrl+Q", "quit"},
  };
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
    for (auto& r : rows) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r[0]);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r[1]);
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace lfv::gui

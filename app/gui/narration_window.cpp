#include <imgui.h>

#include "windows.hpp"

namespace lfv::gui {

void NarrationWindow::draw(const Session& s, const Theme& t) {
  ImGui::Begin("Narration", nullptr, ImGuiWindowFlags_NoCollapse);
  if (!s.error().empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImColor(t.failure).Value);
    ImGui::TextWrapped("%s", s.error().c_str());
    ImGui::PopStyleColor();
    ImGui::Separator();
  }
  const std::string text = s.narration();
  ImGui::TextWrapped("%s", text.empty() ? "(step on, or press Right for the next script step)" : text.c_str());
  if (const auto& f = s.snapshot().failure) {
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, ImColor(t.failure).Value);
    ImGui::TextWrapped("%s at step %u: %s", std::string(name(f->kind)).c_str(), f->step, f->message.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::End();
}

}  // namespace lfv::gui

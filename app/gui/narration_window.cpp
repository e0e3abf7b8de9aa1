#include <imgui.h>

#include "windows.hpp"

namespace lfv::gui {
namespace {

// Scenario texts are hard-wrapped in their files; the window wraps them to
// its width, so a single line break is a space and a blank line stays.
std::string unwrap(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool lone_break = s[i] == '\n' && (i + 1 == s.size() || s[i + 1] != '\n') && (i == 0 || s[i - 1] != '\n');
    out += lone_break ? ' ' : s[i];
  }
  return out;
}

}  // namespace

void NarrationWindow::draw(const Session& s, const Theme& t) {
  ImGui::Begin("Narration", nullptr, ImGuiWindowFlags_NoCollapse);
  if (!s.error().empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImColor(t.failure).Value);
    ImGui::TextWrapped("%s", s.error().c_str());
    ImGui::PopStyleColor();
    ImGui::Separator();
  }
  const std::string text = unwrap(s.narration());
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

#include <imgui.h>

#include <algorithm>

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

float wrapped_height(const std::string& text, float width) {
  return ImGui::CalcTextSize(text.c_str(), nullptr, false, width).y;
}

}  // namespace

float NarrationWindow::height(const Session& s, float width) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float inner = width - 2 * st.WindowPadding.x - st.ScrollbarSize;
  // The tallest of the script's texts and the one shown now, so the pane
  // keeps its size from step to step and is no taller than its words (the
  // scenario's `about`, shown at the start, often longer, counts only there).
  float text = 0;
  for (const auto& step : s.scenario().script)
    if (step.say) text = std::max(text, wrapped_height(unwrap(*step.say), inner));
  text = std::max(text, wrapped_height(unwrap(s.narration()), inner));
  const float line = ImGui::GetTextLineHeightWithSpacing();
  // A failure line and the separators, when there is one.
  const float extra = s.snapshot().failure || !s.error().empty() ? 2 * line + st.ItemSpacing.y : 0;
  return std::max(text, 2 * line) + extra + 2 * st.WindowPadding.y + ImGui::GetFrameHeight() + st.ItemSpacing.y;
}

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

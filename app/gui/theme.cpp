#include "theme.hpp"

namespace lfv::gui {

ImU32 Theme::state(sim::LifeState s) const {
  switch (s) {
    case sim::LifeState::private_: return IM_COL32(120, 170, 255, 255);
    case sim::LifeState::shared: return IM_COL32(90, 200, 120, 255);
    case sim::LifeState::unlinked: return IM_COL32(80, 200, 200, 255);
    case sim::LifeState::leaked: return IM_COL32(235, 160, 40, 255);
    case sim::LifeState::retired: return IM_COL32(170, 130, 220, 255);
    case sim::LifeState::protected_: return IM_COL32(220, 110, 220, 255);
    case sim::LifeState::reclaimed: return IM_COL32(110, 110, 110, 255);
    case sim::LifeState::freed: return IM_COL32(200, 70, 70, 255);
  }
  return text;
}

ImU32 Theme::thread(unsigned t) const {
  static const ImU32 palette[] = {IM_COL32(80, 160, 255, 255), IM_COL32(255, 150, 60, 255),
                                  IM_COL32(120, 210, 110, 255), IM_COL32(230, 100, 190, 255),
                                  IM_COL32(240, 220, 80, 255),  IM_COL32(120, 220, 220, 255),
                                  IM_COL32(200, 160, 255, 255), IM_COL32(255, 120, 120, 255),
                                  IM_COL32(180, 180, 180, 255)};
  return palette[t % 9];
}

Theme apply_theme(bool presenter, float scale) {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 4;
  style.FrameRounding = 3;
  style.WindowPadding = ImVec2(10, 8);
  style.ItemSpacing = ImVec2(8, 6);
  Theme t;
  t.presenter = presenter;
  if (presenter) {
    // High contrast for a projector: black panels, white text, bright accents.
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 1);
    style.Colors[ImGuiCol_Text] = ImVec4(1, 1, 1, 1);
    style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.15f, 0.25f, 0.5f, 1);
    style.Colors[ImGuiCol_Border] = ImVec4(0.6f, 0.6f, 0.6f, 1);
    style.WindowBorderSize = 2;
  }
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
  t.text = ImGui::GetColorU32(ImGuiCol_Text);
  t.dim = presenter ? IM_COL32(200, 200, 200, 255) : IM_COL32(150, 150, 160, 255);
  t.panel = presenter ? IM_COL32(20, 20, 20, 255) : IM_COL32(40, 42, 48, 255);
  t.border = presenter ? IM_COL32(230, 230, 230, 255) : IM_COL32(110, 110, 120, 255);
  t.accent = IM_COL32(80, 170, 255, 255);
  t.failure = IM_COL32(255, 70, 70, 255);
  t.success = IM_COL32(90, 210, 110, 255);
  t.helping = IM_COL32(255, 200, 60, 255);
  t.synchronises = IM_COL32(220, 130, 255, 255);  // violet: apart from the threads' and the verdicts' colours
  return t;
}

}  // namespace lfv::gui

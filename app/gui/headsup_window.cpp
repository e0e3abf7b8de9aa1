#include <imgui.h>

#include <string>

#include "headsup.hpp"
#include "windows.hpp"

namespace lfv::gui {
namespace {

// A filled badge: white words on a colour, readable from the back row.
void badge(const char* text, ImU32 colour) {
  const ImVec2 pad(6, 2), size = ImGui::CalcTextSize(text);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + size.x + 2 * pad.x, at.y + size.y + 2 * pad.y), colour, 4);
  ImGui::SetCursorScreenPos(ImVec2(at.x + pad.x, at.y + pad.y));
  ImGui::TextColored(ImVec4(1, 1, 1, 1), "%s", text);
  ImGui::SetCursorScreenPos(ImVec2(at.x + size.x + 2 * pad.x, at.y));
  ImGui::Dummy(ImVec2(0, size.y + 2 * pad.y));
}

// The next item on this line if it fits, else on the next (1024x768 at
// presenter size has room for less than 1920x1080).
void flow(const char* text, float gap) {
  ImGui::SameLine(0, gap);
  if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(text).x + 16) ImGui::NewLine();
}

constexpr float kEventScale = 1.2f;

}  // namespace

void HeadsUpWindow::draw(const Session& s, const Theme& t) {
  const HeadsUp h = heads_up(s);
  ImGui::Begin("Heads-up", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoScrollbar |
                   ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::TextUnformatted(h.title.c_str());
  flow(h.variant.c_str(), 24);
  ImGui::TextColored(ImColor(t.dim).Value, "%s", h.variant.c_str());
  if (!h.defect.empty()) {
    // A weakened order says which: the lecturer chose it (the Orders window).
    const std::string broken =
        "DELIBERATELY BROKEN" + (h.weakened.empty() ? "" : " (orders weakened: " + h.weakened + ")");
    flow(broken.c_str(), 12);
    badge(broken.c_str(), t.failure);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", h.defect.c_str());
  }
  const std::string where = h.position + (h.script.empty() ? "" : "  ·  " + h.script);
  flow(where.c_str(), 24);
  ImGui::TextColored(ImColor(t.dim).Value, "%s", where.c_str());
  // The last event in large words; a failed CAS in the failure colour.
  ImGui::SetWindowFontScale(kEventScale);
  const ImU32 event_colour = h.event_failed ? t.failure : (h.event.empty() ? t.dim : t.thread(h.event_thread));
  ImGui::PushStyleColor(ImGuiCol_Text, ImColor(event_colour).Value);
  ImGui::TextWrapped("%s", h.event.empty() ? "at the start: nothing has run yet" : h.event.c_str());
  ImGui::PopStyleColor();
  ImGui::SetWindowFontScale(1);
  if (!h.verdict.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImColor(h.verdict_is_failure ? t.failure : t.success).Value);
    ImGui::TextWrapped("%s", h.verdict.c_str());
    ImGui::PopStyleColor();
  }
  drawn_height = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y - ImGui::GetStyle().ItemSpacing.y;
  ImGui::End();
}

}  // namespace lfv::gui

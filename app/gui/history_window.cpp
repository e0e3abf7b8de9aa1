#include <imgui.h>

#include "windows.hpp"

namespace lfv::gui {

void HistoryWindow::draw(const Session& s, const Theme& t) {
  ImGui::Begin("History", nullptr, ImGuiWindowFlags_NoCollapse);
  const auto& log = s.run().log();
  if (ImGui::BeginTable("ops", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("thread");
    ImGui::TableSetupColumn("operation");
    ImGui::TableSetupColumn("steps");
    ImGui::TableSetupColumn("result");
    ImGui::TableHeadersRow();
    for (const auto& op : log.ops) {
      ImGui::TableNextColumn();
      ImGui::TextColored(ImColor(t.thread(op.thread)).Value, "%s", s.run().thread_name(op.thread).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(op.op.text().c_str());
      ImGui::TableNextColumn();
      if (op.invoked == sim::kNoStep) ImGui::TextUnformatted("-");
      else if (op.returned == sim::kNoStep) ImGui::Text("%u..", op.invoked);
      else ImGui::Text("%u..%u", op.invoked, op.returned);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(op.returned == sim::kNoStep ? "(running)" : op.result.text().c_str());
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  if (!s.run().finished()) {
    ImGui::TextColored(ImColor(t.dim).Value, "The verdict comes when every thread has finished.");
  } else if (const auto& v = s.verdict()) {
    if (v->kind == FailureKind::none) {
      ImGui::TextColored(ImColor(t.success).Value, "Linearizable.");
      ImGui::TextWrapped("Witness order: %s", s.witness().c_str());
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, ImColor(t.failure).Value);
      ImGui::TextWrapped("%s: %s", std::string(name(v->kind)).c_str(), v->message.c_str());
      ImGui::PopStyleColor();
    }
  }
  ImGui::End();
}

}  // namespace lfv::gui

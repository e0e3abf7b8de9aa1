#include <imgui.h>

#include <iterator>

#include "windows.hpp"

namespace lfv::gui {

void ThreadsWindow::draw(Session& s, const Theme& t) {
  ImGui::Begin("Threads", nullptr, ImGuiWindowFlags_NoCollapse);
  const sim::Snapshot& snap = s.snapshot();
  const auto& run = s.run();
  const int n = int(snap.threads.size());
  // Narrow columns (three threads on a 4:3 projector) take slightly
  // smaller type, so a card's line holds a phrase rather than a word.
  const float column = n > 0 ? ImGui::GetContentRegionAvail().x / float(n) : 0;
  ImGui::SetWindowFontScale(column < 11 * ImGui::GetFontSize() ? 0.85f : 1.0f);
  drawn.clear();
  drawn_frame = ImGui::GetFrameCount();
  // The window's visible height, for the choice buttons' check below.
  const float visible_top = ImGui::GetWindowPos().y + ImGui::GetCursorStartPos().y - ImGui::GetStyle().WindowPadding.y;
  const float visible_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
  if (n == 0 || !ImGui::BeginTable("threads", n, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) {
    ImGui::End();
    return;
  }
  // Stepping replaces the snapshot drawn here: do it after the table.
  int clicked = -1;
  std::uint32_t clicked_read = 0;
  for (int i = 0; i < n; ++i) {
    ImGui::TableNextColumn();
    const sim::ThreadView& th = snap.threads[std::size_t(i)];
    ImGui::PushID(i);
    // The column header steps the thread, like its number key.
    ImGui::PushStyleColor(ImGuiCol_Button, ImColor(t.thread(unsigned(i))).Value);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0, 0, 0, 1));
    std::string label = "Thread " + th.name + "  (" + std::to_string(i + 1) + ")";
    if (ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x > ImGui::GetContentRegionAvail().x)
      label = th.name + " (" + std::to_string(i + 1) + ")";  // the header is never clipped
    if (ImGui::Button(label.c_str(), ImVec2(-1, 0))) clicked = i;
    ImGui::PopStyleColor(2);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step %s one atomic action (%d)", th.name.c_str(), i + 1);

    // What it does next comes first, under the header: under c11 the
    // stores a load may read are the moment's choice, and a long program
    // must not scroll them out of a short card (1024x768). The program and
    // what it holds follow.
    if (th.finished) {
      ImGui::TextColored(ImColor(t.success).Value, "finished");
    } else if (th.next) {
      ImGui::TextWrapped("next: %s %s - %s", std::string(scenario::name(th.next->kind)).c_str(),
                         std::string(scenario::target_name(th.next->target)).c_str(), std::string(text(th.next->action)).c_str());
      // Under c11: the stores the load may read, each a button that steps
      // the thread reading it (the number key reads the latest).
      // A CAS: its older choices fail reading a stale store, and a weak
      // CAS's last may be a spurious failure.
      const bool cas = th.next->kind == scenario::ActionKind::cas;
      for (std::size_t k = 1; k < th.next->may_read.size(); ++k) {
        const bool spurious = th.next->may_fail_spuriously && k + 1 == th.next->may_read.size();
        const std::string value = th.next->may_read[k];
        const std::string age = k == 1 || cas ? " (stale)" : " (" + std::to_string(k) + " back)";
        // The full words where they fit, else shorter ones: a button's
        // label is never clipped (its tooltip has the whole sentence).
        const std::string labels[] = {spurious ? "fail spuriously" : (cas ? "fail reading " : "read ") + value + age,
                                      spurious ? "spurious" : value + age, spurious ? "spurious" : value};
        const float room = ImGui::GetContentRegionAvail().x, pad = 2 * ImGui::GetStyle().FramePadding.x;
        std::size_t pick = 0;
        while (pick + 1 < std::size(labels) && ImGui::CalcTextSize(labels[pick].c_str()).x + pad > room) ++pick;
        const std::string& label = labels[pick];
        const float left = ImGui::GetCursorScreenPos().x;
        ImGui::PushID(int(k));
        ImGui::PushStyleColor(ImGuiCol_Button, ImColor(t.failure).Value);
        if (ImGui::Button(label.c_str(), ImVec2(room, 0))) clicked = i, clicked_read = std::uint32_t(k);
        ImGui::PopStyleColor();
        ImGui::PopID();
        // Whether the lecturer can see it whole (--dump-state): inside the
        // window's visible height, and its label inside the button.
        const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
        const bool whole = lo.y >= visible_top && hi.y <= visible_bottom && lo.x >= left - 0.5f &&
                           ImGui::CalcTextSize(label.c_str()).x + pad <= hi.x - lo.x + 0.5f;
        drawn.push_back("choice " + th.name + " " + std::to_string(k) + " " + (whole ? "visible" : "hidden") + " " +
                        label);
        if (ImGui::IsItemHovered()) {
          if (spurious)
            ImGui::SetTooltip("Step %s, its weak CAS failing although it finds the expected value: C11 lets "
                              "compare_exchange_weak fail spuriously (at most once a run here)",
                              th.name.c_str());
          else
            ImGui::SetTooltip("Step %s, its %s reading the older store %s: nothing %s has seen (no "
                              "happens-before edge) orders it after the newer one, so C11 allows it",
                              th.name.c_str(), cas ? "CAS failing" : "load", value.c_str(), th.name.c_str());
        }
      }
      const bool bad = th.next->use_after_free || th.next->cas_fails;
      ImGui::PushStyleColor(ImGuiCol_Text, ImColor(bad ? t.failure : t.success).Value);
      ImGui::TextWrapped("%s", th.next->prediction.c_str());
      ImGui::PopStyleColor();
    } else {
      ImGui::TextColored(ImColor(t.failure).Value, "stopped");
    }
    ImGui::Separator();
    for (std::size_t k = 0; k < th.program.size(); ++k) {
      const bool done = k < th.results.size();
      const std::string result = done ? th.results[k].text() : std::string();
      const bool current = int(k) == th.current_op && !th.finished;
      if (current) ImGui::TextColored(ImColor(t.accent).Value, "> %s", th.program[k].c_str());
      else if (done) ImGui::TextColored(ImColor(t.dim).Value, "  %s  -> %s", th.program[k].c_str(), result.c_str());
      else ImGui::Text("  %s", th.program[k].c_str());
    }
    // What it holds, as the Memory window's dashed arrows show it.
    for (const sim::Holding& h : th.holds)
      ImGui::TextWrapped("%s: %s", std::string(name(h.role)).c_str(), run.object_name(h.object).c_str());
    if (!th.hazards.empty()) {
      std::string hz;
      for (sim::ObjectId h : th.hazards) hz += (hz.empty() ? "" : ", ") + run.object_name(h);
      ImGui::TextWrapped("hazards: %s", hz.c_str());
    }
    if (!th.retired.empty()) {
      std::string rt;
      for (sim::ObjectId r : th.retired) rt += (rt.empty() ? "" : ", ") + run.object_name(r);
      ImGui::TextWrapped("retired: %s", rt.c_str());
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
  ImGui::End();
  if (clicked >= 0) {
    s.step_thread(unsigned(clicked), clicked_read);
    selected = clicked;
  }
}

void ThreadsWindow::dump(std::ostream& out) const {
  if (drawn_frame < 0) return;
  for (const std::string& d : drawn) out << "threads " << d << '\n';
}

}  // namespace lfv::gui

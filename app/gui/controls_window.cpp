#include <imgui.h>

#include <cstdio>
#include <filesystem>

#include "commands.hpp"
#include "windows.hpp"

namespace lfv::gui {

namespace {
void tip(const char* text) {
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}
// A tooltip that names the command's keys, as the command table has them.
void tip(const char* text, Command c) {
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%s)", text, keys_text(c).c_str());
}
}  // namespace

void ControlsWindow::draw(Session& s, Options& o, const Theme& t, Requests& r) {
  ImGui::Begin("Controls", nullptr, ImGuiWindowFlags_NoCollapse);
  ImGui::TextWrapped("%s", s.scenario().title.c_str());
  const std::string defect(known_defect(s.completion(), s.reclaim()));
  if (!defect.empty()) ImGui::TextColored(ImColor(t.failure).Value, "DELIBERATELY BROKEN VARIANT");
  // Under c11: the model, and the weakened orders, which make any variant deliberately broken.
  if (s.memory().memory_model == sim::MemoryModel::c11) {
    if (s.orders_weakened()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImColor(t.failure).Value);
      ImGui::TextWrapped("c11, ORDERS WEAKENED (DELIBERATELY BROKEN): %s", s.memory().weaken.text().c_str());
      ImGui::PopStyleColor();
    } else {
      ImGui::TextWrapped("memory model c11 (the declared orders)");
    }
  }

  // The scenario browser.
  std::string current = std::filesystem::path(s.path()).filename().string();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##scenario", current.empty() ? "(open a scenario)" : current.c_str())) {
    for (const auto& file : library)
      if (ImGui::Selectable(std::filesystem::path(file).filename().string().c_str(), file == s.path()))
        r.open_path = file;
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Open").x - 2 * ImGui::GetStyle().ItemSpacing.x - 8);
  const bool enter = ImGui::InputTextWithHint("##path", "any scenario path", path, sizeof path,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (ImGui::Button("Open") || enter) r.open_path = path;

  // Variant pickers rebuild the run.
  int c = int(s.completion()), rc = int(s.reclaim());
  const char* completions[] = {"book", "paper", "versioned"};
  const char* reclaims[] = {"leak", "hazard", "free-now"};
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f - 4);
  bool changed = ImGui::Combo("##completion", &c, completions, 3);
  tip("How a pending write is completed (book and paper are deliberately broken)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  changed |= ImGui::Combo("##reclaim", &rc, reclaims, 3);
  tip("How replaced objects are reclaimed (free-now is deliberately broken)");
  if (changed) s.set_variant(Completion(c), Reclaim(rc));

  ImGui::Separator();
  ImGui::Text("step %zu of %zu", s.position(), s.choices().size());
  if (ImGui::Button("|<")) s.reset();
  tip("Reset to the start", Command::reset);
  ImGui::SameLine();
  if (ImGui::Button("<<")) s.previous_stop();
  tip("Back to the previous script step", Command::previous_stop);
  ImGui::SameLine();
  if (ImGui::Button("<")) s.back();
  tip("One step back", Command::back);
  ImGui::SameLine();
  if (ImGui::Button(">")) s.forward();
  tip("One step forward on the timeline", Command::forward);
  ImGui::SameLine();
  if (ImGui::Button(">>")) s.next_stop();
  tip("On to the next script step or pause point", Command::next_stop);
  ImGui::SameLine();
  if (ImGui::Button(s.playing() ? "Pause" : "Play")) s.toggle_playing();
  tip("Play or pause", Command::play);
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderFloat("##speed", &o.play_speed, 0.5f, 60.0f, "%.1f steps/s", ImGuiSliderFlags_Logarithmic);
  tip("Playing speed (+ and -)");

  ImGui::TextUnformatted("Step a thread (1-9):");
  for (unsigned i = 0; i < s.run().thread_count(); ++i) {
    if (i) ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, ImColor(t.thread(i)).Value);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0, 0, 0, 1));
    ImGui::BeginDisabled(!s.run().runnable(i));
    if (ImGui::Button(s.run().thread_name(i).c_str())) s.step_thread(i);
    ImGui::EndDisabled();
    ImGui::PopStyleColor(2);
  }
  // Safe branching: a stray thread key must not cost the lecture its script.
  ImGui::BeginDisabled(!s.can_undo());
  if (ImGui::Button("Undo choice")) s.undo_choice();
  ImGui::EndDisabled();
  tip("Undo the last thread chosen by hand", Command::undo_choice);
  ImGui::SameLine();
  ImGui::BeginDisabled(!s.can_go_back_to_script());
  if (ImGui::Button("Back to script")) s.back_to_script();
  ImGui::EndDisabled();
  tip("Take the script up again here (the steps so far are its own)", Command::back_to_script);

  ImGui::Separator();
  if (s.exploring()) {
    ImGui::Text("Exploring: %llu executions", (unsigned long long)s.explore_executions());
    if (ImGui::Button("Cancel")) s.cancel_explore();
    tip("Stop the search (Esc)");
  } else {
    if (ImGui::Button("Explore")) s.start_explore();
    tip("Search the interleavings for a failure, then load the counterexample (E)");
    // Which failure counts (lfvlab explore --want): a unit about one bug can
    // show another first, with fewer preemptions.
    // data-race: only a run under the c11 memory model can report one.
    static constexpr FailureKind kinds[] = {FailureKind::non_linearizable, FailureKind::use_after_free,
                                            FailureKind::data_race, FailureKind::double_free,
                                            FailureKind::livelock};
    const auto want = s.explore_want();
    const std::string shown = want ? "look for " + std::string(name(*want)) : "look for any failure";
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##want", shown.c_str())) {
      if (ImGui::Selectable("look for any failure", !want)) s.set_explore_want(std::nullopt);
      for (FailureKind k : kinds)
        if (ImGui::Selectable(("look for " + std::string(name(k))).c_str(), want == k)) s.set_explore_want(k);
      ImGui::EndCombo();
    }
    tip("Only this failure kind counts as a finding; the others are counted and the search goes on");
  }
  if (!s.explore_status().empty()) ImGui::TextWrapped("%s", s.explore_status().c_str());
  if (ImGui::Button("Save as scenario")) r.save_scenario = true;
  tip("Save the interleaving stepped so far as a scenario with a script (Ctrl+S)");
  ImGui::SameLine();
  if (ImGui::Button("Export PNG")) r.export_png = true;
  tip("Save a PNG of this view (F12)");
  if (ImGui::Button("Export steps")) r.export_steps = true;
  tip("One PNG per script step, for slides (Shift+F12)");
  ImGui::SameLine();
  if (ImGui::Button("Export GIF")) r.export_animation = true;
  tip("An animated GIF of the whole timeline, made by ffmpeg (Shift+F11)");
  ImGui::SameLine();
  if (ImGui::Button(o.presenter ? "Leave presenter" : "Presenter")) r.toggle_presenter = true;
  tip("Presenter mode: large type, high contrast (F5)");
  ImGui::SameLine();
  if (ImGui::Button("Help")) r.toggle_help = true;
  tip("Every shortcut (F1)");
  ImGui::SameLine();
  if (ImGui::Button("Live")) r.toggle_live = true;
  tip("Real threads on the real vector, against a mutex, plotted live (L)");

  // Where the exports above go.
  if (o.export_folder != folder_shown) {
    folder_shown = o.export_folder;
    std::snprintf(folder, sizeof folder, "%s", folder_shown.c_str());
  }
  const std::string folder_tip =
      "Exports and saves go to\n" +
      (o.export_folder.empty() ? default_folder + " (the default)" : o.export_folder) +
      "\nnumbered so they sort, never overwriting a file; the folder is made at the first export.\n"
      "Type another folder and press Enter or Set folder; empty: the default.";
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::SetNextItemWidth(-(ImGui::CalcTextSize("Set folder").x + 2 * style.FramePadding.x + style.ItemSpacing.x));
  const bool set = ImGui::InputTextWithHint("##folder", default_folder.c_str(), folder, sizeof folder,
                                            ImGuiInputTextFlags_EnterReturnsTrue);
  tip(folder_tip.c_str());
  ImGui::SameLine();
  if (ImGui::Button("Set folder") || set) r.export_folder = std::string(folder);
  tip(folder_tip.c_str());
  ImGui::End();
}

}  // namespace lfv::gui

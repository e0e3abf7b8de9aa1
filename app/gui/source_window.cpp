#include <imgui.h>

#include <cstring>
#include <string>
#include <source_location>
#include <string_view>
#include <vector>

#include "embedded.hpp"
#include "windows.hpp"

namespace lfv::gui {
namespace {

struct SourceFile {
  const char* name;
  std::vector<std::string_view> lines;
};

const std::vector<SourceFile>& sources() {
  static const std::vector<SourceFile> files = [] {
    std::vector<SourceFile> out;
    for (const EmbeddedFile& f : core_sources()) {
      SourceFile sf{f.name, {}};
      std::string_view text(reinterpret_cast<const char*>(f.data), f.size);
      for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        sf.lines.push_back(text.substr(start, end - start));
        start = end + 1;
      }
      out.push_back(std::move(sf));
    }
    return out;
  }();
  return files;
}

// The atlas's font of that name (app.cpp names each font it loads), or null.
ImFont* font_named(std::string_view name) {
  for (ImFont* f : ImGui::GetIO().Fonts->Fonts)
    if (name == f->GetDebugName()) return f;
  return nullptr;
}

}  // namespace

std::vector<int> lines_tagged(std::string_view file, Order tag) {
  std::vector<int> out;
  const std::string comment = "// (" + std::string(name(tag)) + ")";
  for (const SourceFile& f : sources()) {
    if (file != f.name) continue;
    for (std::size_t i = 0; i < f.lines.size(); ++i) {
      const std::string_view l = f.lines[i];
      const std::size_t lead = l.find_first_not_of(' ');
      // The call's line, not the legend's or a comment's of its own.
      if (lead != std::string_view::npos && l.substr(lead, 2) != "//" && l.find(comment) != std::string_view::npos)
        out.push_back(int(i + 1));
    }
  }
  return out;
}

int SourceWindow::followed(const Session& s) const {
  const unsigned n = s.run().thread_count();
  if (pinned >= 0 && unsigned(pinned) < n) return pinned;
  const auto& steps = s.run().log().steps;
  if (!steps.empty()) return steps.back().thread;  // the narration is about what just moved
  if (s.position() < s.choices().size()) return int(sim::thread_of(s.choices()[s.position()]));  // what moves next
  return n ? 0 : -1;
}

// The real core source, embedded at build time, with the followed thread's
// next line highlighted: the thread the last step moved, unless the
// lecturer pinned one.
void SourceWindow::draw(const Session& s, const Theme& t) {
  ImGui::Begin("Source", nullptr, ImGuiWindowFlags_NoCollapse);
  const auto& snap = s.snapshot();
  if (pinned >= int(snap.threads.size())) pinned = -1;  // another scenario, fewer threads
  const int thread = followed(s);
  const sim::NextActionView* next =
      thread >= 0 && std::size_t(thread) < snap.threads.size() && snap.threads[std::size_t(thread)].next
          ? &*snap.threads[std::size_t(thread)].next
          : nullptr;
  // The line the thread will run next; for a finished or stopped thread,
  // the line it last ran (a use-after-free, say).
  std::source_location at;
  bool have = false;
  if (next) {
    at = next->where;
    have = true;
  } else {
    const auto& steps = s.run().log().steps;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it)
      if (int(it->thread) == thread) {
        at = it->where;
        have = true;
        break;
      }
  }
  const char* file = have ? at.file_name() : "";
  int line = have ? int(at.line()) : -1;
  // A line the Orders window asked for, until the session moves on.
  if (asked && (asked->position != s.position() || asked->generation != s.generation())) asked.reset();
  if (asked) {
    file = asked->file.c_str();
    line = asked->line;
  }
  const SourceFile* shown = &sources().front();
  for (const auto& f : sources())
    if (std::string_view(file).ends_with(f.name)) shown = &f;
  // Which thread, and whether it is pinned: a pinned Source does not move
  // with the narration, so the pin must be visible.
  ImGui::TextUnformatted(shown->name);
  ImGui::SameLine();
  const std::string current =
      pinned >= 0 ? "pinned to thread " + snap.threads[std::size_t(pinned)].name : "follows the thread that moves";
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("follows the thread that moves").x + ImGui::GetFrameHeight() * 2);
  if (pinned >= 0) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImColor(t.thread(unsigned(pinned))).Value);
  if (pinned >= 0) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0, 0, 0, 1));
  const bool open = ImGui::BeginCombo("##follow", current.c_str());
  if (pinned >= 0) ImGui::PopStyleColor(2);
  if (open) {
    if (ImGui::Selectable("follows the thread that moves", pinned < 0)) pinned = -1;
    for (std::size_t i = 0; i < snap.threads.size(); ++i)
      if (ImGui::Selectable(("pin thread " + snap.threads[i].name).c_str(), pinned == int(i))) pinned = int(i);
    ImGui::EndCombo();
  }
  if (asked) {
    ImGui::SameLine();
    ImGui::TextColored(ImColor(t.accent).Value, "line %d, from the Orders window", asked->line);
  } else if (thread >= 0 && std::size_t(thread) < snap.threads.size() && pinned < 0) {
    ImGui::SameLine();
    ImGui::TextColored(ImColor(t.thread(unsigned(thread))).Value, "now: thread %s",
                       snap.threads[std::size_t(thread)].name.c_str());
  }
  ImGui::Separator();
  ImGui::BeginChild("code");
  // Code in a monospace font, so its indentation reads as written.
  ImFont* mono = font_named(kMonoFontName);
  if (mono) ImGui::PushFont(mono);
  code_font = ImGui::GetFont()->GetDebugName();
  const float h = ImGui::GetTextLineHeightWithSpacing();
  if (line > 0 && line != followed_line) {
    ImGui::SetScrollY(std::max(0.0f, float(line - 8) * h));
    followed_line = line;
  }
  ImGuiListClipper clip;
  clip.Begin(int(shown->lines.size()), h);
  while (clip.Step())
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const bool here = i + 1 == line && std::string_view(file).ends_with(shown->name);
      if (here) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y + h),
                                                  (t.thread(unsigned(thread)) & 0x00FFFFFF) | 0x60000000);
      }
      ImGui::TextColored(ImColor(here ? t.text : t.dim).Value, "%4d  %.*s", i + 1, int(shown->lines[std::size_t(i)].size()),
                         shown->lines[std::size_t(i)].data());
    }
  if (mono) ImGui::PopFont();
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace lfv::gui

#include <imgui.h>

#include <algorithm>

#include "windows.hpp"

namespace lfv::gui {

using scenario::ActionKind;

// Swimlanes per thread over the whole timeline: the steps taken, then the
// planned ones dimmed. Only the visible columns are drawn, so 100k steps
// cost what the width shows.
void TimelineWindow::draw(Session& s, const Theme& t) {
  ImGui::Begin("Timeline", nullptr, ImGuiWindowFlags_NoCollapse);
  drawn_frame = ImGui::GetFrameCount();
  const auto& run = s.run();
  const auto& log = run.log();
  const unsigned n = run.thread_count();
  const float lane = ImGui::GetTextLineHeightWithSpacing() * 1.2f;
  const float label_w = ImGui::CalcTextSize("WWWW").x;
  const std::size_t total = std::max(s.choices().size(), log.steps.size());
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("0000000000").x);
  ImGui::SliderFloat("zoom", &step_width, 2, 40, "%.0f px/step");
  ImGui::BeginChild("lanes", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(label_w + float(total + 1) * step_width, lane * float(n) + 4));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float scroll = ImGui::GetScrollX(), width = ImGui::GetWindowWidth();
  const std::size_t first = std::size_t(std::max(0.0f, (scroll - label_w) / step_width));
  const std::size_t last = std::min(total, std::size_t((scroll + width) / step_width) + 1);

  for (unsigned i = 0; i < n; ++i) {
    const float y = origin.y + float(i) * lane;
    dl->AddRectFilled(ImVec2(origin.x + scroll, y), ImVec2(origin.x + scroll + width, y + lane - 2),
                      (i % 2) ? IM_COL32(255, 255, 255, 8) : IM_COL32(0, 0, 0, 0));
  }
  for (std::size_t k = first; k < last; ++k) {
    const float x = origin.x + label_w + float(k) * step_width;
    if (k >= log.steps.size()) {  // planned but not taken
      const unsigned th = sim::thread_of(s.choices()[k]);
      const float y = origin.y + float(th) * lane;
      dl->AddRectFilled(ImVec2(x, y + lane * 0.35f), ImVec2(x + step_width - 1, y + lane * 0.65f),
                        (t.thread(th) & 0x00FFFFFF) | 0x50000000);
      continue;
    }
    const sim::StepEvent& e = log.steps[k];
    const float y = origin.y + float(e.thread) * lane;
    ImU32 c = t.thread(e.thread);
    float h = 0.3f;
    // A CAS shows its outcome; helping is a mark on top, never a colour
    // that hides whether the CAS failed.
    if (e.kind == ActionKind::cas) {
      c = e.success ? t.success : t.failure;
      h = 0.8f;
    } else if (e.helping) {
      c = t.helping;
    }
    const float x1 = x + std::max(1.0f, step_width - 1);
    dl->AddRectFilled(ImVec2(x, y + lane * (0.5f - h / 2)), ImVec2(x1, y + lane * (0.5f + h / 2)), c);
    if (e.helping) {  // a yellow cap over the bar, and a triangle above it
      dl->AddRectFilled(ImVec2(x, y + lane * 0.08f), ImVec2(x1, y + lane * 0.2f), t.helping);
      dl->AddTriangleFilled(ImVec2(x - 1, y), ImVec2(x1 + 1, y), ImVec2((x + x1) * 0.5f, y + lane * 0.12f), t.helping);
    }
    if (e.heap_end > e.heap_begin || e.kind == ActionKind::free || e.kind == ActionKind::reclaim)
      dl->AddCircleFilled(ImVec2(x + step_width * 0.5f, y + 3), 2.5f, t.text);
    if (log.failure && log.failure->step == e.index) {
      dl->AddLine(ImVec2(x - 3, y), ImVec2(x + step_width + 3, y + lane), t.failure, 3);
      dl->AddLine(ImVec2(x + step_width + 3, y), ImVec2(x - 3, y + lane), t.failure, 3);
    }
  }
  // Under c11, synchronises-with: an arrow from a release store to the
  // acquire that read it, in another thread's lane ("why this order").
  for (std::size_t k = first; k < std::min(last, log.steps.size()); ++k) {
    const sim::StepEvent& e = log.steps[k];
    if (e.synchronised_with == sim::kNoStep || e.synchronised_with >= log.steps.size()) continue;
    const sim::StepEvent& from = log.steps[e.synchronised_with];
    if (from.thread == e.thread) continue;
    const ImVec2 a(origin.x + label_w + (float(from.index) + 0.5f) * step_width, origin.y + (float(from.thread) + 0.5f) * lane);
    const ImVec2 b(origin.x + label_w + (float(e.index) + 0.5f) * step_width, origin.y + (float(e.thread) + 0.5f) * lane);
    dl->AddLine(a, b, t.synchronises, 2);
    const float dir = b.y > a.y ? 1.0f : -1.0f;  // the head points into the acquiring lane
    dl->AddTriangleFilled(ImVec2(b.x, b.y), ImVec2(b.x - 4, b.y - dir * 7), ImVec2(b.x + 4, b.y - dir * 7), t.synchronises);
  }
  // Operation ends: a tick where each operation took effect and returned.
  for (const auto& op : log.ops) {
    if (op.returned == sim::kNoStep || op.returned < first || op.returned >= last) continue;
    const float x = origin.x + label_w + float(op.returned + 1) * step_width - 1;
    const float y = origin.y + float(op.thread) * lane;
    dl->AddLine(ImVec2(x, y), ImVec2(x, y + lane - 2), t.text, 2);
  }
  // The names stand on the window's colour, over the bars scrolled under them.
  dl->AddRectFilled(ImVec2(origin.x + scroll, origin.y), ImVec2(origin.x + scroll + label_w - 2, origin.y + lane * float(n)),
                    ImGui::GetColorU32(ImGuiCol_WindowBg) | IM_COL32_A_MASK);  // opaque: the bars do not show through
  for (unsigned i = 1; i < n; i += 2)  // and the lanes' stripes under them
    dl->AddRectFilled(ImVec2(origin.x + scroll, origin.y + float(i) * lane),
                      ImVec2(origin.x + scroll + label_w - 2, origin.y + float(i + 1) * lane - 2), IM_COL32(255, 255, 255, 8));
  for (unsigned i = 0; i < n; ++i)
    dl->AddText(ImVec2(origin.x + scroll + 2, origin.y + float(i) * lane + 2), t.thread(i), run.thread_name(i).c_str());
  const float cx = origin.x + label_w + float(s.position()) * step_width;
  dl->AddLine(ImVec2(cx, origin.y), ImVec2(cx, origin.y + lane * float(n)), t.accent, 2);
  // Seen when it lies right of the thread names, inside the lanes' view.
  const float at = label_w + float(s.position()) * step_width;  // in the lanes' content
  const float view_w = ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x;
  cursor_visible = at >= scroll + label_w - 1 && at <= scroll + view_w - 1;
  // The position moved (a key, play, a jump): bring the cursor into view,
  // centred, from the next frame on; also when it nears an edge, so the
  // steps that come next show while playing. Only then: scrolling away
  // by hand stays put.
  if (s.position() != shown_position) {
    shown_position = s.position();
    const float margin = std::min(view_w * 0.15f, 8 * step_width);
    if (at < scroll + label_w + margin || at > scroll + view_w - margin)
      ImGui::SetScrollX(std::max(0.0f, at - view_w * 0.5f));
  }

  // Click or drag to scrub.
  if (ImGui::IsWindowHovered() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    const float mx = ImGui::GetIO().MousePos.x - origin.x - label_w;
    if (mx >= 0) s.go_to(std::size_t(mx / step_width + 0.5f));
    shown_position = s.position();  // under the mouse already: no scrolling while scrubbing
  }
  ImGui::EndChild();
  ImGui::End();
}

void TimelineWindow::dump(std::ostream& out) const {
  if (drawn_frame != ImGui::GetFrameCount()) return;  // presenter mode draws no timeline
  out << "timeline_cursor " << (cursor_visible ? "visible" : "hidden") << '\n';
}

}  // namespace lfv::gui

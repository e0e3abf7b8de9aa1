#include "plot.hpp"

#include <algorithm>
#include <cstdio>

namespace lfv::gui {

std::string format_rate(double v) {
  char b[32];
  if (v >= 1e6) std::snprintf(b, sizeof b, "%.1f M/s", v / 1e6);
  else if (v >= 1e3) std::snprintf(b, sizeof b, "%.1f k/s", v / 1e3);
  else std::snprintf(b, sizeof b, "%.0f /s", v);
  return b;
}

std::string format_bytes(double v) {
  char b[32];
  if (v >= 1 << 30) std::snprintf(b, sizeof b, "%.2f GiB", v / double(1 << 30));
  else if (v >= 1 << 20) std::snprintf(b, sizeof b, "%.1f MiB", v / double(1 << 20));
  else if (v >= 1 << 10) std::snprintf(b, sizeof b, "%.1f KiB", v / double(1 << 10));
  else std::snprintf(b, sizeof b, "%.0f B", v);
  return b;
}

std::string format_ratio(double v) {
  char b[32];
  std::snprintf(b, sizeof b, v >= 0.1 ? "%.2f" : "%.3f", v);
  return b;
}

void time_plot(const char* title, const std::vector<PlotSeries>& series, float x_min, float x_max, ImVec2 size,
               const Theme& t, std::string (*unit)(double)) {
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 a = ImGui::GetCursorScreenPos(), z(a.x + size.x, a.y + size.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, z, t.panel);

  // The title and the legend on the first line, with each series' latest value.
  float x = a.x + 6;
  dl->AddText(ImVec2(x, a.y + 2), t.text, title);
  x += ImGui::CalcTextSize(title).x + 16;
  for (const PlotSeries& s : series) {
    const std::string text = s.label + (s.points.empty() ? "" : " " + unit(s.points.back().y));
    dl->AddRectFilled(ImVec2(x, a.y + 2 + line * 0.3f), ImVec2(x + line * 0.8f, a.y + 2 + line * 0.7f), s.color);
    x += line;
    dl->AddText(ImVec2(x, a.y + 2), s.color, text.c_str());
    x += ImGui::CalcTextSize(text.c_str()).x + 16;
  }

  // The plotting area: below the legend, right of the y labels.
  float top = 0;
  for (const PlotSeries& s : series)
    for (const ImVec2& p : s.points)
      if (p.x >= x_min) top = std::max(top, p.y);
  top = top > 0 ? top * 1.15f : 1;
  const std::string top_label = unit(top), mid_label = unit(top / 2);
  const float label_w = std::max(ImGui::CalcTextSize(top_label.c_str()).x, ImGui::CalcTextSize(mid_label.c_str()).x);
  const ImVec2 pa(a.x + label_w + 12, a.y + line + 8), pz(z.x - 8, z.y - line - 6);
  if (pz.x - pa.x < 20 || pz.y - pa.y < 10) {
    ImGui::Dummy(size);
    return;
  }
  auto to_screen = [&](ImVec2 p) {
    const float fx = (p.x - x_min) / std::max(1e-3f, x_max - x_min);
    return ImVec2(pa.x + (pz.x - pa.x) * fx, pz.y - (pz.y - pa.y) * (p.y / top));
  };
  const bool room_for_mid = pz.y - pa.y > 2.5f * line;
  for (float f : {0.0f, 0.5f, 1.0f}) {  // grid lines at 0, half and the top
    const float y = pz.y - (pz.y - pa.y) * f;
    dl->AddLine(ImVec2(pa.x, y), ImVec2(pz.x, y), f == 0 ? t.border : t.dim & 0x40FFFFFF);
    if (f == 1 || (f == 0.5f && room_for_mid)) {
      const std::string& l = f == 1 ? top_label : mid_label;
      dl->AddText(ImVec2(a.x + 6, y - line * 0.5f), t.dim, l.c_str());
    }
  }
  char from[32];
  std::snprintf(from, sizeof from, "%.0f s", double(x_min));
  dl->AddText(ImVec2(pa.x, pz.y + 3), t.dim, from);
  std::snprintf(from, sizeof from, "%.0f s", double(x_max));
  dl->AddText(ImVec2(pz.x - ImGui::CalcTextSize(from).x, pz.y + 3), t.dim, from);

  dl->PushClipRect(pa, ImVec2(pz.x + 1, pz.y + 1), true);
  for (const PlotSeries& s : series) {
    std::vector<ImVec2> pts;
    // Only what is visible: the points from just before x_min on.
    auto first = std::lower_bound(s.points.begin(), s.points.end(), x_min,
                                  [](const ImVec2& p, float x0) { return p.x < x0; });
    if (first != s.points.begin()) --first;
    for (auto it = first; it != s.points.end(); ++it) pts.push_back(to_screen(*it));
    if (pts.size() >= 2) dl->AddPolyline(pts.data(), int(pts.size()), s.color, ImDrawFlags_None, 2);
    if (s.dots || pts.size() == 1)
      for (const ImVec2& p : pts) dl->AddCircleFilled(p, 3, s.color);
  }
  dl->PopClipRect();
  ImGui::Dummy(size);
}

}  // namespace lfv::gui

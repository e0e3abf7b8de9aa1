// The Orders window: every numbered memory order of the variant, as the
// code declares it (lfv/sim/declared_orders.hpp), and what the run takes.
// A combo per order offers the declared order and its weaker steps only,
// so an order is never strengthened past the code; the weakening lives in
// the session, which rebuilds the run.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "lfv/sim/declared_orders.hpp"
#include "windows.hpp"

namespace lfv::gui {
namespace {

std::string tag_list(const std::array<Order, 3>& tags) {
  std::string out;
  for (Order o : tags)
    if (o != Order::none) out += (out.empty() ? "" : ", ") + std::string(name(o));
  return out;
}

std::string declared_text(const sim::DeclaredOrder& d) {
  std::string out(sim::name(d.order));
  if (d.access == sim::OrderAccess::rmw && d.failure != d.order)
    out += ", " + std::string(sim::name(d.failure)) + " on failure";
  return out;
}

// The same, short, for the table's column ("acq_rel / relaxed"; the
// footnote under the table says what the slash means).
std::string declared_short(const sim::DeclaredOrder& d) {
  std::string out(sim::name(d.order));
  if (d.access == sim::OrderAccess::rmw && d.failure != d.order) out += " / " + std::string(sim::name(d.failure));
  return out;
}

// The next button on this line if it fits, else on the next.
void same_line_if_fits(const char* label) {
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x)
    ImGui::NewLine();
}

}  // namespace

float OrdersWindow::height(const Session& s) {
  std::size_t rows = 0;
  for (const sim::DeclaredOrder& d : sim::declared_orders()) rows += sim::in_scope(d.scope, s.completion(), s.reclaim());
  // The rows and the header; the model line, the refusal, the footnote
  // and the hidden ones' two lines; the title bar and the padding.
  const ImGuiStyle& st = ImGui::GetStyle();
  return float(rows + 1) * (ImGui::GetFrameHeight() + st.CellPadding.y * 2) +
         6 * ImGui::GetFrameHeightWithSpacing() + 2 * st.WindowPadding.y;
}

void OrdersWindow::draw(Session& s, const Theme& t, Requests& r) {
  drawn.clear();
  if (!open) return;
  drawn_frame = ImGui::GetFrameCount();
  ImGui::SetNextWindowBgAlpha(1);  // it lies over other windows: theirs must not show through
  if (!ImGui::Begin("Orders", &open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  // Narrow for its type (presenter mode at 1024x768): slightly smaller
  // type, still larger than normal mode's, and the lines' buttons without
  // the file's name (their tooltip and the footnote name it), so "What"
  // keeps room to be read; it wraps in whatever width is left.
  const bool narrow = ImGui::GetContentRegionAvail().x < 62 * ImGui::GetFontSize();
  ImGui::SetWindowFontScale(narrow ? 0.85f : 1.0f);
  const sim::RunOptions& m = s.memory();
  const bool c11 = m.memory_model == sim::MemoryModel::c11;
  drawn.push_back(std::string("model ") + (c11 ? "c11" : "sc"));
  // The model first: under sc no order matters, and the window says so
  // rather than offering choices that would change nothing.
  if (!c11) {
    ImGui::TextColored(ImColor(t.dim).Value, "Memory model sc: every step is ordered, so no order can matter.");
    ImGui::SameLine();
    if (ImGui::Button("Run under c11")) s.set_memory_model(sim::MemoryModel::c11);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The c11 memory model reads the orders: then one can be weakened");
  } else {
    ImGui::TextUnformatted("Memory model c11.");
    if (s.orders_weakened()) {
      const std::string broken = "DELIBERATELY BROKEN (orders weakened: " + m.weaken.text() + ")";
      same_line_if_fits(broken.c_str());
      ImGui::TextColored(ImColor(t.failure).Value, "%s", broken.c_str());
      drawn.push_back("label " + broken);
      same_line_if_fits("Restore declared orders");
      if (ImGui::Button("Restore declared orders")) s.restore_declared_orders();
      // Where it is, for a driven test to click (--dump-state).
      const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
      drawn.push_back("restore_at " + std::to_string(int((lo.x + hi.x) / 2)) + " " + std::to_string(int((lo.y + hi.y) / 2)));
    } else {
      ImGui::SameLine();
      ImGui::TextColored(ImColor(t.success).Value, "The orders the code declares.");
    }
    same_line_if_fits("back to sc");
    if (ImGui::SmallButton("back to sc")) s.set_memory_model(sim::MemoryModel::sc);
  }
  if (!refused.empty()) ImGui::TextColored(ImColor(t.failure).Value, "%s", refused.c_str());

  std::string hidden;
  for (const sim::DeclaredOrder& d : sim::declared_orders())
    if (!sim::in_scope(d.scope, s.completion(), s.reclaim()))
      // A new variant drops the weakenings its code lacks (Session::set_variant);
      // one given by a file or --weaken for another variant still shows here.
      hidden += (hidden.empty() ? "" : ", ") + std::string(name(d.tag)) + " (" + std::string(name(d.scope)) +
                (m.weaken.to[std::size_t(d.tag)] ? "; weakened, no effect here" : "") + ")";
  const std::string hidden_text = "Not in " + std::string(name(s.completion())) + " + " +
                                  std::string(name(s.reclaim())) + "'s code (hidden): " + hidden;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingFixedFit;
  std::string files;
  for (const sim::DeclaredOrder& d : sim::declared_orders())
    if (sim::in_scope(d.scope, s.completion(), s.reclaim()) && files.find(d.file) == std::string::npos)
      files += (files.empty() ? "" : ", ") + std::string(d.file);
  const std::string footnote = std::string("x / y: a CAS's order on success / on failure.") +
                               (narrow ? " Lines in " + files + " (hover for the file)." : "");
  // Room under the table for the footnote and the hidden orders, wrapped.
  const float avail_w = ImGui::GetContentRegionAvail().x;
  const float footer = ImGui::CalcTextSize(footnote.c_str(), nullptr, false, avail_w).y +
                       (hidden.empty() ? 0 : ImGui::CalcTextSize(hidden_text.c_str(), nullptr, false, avail_w).y) +
                       ImGui::GetStyle().ItemSpacing.y * 3;
  if (ImGui::BeginTable("orders", 6, flags, ImVec2(0, -footer))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Order");
    ImGui::TableSetupColumn("Declared");
    ImGui::TableSetupColumn("Runs with");
    ImGui::TableSetupColumn("Pairs with");
    ImGui::TableSetupColumn(narrow ? "Lines (show)" : "Where (show)");
    ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    // Below the frozen header row, the rows the table shows without scrolling.
    const float rows_top = ImGui::GetItemRectMax().y;
    const float rows_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
    for (const sim::DeclaredOrder& d : sim::declared_orders()) {
      const std::string tag(name(d.tag));
      if (!sim::in_scope(d.scope, s.completion(), s.reclaim())) continue;
      ImGui::PushID(int(d.tag));
      const bool carried = d.carried_by != Order::none;
      const auto& asked = m.weaken.to[std::size_t(d.tag)];
      const bool weakened = c11 && asked && !carried;
      const std::memory_order runs = c11 ? m.weaken.apply(d.tag, d.order) : d.order;
      ImGui::TableNextRow();
      if (weakened) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, (t.failure & 0x00FFFFFF) | 0x70000000);
      const ImVec4 ink = ImColor(carried ? t.dim : t.text).Value;
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();  // level with the row's combo
      ImGui::TextColored(ink, "(%s) %s", tag.c_str(), std::string(name(d.access)).c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("(%s), a %s in %s: %s", tag.c_str(), std::string(name(d.access)).c_str(),
                          std::string(d.file).c_str(), std::string(d.what).c_str());
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();  // level with the row's combo
      ImGui::TextColored(ink, "%s", declared_short(d).c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Declared: %s", declared_text(d).c_str());
      ImGui::TableNextColumn();
      std::string row = "row " + tag + " access=" + std::string(name(d.access)) + " declared=" + declared_text(d);
      if (carried) {
        ImGui::TextColored(ink, "as (%s)'s load", std::string(name(d.carried_by)).c_str());
        row += " carried_by=" + std::string(name(d.carried_by));
      } else {
        const auto steps = sim::weakening_steps(d);
        const float widest = std::max(ImGui::CalcTextSize("as declared").x, ImGui::CalcTextSize("release WEAKENED").x);
        ImGui::SetNextItemWidth(widest + ImGui::GetFrameHeight() * 1.5f);
        ImGui::BeginDisabled(!c11);
        if (weakened) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImColor(t.failure).Value);
        // The declared order is in the column before: "as declared" says it is taken.
        const std::string shown = runs == d.order ? std::string("as declared") : std::string(sim::name(runs)) + " WEAKENED";
        const bool combo = ImGui::BeginCombo("##runs", shown.c_str());
        if (weakened) ImGui::PopStyleColor();
        if (combo) {
          std::vector<std::memory_order> offered{d.order};
          offered.insert(offered.end(), steps.begin(), steps.end());
          for (std::memory_order mo : offered) {
            const std::string label = std::string(sim::name(mo)) + (mo == d.order ? " (declared)" : "");
            if (ImGui::Selectable(label.c_str(), mo == runs)) {
              const auto why = s.weaken_order(d.tag, mo);
              refused = why ? *why : std::string();
            }
          }
          ImGui::EndCombo();
        }
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
          ImGui::SetTooltip(c11 ? "The declared order, or a weaker one: never stronger than the code"
                                : "Under sc no order matters: run under c11 first");
        row += " runs=" + std::string(sim::name(runs)) + (weakened ? " weakened" : "");
      }
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();  // level with the row's combo
      ImGui::TextColored(ink, "%s", tag_list(d.pairs_with).c_str());
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();  // level with the row's combo
      if (!narrow) ImGui::TextColored(ink, "%s", std::string(d.file).c_str());
      std::string where(d.file);
      for (int line : lines_tagged(d.file, d.tag)) {
        if (!narrow || where.size() > d.file.size()) ImGui::SameLine();
        if (ImGui::SmallButton(std::to_string(line).c_str())) r.show_source = {std::string(d.file), line};
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("%s:%d: show this line in the Source window", std::string(d.file).c_str(), line);
        where += (where.size() == d.file.size() ? ":" : ",") + std::to_string(line);
      }
      row += " pairs=" + tag_list(d.pairs_with) + " where=" + where;
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();  // level with the row's combo
      ImGui::PushStyleColor(ImGuiCol_Text, ink);
      ImGui::TextWrapped("%s", std::string(d.what).c_str());  // never clipped: it wraps in the column
      ImGui::PopStyleColor();
      // Whether the lecturer reads it whole without scrolling (--dump-state):
      // in the rows' visible height, and no word wider than the column.
      const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
      float longest = 0;
      for (std::string_view rest = d.what; !rest.empty();) {
        const std::size_t sp = rest.find(' ');
        const std::string word(rest.substr(0, sp));
        longest = std::max(longest, ImGui::CalcTextSize(word.c_str()).x);
        rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      }
      const bool readable = lo.y >= rows_top - 0.5f && hi.y <= rows_bottom + 0.5f && longest <= hi.x - lo.x + 0.5f;
      row += std::string(" what=") + (readable ? "shown" : "hidden");
      drawn.push_back(row);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImColor(t.dim).Value);
  ImGui::TextWrapped("%s", footnote.c_str());
  if (!hidden.empty()) {
    ImGui::TextWrapped("%s", hidden_text.c_str());
    drawn.push_back("hidden " + hidden);
  }
  ImGui::PopStyleColor();
  drawn.push_back(std::string("layout ") + (narrow ? "narrow" : "wide"));
  ImGui::End();
}

void OrdersWindow::dump(std::ostream& out) const {
  if (drawn_frame < 0 || drawn.empty()) return;
  for (const std::string& d : drawn) out << "orders " << d << '\n';
}

}  // namespace lfv::gui

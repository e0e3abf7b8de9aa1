#include <imgui.h>

#include <algorithm>
#include <array>

#include "plot.hpp"
#include "windows.hpp"

namespace lfv::gui {
namespace {

constexpr sim::LifeState kStates[] = {sim::LifeState::private_, sim::LifeState::shared,     sim::LifeState::unlinked,
                                      sim::LifeState::retired,  sim::LifeState::protected_, sim::LifeState::leaked,
                                      sim::LifeState::reclaimed, sim::LifeState::freed};
// The vector's own objects; the vector itself and the hazard records are
// fixed, and the Memory window does not draw them either.
constexpr sim::HeapKind kKinds[] = {sim::HeapKind::descriptor, sim::HeapKind::write_descriptor, sim::HeapKind::bucket};

// Short whole words, so a header fits a quarter of a projector's width.
const char* column_name(sim::HeapKind k) {
  switch (k) {
    case sim::HeapKind::descriptor: return "descriptors";
    case sim::HeapKind::write_descriptor: return "writes";
    case sim::HeapKind::bucket: return "buckets";
    default: return "objects";
  }
}

// A header shortened to fit says in full on hover.
const char* column_tooltip(sim::HeapKind k) {
  return k == sim::HeapKind::write_descriptor ? "write descriptors" : nullptr;
}

bool counted(sim::HeapKind k) { return std::find(std::begin(kKinds), std::end(kKinds), k) != std::end(kKinds); }
bool in_memory(sim::LifeState s) { return s != sim::LifeState::reclaimed && s != sim::LifeState::freed; }

// One row of the table: the objects of a state (or of every state in memory).
struct Row {
  std::string label;
  ImU32 color = 0;
  std::array<std::size_t, std::size(kKinds)> count{};
  std::size_t bytes = 0;
  std::string names;  // for the tooltip
  std::size_t objects() const {
    std::size_t n = 0;
    for (std::size_t c : count) n += c;
    return n;
  }
};

}  // namespace

LedgerWindow::Sample LedgerWindow::sample(const sim::Snapshot& snap) {
  Sample s;
  for (const auto& o : snap.objects) {
    if (!counted(o.kind)) continue;
    const float b = float(o.bytes);
    switch (o.state) {
      case sim::LifeState::private_:
      case sim::LifeState::shared:
      case sim::LifeState::unlinked: s.live += b; break;
      case sim::LifeState::retired:
      case sim::LifeState::protected_: s.retired += b; break;
      case sim::LifeState::leaked: s.leaked += b; break;
      case sim::LifeState::reclaimed:
      case sim::LifeState::freed: break;
    }
  }
  return s;
}

void LedgerWindow::follow(const Session& s) {
  const auto& choices = s.choices();
  const std::size_t position = std::min(s.position(), choices.size());
  // At most about 400 samples: a long trace costs what a short one does.
  const std::size_t want_stride = std::max<std::size_t>(1, choices.size() / 400);
  bool same = replay && replay_generation == s.generation() && stride == want_stride;
  if (same) {
    const auto& done = replay->schedule();
    same = done.size() <= choices.size() && std::equal(done.begin(), done.end(), choices.begin());
  }
  if (!same) {
    replay = sim::start_run(s.scenario(), s.completion(), s.reclaim(), s.memory());
    replay_generation = s.generation();
    stride = want_stride;
    samples = {sample(replay->snapshot())};
  }
  for (std::size_t k = replay->schedule().size(); k < position; ++k) {
    if (!replay->step(choices[k])) break;
    if ((k + 1) % stride == 0) samples.push_back(sample(replay->snapshot()));
  }
}

void LedgerWindow::dump(std::ostream& out) const {
  if (drawn_frame != ImGui::GetFrameCount()) return;  // not drawn in the last frame
  for (const std::string& line : drawn) out << line << '\n';
}

void LedgerWindow::draw(const Session& s, const Theme& t) {
  drawn.clear();
  drawn_frame = ImGui::GetFrameCount();
  ImGui::Begin("Ledger", nullptr, ImGuiWindowFlags_NoCollapse);
  const auto& snap = s.snapshot();

  // The rows: each state that has objects now, then what is in memory.
  std::vector<Row> rows;
  Row total{"in memory", t.text, {}, 0, {}};
  bool kind_seen[std::size(kKinds)] = {};
  for (auto st : kStates) {
    Row r{std::string(name(st)), t.state(st), {}, 0, {}};
    for (const auto& o : snap.objects) {
      if (!counted(o.kind)) continue;
      const std::size_t k = std::size_t(std::find(std::begin(kKinds), std::end(kKinds), o.kind) - std::begin(kKinds));
      kind_seen[k] = true;
      if (o.state != st) continue;
      ++r.count[k];
      r.bytes += o.bytes;
      r.names += (r.names.empty() ? "" : ", ") + o.name;
      if (in_memory(st)) ++total.count[k], total.bytes += o.bytes;
    }
    if (r.objects()) rows.push_back(std::move(r));
  }

  // A column per kind where they fit beside the state's longest word,
  // else one "objects" column (the kinds in each cell's tooltip).
  const ImGuiStyle& style = ImGui::GetStyle();
  const float pad = 2 * style.CellPadding.x + 1;
  auto text_w = [](const std::string& x) { return ImGui::CalcTextSize(x.c_str()).x; };
  const std::string bytes_widest = format_bytes(999.9 * 1024);
  float wide = text_w("protected,") + pad + std::max(text_w("bytes"), text_w(bytes_widest)) + pad;
  for (std::size_t k = 0; k < std::size(kKinds); ++k)
    if (kind_seen[k]) wide += text_w(column_name(kKinds[k])) + pad;
  const bool by_kind = wide <= ImGui::GetContentRegionAvail().x;
  drawn.push_back(std::string("ledger_layout ") + (by_kind ? "kinds" : "objects"));

  struct Column {
    std::string header;
    float width = 0;                 // 0: stretches
    const char* tooltip = nullptr;   // the header in full
  };
  std::vector<Column> columns{{"state", 0}};
  std::vector<std::size_t> kinds_shown;
  if (by_kind) {
    for (std::size_t k = 0; k < std::size(kKinds); ++k)
      if (kind_seen[k]) kinds_shown.push_back(k), columns.push_back({column_name(kKinds[k]), 0, column_tooltip(kKinds[k])});
  } else {
    columns.push_back({"objects", 0});
  }
  columns.push_back({"bytes", 0});
  for (std::size_t c = 1; c < columns.size(); ++c) {
    columns[c].width = text_w(columns[c].header);
    for (const Row& r : rows) columns[c].width = std::max(columns[c].width, text_w(format_bytes(double(r.bytes))));
    columns[c].width = std::max(columns[c].width, text_w(format_bytes(double(total.bytes))));
  }

  if (ImGui::BeginTable("ledger", int(columns.size()), ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
    for (const Column& c : columns)
      ImGui::TableSetupColumn(c.header.c_str(), c.width > 0 ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch,
                              c.width);
    // The headers by hand, to know whether each fits its column as drawn.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      ImGui::TableSetColumnIndex(int(c));
      const bool fits = text_w(columns[c].header) <= ImGui::GetContentRegionAvail().x + 0.5f;
      ImGui::TableHeader(columns[c].header.c_str());
      if (columns[c].tooltip && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", columns[c].tooltip);
      drawn.push_back("ledger_header " + columns[c].header + (fits ? " shown" : " clipped"));
    }
    rows.push_back(total);
    for (const Row& r : rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (&r == &rows.back()) {
        ImGui::TextUnformatted(r.label.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("every state but reclaimed and freed");
      } else {
        const float sq = ImGui::GetTextLineHeight() * 0.6f;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + sq * 0.35f), ImVec2(p.x + sq, p.y + sq * 1.35f), r.color);
        ImGui::Indent(sq + 4);
        ImGui::TextWrapped("%s", r.label.c_str());
        ImGui::Unindent(sq + 4);
      }
      if (by_kind) {
        for (std::size_t k : kinds_shown) {
          ImGui::TableNextColumn();
          if (r.count[k]) ImGui::Text("%zu", r.count[k]);
        }
      } else {
        ImGui::TableNextColumn();
        ImGui::Text("%zu", r.objects());
      }
      if (r.objects() && ImGui::IsItemHovered()) {  // how many of each kind, and which
        std::string tip;
        for (std::size_t k = 0; k < std::size(kKinds); ++k)
          if (r.count[k]) tip += (tip.empty() ? "" : ", ") + std::to_string(r.count[k]) + " " + column_name(kKinds[k]);
        if (!r.names.empty()) tip += ": " + r.names;
        ImGui::SetTooltip("%s", tip.c_str());
      }
      ImGui::TableNextColumn();
      const std::string b = format_bytes(double(r.bytes));
      ImGui::TextUnformatted(b.c_str());
      drawn.push_back("ledger_bytes " + r.label + "=" + b);
      drawn.push_back("ledger_objects " + r.label + "=" + std::to_string(r.objects()));
    }
    ImGui::EndTable();
  }

  // Live, retired and leaked bytes over the steps, up to the position.
  follow(s);
  PlotSeries live{"live", t.state(sim::LifeState::shared), {}}, retired{"retired", t.state(sim::LifeState::retired), {}},
      leaked{"leaked", t.state(sim::LifeState::leaked), {}};
  const std::size_t position = s.position();
  for (std::size_t i = 0; i < samples.size() && i * stride < position; ++i) {
    const float x = float(i * stride);
    live.points.push_back(ImVec2(x, samples[i].live));
    retired.points.push_back(ImVec2(x, samples[i].retired));
    leaked.points.push_back(ImVec2(x, samples[i].leaked));
  }
  const Sample now = sample(snap);  // the position itself, exactly
  live.points.push_back(ImVec2(float(position), now.live));
  retired.points.push_back(ImVec2(float(position), now.retired));
  leaked.points.push_back(ImVec2(float(position), now.leaked));
  const float steps = float(std::max<std::size_t>(1, std::max(s.choices().size(), position)));
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  describe_plot(drawn, "ledger", "bytes",
                time_plot("", {live, retired, leaked}, 0, steps, ImVec2(avail.x, std::max(60.0f, avail.y - 4)), t,
                          PlotUnit::steps, PlotUnit::bytes));
  ImGui::End();
}

}  // namespace lfv::gui

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "memory_parts.hpp"
#include "windows.hpp"

namespace lfv::gui {
namespace {

using memory::BoxLine;
using memory::Pen;
using memory::width;

constexpr double kGlowSeconds = 0.6;
constexpr float kMinZoom = 0.4f, kMaxZoom = 3.0f, kMaxFitZoom = 1.6f;

enum class ArrowKind : std::uint8_t { pointer, descriptor, hazard, held, helping, use_after_free };
const char* arrow_text(ArrowKind k) {
  switch (k) {
    case ArrowKind::pointer: return "pointer field";
    case ArrowKind::descriptor: return "the vector's descriptor";
    case ArrowKind::hazard: return "hazard pointer";
    case ArrowKind::held: return "held by a thread";
    case ArrowKind::helping: return "helping";
    case ArrowKind::use_after_free: return "held, freed";
  }
  return "?";
}

bool gone(sim::LifeState s) { return s == sim::LifeState::reclaimed || s == sim::LifeState::freed; }

// What the window shows at this step, decided once and then laid out.
struct Scene {
  std::vector<const sim::ObjectView*> buckets;  // bucket rows
  std::vector<const sim::ObjectView*> boxes;    // descriptors and writes
  std::vector<std::vector<BoxLine>> lines;      // per box
  std::vector<int> slot_of;                     // per box: its place in the grid, stable over the steps
  std::vector<const sim::ObjectView*> shelf;    // leaked
  std::string header, verdict, shelf_text;
  float box_w = 0;
};

struct Layout {
  float header_h = 0, verdict_h = 0;
  std::vector<float> bucket_y;
  std::vector<int> cells_per_line;
  float cell = 0, bucket_label = 0;
  float badges_y = 0, grid_y = 0;
  std::vector<float> row_y;  // each row of the grid's top; a row with no box shown takes no room
  int per_row = 1;
  float shelf_y = 0, shelf_h = 0, legend_y = 0, height = 0;
  std::vector<ImVec2> legend;  // positions of the legend's items
};

float line_h() { return ImGui::GetTextLineHeightWithSpacing(); }
float box_h(std::size_t lines) { return line_h() * float(lines + 1) + 6; }

std::vector<std::string> legend_items() {
  std::vector<std::string> out;
  for (auto st : {sim::LifeState::private_, sim::LifeState::shared, sim::LifeState::unlinked, sim::LifeState::retired,
                  sim::LifeState::protected_, sim::LifeState::leaked, sim::LifeState::reclaimed, sim::LifeState::freed})
    out.emplace_back(name(st));
  for (auto k : {ArrowKind::pointer, ArrowKind::descriptor, ArrowKind::hazard, ArrowKind::held, ArrowKind::helping})
    out.emplace_back(arrow_text(k));
  return out;
}
float legend_item_w(const std::string& s) { return line_h() * 1.6f + width(s) + line_h() * 0.8f; }

// Everything's place, in unscaled units, for a window `w` units wide.
Layout lay_out(const Scene& sc, float w) {
  Layout l;
  const float L = line_h(), gap = L * 1.2f;
  l.header_h = L * 1.2f;
  l.verdict_h = sc.verdict.empty() ? 0 : memory::wrapped_height(sc.verdict, w - 8) + 8;
  float y = l.header_h + l.verdict_h + 4;
  l.cell = width("00000 #00") + 8;
  l.bucket_label = std::max(width("B00'") + 14, 0.8f * width("lost the race, freed") + 8);
  for (const auto* b : sc.buckets) {
    l.bucket_y.push_back(y);
    const int per_line = std::max(1, int((w - l.bucket_label) / l.cell));
    const std::size_t shown = std::min<std::size_t>(b->slots.size(), 16);
    l.cells_per_line.push_back(per_line);
    const std::size_t lines = shown ? (shown + std::size_t(per_line) - 1) / std::size_t(per_line) : 1;
    y += std::max(float(lines) * L * 1.7f, L * 2.1f) + 4;
  }
  if (sc.buckets.empty()) y += L;
  l.badges_y = y + 6;
  l.grid_y = l.badges_y + L * 1.4f + gap;
  l.per_row = std::max(1, int((w + gap) / (sc.box_w + gap)));
  int slots = 0;
  for (int slot : sc.slot_of) slots = std::max(slots, slot + 1);
  const int rows = (slots + l.per_row - 1) / l.per_row;
  std::vector<float> row_h(std::size_t(rows), 0.0f);
  for (std::size_t i = 0; i < sc.boxes.size(); ++i) {
    float& h = row_h[std::size_t(sc.slot_of[i] / l.per_row)];
    h = std::max(h, box_h(sc.lines[i].size()));
  }
  y = l.grid_y;
  for (float h : row_h) {
    l.row_y.push_back(y);
    if (h > 0) y += h + gap;
  }
  l.shelf_y = rows ? y : y + L;
  l.shelf_h = L + (sc.shelf.empty() ? 0 : memory::wrapped_height(sc.shelf_text, w - 8));
  l.legend_y = l.shelf_y + l.shelf_h + 8;
  float lx = 0, ly = l.legend_y + 4;
  for (const std::string& item : legend_items()) {
    const float iw = legend_item_w(item);
    if (lx > 0 && lx + iw > w) lx = 0, ly += L;
    l.legend.push_back(ImVec2(lx, ly));
    lx += iw;
  }
  l.height = ly + L + 4;
  return l;
}

}  // namespace

void MemoryWindow::zoom_by(Options& o, float factor) {
  o.memory_fit = false;
  o.memory_zoom = std::clamp((std::isfinite(o.memory_zoom) ? o.memory_zoom : 1) * factor, kMinZoom, kMaxZoom);
}

void MemoryWindow::dump(std::ostream& out) const {
  for (const std::string& line : drawn) out << line << '\n';
}

void MemoryWindow::draw(const Session& s, Options& opt, const Theme& t) {
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::Begin("Memory", nullptr, ImGuiWindowFlags_NoCollapse | (io.KeyCtrl ? ImGuiWindowFlags_NoScrollWithMouse : 0));
  const sim::Snapshot& snap = s.snapshot();
  const sim::Run& run = s.run();
  drawn.clear();
  const auto& v = snap.vector;
  const double now = ImGui::GetTime();
  if (s.position() != last_position) {
    const bool first = last_position == std::size_t(-1);  // nothing to compare with yet
    changed_at.resize(snap.objects.size(), -1.0);
    for (std::size_t i = 0; i < snap.objects.size() && !first; ++i)
      if (i >= last_states.size() || last_states[i] != snap.objects[i].state) changed_at[i] = now;
    last_states.clear();
    for (const auto& o : snap.objects) last_states.push_back(o.state);
    last_position = s.position();
  }

  // The toolbar, smaller than the graph: the graph is what the room reads.
  ImGui::SetWindowFontScale(0.8f);
  ImGui::Checkbox("show freed", &show_gone);
  ImGui::SameLine();
  ImGui::Checkbox("fit", &opt.memory_fit);
  ImGui::SameLine();
  if (ImGui::SmallButton("-")) zoom_by(opt, 1 / 1.15f);
  ImGui::SameLine();
  if (ImGui::SmallButton("+")) zoom_by(opt, 1.15f);
  ImGui::SameLine();
  ImGui::TextColored(ImColor(t.dim).Value, "%d%%", int(std::lround(shown_zoom * 100)));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Zoom: Ctrl+wheel over the graph, Ctrl+= and Ctrl+-; fit: the zoom that shows everything");
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) && io.KeyCtrl && io.MouseWheel != 0)
    zoom_by(opt, std::pow(1.1f, io.MouseWheel));
  // Under c11, with Views open: one thread's stale values, by where they are.
  const sim::ThreadView* viewer = stale_view_of >= 0 && std::size_t(stale_view_of) < snap.threads.size()
                                      ? &snap.threads[std::size_t(stale_view_of)]
                                      : nullptr;
  const auto stale_at = [&](Target target, sim::ObjectId object, std::int64_t element) -> const sim::LocationView* {
    if (!viewer) return nullptr;
    for (const sim::LocationView& l : viewer->memory)
      if (l.stale() && l.target == target && (target == Target::descriptor || l.object == object) &&
          l.element == element)
        return &l;
    return nullptr;
  };
  const ImU32 viewer_colour = viewer ? t.thread(unsigned(stale_view_of)) : t.text;
  const auto sees = [&](const sim::LocationView& l) { return "(" + viewer->name + " sees " + l.seen.value + ")"; };
  if (viewer && run.memory_model() == sim::MemoryModel::c11) {
    ImGui::SameLine();
    ImGui::TextColored(ImColor(viewer_colour).Value, "%s's stale values shown (V)", viewer->name.c_str());
    // The same values in the toolbar's type: the marks in the graph shrink
    // with its zoom, and at a projector's 1024x768 they are too small to read.
    // The words the graph marks (the descriptor, flags, slots), four at
    // most; the rest (hazard slots, the bucket table) are counted.
    std::string legend;
    std::size_t listed = 0, stale_count = 0;
    for (const sim::LocationView& l : viewer->memory) {
      if (!l.stale()) continue;
      ++stale_count;
      const bool marked = l.target == Target::descriptor || l.target == Target::pending || l.target == Target::done ||
                          l.target == Target::slot;
      if (!marked || listed == 4) continue;
      legend += (listed++ ? ";  " : "") + l.name + ": " + l.seen.value + " (latest " + l.latest.value + ")";
    }
    if (stale_count > listed)
      legend += (listed ? ";  " : "") + std::to_string(stale_count - listed) + (listed ? " more" : " stale") +
                " in the Views window";
    if (stale_count == 0) legend = "only the latest store of every location";
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImColor(viewer_colour).Value, "%s may still read %s", viewer->name.c_str(), legend.c_str());
    ImGui::PopTextWrapPos();
    drawn.push_back("stale legend " + viewer->name + " may still read " + legend);
  }
  ImGui::SetWindowFontScale(1);

  // What is shown. A freed object stays in view while a thread still
  // points at it (where a use-after-free comes from), and through the
  // script step that freed it (the loser of a bucket race).
  const auto released = memory::release_steps(run.log());
  std::uint32_t step_start = 0;
  for (const StopPoint& p : s.stops())
    if (p.step < s.position()) step_start = p.step;
  const auto freed_lately = [&](sim::ObjectId id) {
    auto it = released.find(id);
    return it != released.end() && it->second >= step_start;
  };
  const auto pointed_at = [&](sim::ObjectId id) {
    for (const auto& th : snap.threads)
      if (th.loaded == id || th.completing == id) return true;
    return false;
  };
  const auto held = [&](sim::ObjectId id) {
    for (const auto& th : snap.threads)
      for (const auto& h : th.holds)
        if (h.object == id) return true;
    return false;
  };
  Scene sc;
  sc.box_w = std::max(width("location: [00] in B0'"), width("held by W (about to perform)")) + 16;
  std::vector<const sim::ObjectView*> candidates;  // every object that is ever a box, in allocation order
  for (const auto& o : snap.objects) {
    if (o.kind == sim::HeapKind::bucket) {
      if (!gone(o.state) || show_gone || freed_lately(o.id)) sc.buckets.push_back(&o);
      continue;
    }
    if (o.kind != sim::HeapKind::descriptor && o.kind != sim::HeapKind::write_descriptor) continue;
    candidates.push_back(&o);
    if (o.state == sim::LifeState::leaked) sc.shelf.push_back(&o);
  }
  // Stable places: an object's place is its rank among the objects ever
  // shown, less whole rows that are empty before the first one shown.
  std::vector<bool> visible;
  for (const auto* o : candidates) {
    const bool show = o->lost_at != sim::kNoStep || held(o->id) ||
                      (o->state != sim::LifeState::leaked &&
                       (!gone(o->state) || show_gone || pointed_at(o->id) || freed_lately(o->id)));
    visible.push_back(show);
  }
  std::vector<std::size_t> shown_rank;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (visible[i]) {
      sc.boxes.push_back(candidates[i]);
      sc.lines.push_back(memory::box_lines(snap, *candidates[i], t));
      // A flag or pointer field the viewer's view is stale on: what it sees, beside the latest.
      const std::size_t first = candidates[i]->lost_at != sim::kNoStep ? 1 : 0;
      for (std::size_t k = 0; k < candidates[i]->fields.size(); ++k) {
        const Field f = candidates[i]->fields[k].field;
        const Target target = f == Field::done ? Target::done : f == Field::pending ? Target::pending : Target::field;
        if (target == Target::field) continue;
        if (const sim::LocationView* l = stale_at(target, candidates[i]->id, -1)) {
          BoxLine& bl = sc.lines.back()[first + k];
          bl.text += "  " + sees(*l);
          bl.color = viewer_colour;
          drawn.push_back("stale " + viewer->name + " " + l->name + " latest " + l->latest.value + " sees " +
                          l->seen.value);
        }
      }
      shown_rank.push_back(i);
      for (const BoxLine& bl : sc.lines.back()) sc.box_w = std::max(sc.box_w, width(bl.text) + 16);
    }
  // The header: the vector's descriptor pointer and its pending write.
  sc.header = "vector: descriptor -> " + run.object_name(v.descriptor);
  if (const sim::LocationView* l = stale_at(Target::descriptor, sim::kNoObject, -1)) {
    sc.header += "  " + sees(*l);
    drawn.push_back("stale " + viewer->name + " " + l->name + " latest " + l->latest.value + " sees " + l->seen.value);
  }
  sc.header += "   size " + std::to_string(v.size) + "   ";
  if (v.pending == v.descriptor && v.pending != sim::kNoObject) sc.header += "its write is pending: " + v.pending_text;
  else if (v.pending != sim::kNoObject) sc.header += "pending write " + run.object_name(v.pending) + ": " + v.pending_text;
  else sc.header += "no pending write";
  if (const auto& verdict = s.verdict(); verdict && verdict->kind != FailureKind::none)
    sc.verdict = std::string(name(verdict->kind)) + ": " + verdict->message;
  for (const auto* o : sc.shelf)
    sc.shelf_text += (sc.shelf_text.empty() ? "" : "  ") + o->name +
                     (held(o->id) ? " (held, drawn above)" : o->lost_at != sim::kNoStep ? " (lost, drawn above)" : "");

  // The zoom: the one that fits the window's height (the layout flows to
  // any width), or the remembered one.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  float zoom = std::clamp(std::isfinite(opt.memory_zoom) ? opt.memory_zoom : 1.0f, kMinZoom, kMaxZoom);
  // Stable places, compacted by whole rows, for a graph w units wide.
  const auto place = [&](Scene& scene, float w) {
    const float gap = line_h() * 1.2f;
    const int per_row = std::max(1, int((w + gap) / (scene.box_w + gap)));
    const int lead = shown_rank.empty() ? 0 : int(shown_rank.front());
    scene.slot_of.clear();
    for (std::size_t r : shown_rank) scene.slot_of.push_back(int(r) - (lead / per_row) * per_row);
  };
  const auto fits = [&](float z) {
    const float w = std::max(avail.x / z, sc.box_w);
    place(sc, w);
    return lay_out(sc, w).height * z <= avail.y;
  };
  if (opt.memory_fit) {
    float lo = kMinZoom, hi = kMaxFitZoom;
    if (fits(hi)) lo = hi;
    for (int i = 0; i < 14 && hi - lo > 0.01f; ++i) {
      const float mid = (lo + hi) / 2;
      (fits(mid) ? lo : hi) = mid;
    }
    zoom = lo;
  }
  shown_zoom = zoom;
  const float W = std::max(avail.x / zoom, sc.box_w);
  place(sc, W);
  const Layout l = lay_out(sc, W);

  ImGui::BeginChild("graph", ImVec2(0, 0), false,
                    ImGuiWindowFlags_HorizontalScrollbar | (io.KeyCtrl ? ImGuiWindowFlags_NoScrollWithMouse : 0));
  Pen pen{ImGui::GetWindowDrawList(), ImGui::GetCursorScreenPos(), zoom};
  const float L = line_h(), gap = L * 1.2f;
  drawn.push_back("descriptor " + run.object_name(v.descriptor));

  pen.text(0, 0, t.text, sc.header);
  if (!sc.verdict.empty()) {
    pen.fill(0, l.header_h, W - 4, l.header_h + l.verdict_h - 2, (t.failure & 0x00FFFFFF) | 0x40000000, 4);
    pen.wrapped(4, l.header_h + 4, W - 8, t.failure, sc.verdict);
    drawn.push_back("verdict " + sc.verdict);
  }

  // The buckets, every one: installed, a loser still held, a freed one.
  for (std::size_t b = 0; b < sc.buckets.size(); ++b) {
    const sim::ObjectView& o = *sc.buckets[b];
    const float y = l.bucket_y[b];
    const ImU32 c = t.state(o.state);
    pen.fill(0, y, width(o.name) + 10, y + L * 1.1f, c, 4);
    pen.text(5, y + 1, IM_COL32(0, 0, 0, 255), o.name);
    // Under its name, what it is: a bucket freed during a run is the loser
    // of a bucket race (it was never installed).
    std::string what(name(o.state));
    if (o.state == sim::LifeState::private_ && o.owner >= 0) what = snap.threads[std::size_t(o.owner)].name + "'s, private";
    if (o.state == sim::LifeState::shared) what = "shared, installed";
    if (gone(o.state)) what = "lost the race, freed";
    pen.text(0, y + L * 1.15f, c, what, 0.8f);
    drawn.push_back("object " + o.name + " " + std::string(name(o.state)));
    const bool installed = o.state == sim::LifeState::shared;
    const std::size_t shown = std::min<std::size_t>(o.slots.size(), 16);
    const int per = l.cells_per_line[b];
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& slot = o.slots[i];
      const bool live = installed && slot.index < v.size;
      const float x0 = l.bucket_label + float(int(i) % per) * l.cell, y0 = y + float(int(i) / per) * L * 1.7f;
      pen.fill(x0, y0, x0 + l.cell - 2, y0 + L * 1.6f, live ? t.panel : IM_COL32(25, 25, 28, 255), 3);
      const bool target = installed && std::int64_t(slot.index) == v.pending_index;
      const sim::LocationView* stale = stale_at(Target::slot, o.id, std::int64_t(slot.index));
      pen.rect(x0, y0, x0 + l.cell - 2, y0 + L * 1.6f,
               stale ? viewer_colour : target ? t.helping : installed ? t.border : c, 3,
               stale || target ? 3.0f : 1.0f);
      pen.text(x0 + 4, y0 + 2, live ? t.text : t.dim, slot.text);
      if (stale) {
        // The viewer's stale value under the latest, in its colour.
        pen.text(x0 + 4, y0 + L * 0.95f, viewer_colour,
                 "[" + std::to_string(slot.index) + "] " + viewer->name + ": " + stale->seen.value, 0.7f);
        drawn.push_back("stale " + viewer->name + " " + stale->name + " latest " + stale->latest.value + " sees " +
                        stale->seen.value);
      } else {
        pen.text(x0 + 4, y0 + L * 0.95f, t.dim, "[" + std::to_string(slot.index) + "]", 0.7f);
      }
      if (installed)
        if (const std::string values = memory::slot_values(run, slot.index); !values.empty())
          drawn.push_back("history [" + std::to_string(slot.index) + "] " + values);
      if (installed && ImGui::IsWindowHovered() &&
          ImGui::IsMouseHoveringRect(pen.at(x0, y0), pen.at(x0 + l.cell - 2, y0 + L * 1.6f)))
        ImGui::SetTooltip("%s", memory::slot_history(run, slot.index).c_str());
    }
    if (o.slots.size() > shown) pen.text(l.bucket_label + float(per) * l.cell, y + 2, t.dim, "...");
  }
  if (sc.buckets.empty()) pen.text(0, l.header_h + l.verdict_h + 4, t.dim, "no bucket allocated yet");

  // The vector's pill, then the thread badges.
  std::vector<ImVec2> badges;
  const float pill = width("vector") + 16;
  pen.fill(0, l.badges_y, pill, l.badges_y + L * 1.4f, t.state(sim::LifeState::shared), L * 0.7f);
  pen.text(8, l.badges_y + L * 0.2f, IM_COL32(0, 0, 0, 255), "vector");
  const ImVec2 vector_at = pen.at(pill, l.badges_y + L * 0.7f);
  for (unsigned i = 0; i < snap.threads.size(); ++i) {
    const float x = pill + L + float(i) * L * 3;
    pen.fill(x, l.badges_y, x + L * 2.4f, l.badges_y + L * 1.4f, t.thread(i), L * 0.7f);
    pen.text(x + L * 0.8f, l.badges_y + L * 0.2f, IM_COL32(0, 0, 0, 255), snap.threads[i].name);
    badges.push_back(pen.at(x + L * 1.2f, l.badges_y + L * 1.4f));
  }

  // The boxes, each in its place, over the arrows from the threads and the
  // vector (channel 0), under the pointers between boxes (channel 2).
  ImDrawList* dl = pen.dl;
  dl->ChannelsSplit(3);
  dl->ChannelsSetCurrent(1);
  std::map<sim::ObjectId, std::pair<ImVec2, ImVec2>> boxes;  // screen rectangles
  for (std::size_t i = 0; i < sc.boxes.size(); ++i) {
    const sim::ObjectView& o = *sc.boxes[i];
    const int slot = sc.slot_of[i];
    const float x = float(slot % l.per_row) * (sc.box_w + gap), y = l.row_y[std::size_t(slot / l.per_row)];
    const float h = box_h(sc.lines[i].size());
    boxes[o.id] = {pen.at(x, y), pen.at(x + sc.box_w, y + h)};
    const ImU32 c = t.state(o.state);
    if (o.id < changed_at.size() && now - changed_at[o.id] < kGlowSeconds) {
      const float k = 1.0f - float((now - changed_at[o.id]) / kGlowSeconds);  // 1 just changed, 0 settled
      const float grow = 3 + 6 * (1 - k);
      pen.rect(x - grow, y - grow, x + sc.box_w + grow, y + h + grow, (c & 0x00FFFFFF) | (ImU32(255 * k) << 24), 6, 3);
    }
    pen.fill(x, y, x + sc.box_w, y + h, t.panel, 4);
    pen.fill(x, y, x + sc.box_w, y + L + 2, c, 4, ImDrawFlags_RoundCornersTop);
    pen.rect(x, y, x + sc.box_w, y + h, c, 4, o.id == v.descriptor ? 3.0f : 1.5f);
    pen.text(x + 5, y + 1, IM_COL32(0, 0, 0, 255), o.name + "  " + std::string(name(o.state)));
    drawn.push_back("object " + o.name + " " + std::string(name(o.state)));
    drawn.push_back("place " + o.name + " " + std::to_string(slot));
    float fy = y + L + 4;
    for (const BoxLine& bl : sc.lines[i]) {
      if (bl.banner) {
        pen.fill(x + 2, fy - 1, x + sc.box_w - 2, fy + L - 1, bl.color, 2);
        pen.text(x + 6, fy, IM_COL32(0, 0, 0, 255), bl.text);
      } else {
        pen.text(x + 6, fy, bl.color, bl.text);
      }
      if (bl.banner) drawn.push_back("mark " + o.name + " " + bl.text);
      else if (bl.color == t.helping) drawn.push_back("note " + o.name + " " + bl.text);
      fy += L;
    }
  }
  // Pointers between boxes, from the line of the field.
  dl->ChannelsSetCurrent(2);
  for (std::size_t i = 0; i < sc.boxes.size(); ++i) {
    const sim::ObjectView& o = *sc.boxes[i];
    const auto& from = boxes[o.id];
    float fy = from.first.y + (L + 4 + L * 0.5f) * zoom + (o.lost_at != sim::kNoStep ? L * zoom : 0);
    for (const auto& f : o.fields) {
      auto to = boxes.find(f.points_to);
      if (f.points_to != sim::kNoObject && to != boxes.end() && to->first != o.id) {
        const bool right = to->second.first.x >= from.second.x;
        const ImVec2 start(right ? from.second.x : from.first.x, fy);
        const ImVec2 end(right ? to->second.first.x : to->second.second.x, to->second.first.y + L * 0.5f * zoom);
        memory::arrow(dl, start, end, t.border, 1.5f);
      }
      fy += L * zoom;
    }
  }
  dl->ChannelsSetCurrent(0);
  // The vector's descriptor pointer: a successful descriptor CAS swings it.
  if (auto d = boxes.find(v.descriptor); d != boxes.end())
    memory::arrow(dl, vector_at, ImVec2(d->second.first.x + L * zoom, d->second.first.y),
                  t.state(sim::LifeState::shared), 3.5f);
  // What each thread holds (dashed), its hazard pointers (solid), a
  // pointer to a freed object (red: the coming use-after-free).
  for (unsigned i = 0; i < snap.threads.size(); ++i) {
    const auto& th = snap.threads[i];
    const float spread = (float(i) - float(snap.threads.size() - 1) / 2) * L * 0.6f * zoom;
    for (const sim::Holding& h : th.holds) {
      auto to = boxes.find(h.object);
      if (to == boxes.end()) continue;
      const bool freed = gone(snap.objects[h.object].state);
      memory::arrow(dl, badges[i], ImVec2((to->second.first.x + to->second.second.x) * 0.5f + spread, to->second.first.y),
                    freed ? t.failure : t.thread(i), freed ? 2.5f : 2.0f, !freed);
      drawn.push_back("held " + th.name + " " + snap.objects[h.object].name + " " + std::string(name(h.role)));
    }
    if (th.holds.empty() && !th.finished && th.loaded != sim::kNoObject) {  // a stopped thread
      auto to = boxes.find(th.loaded);
      if (to != boxes.end() && gone(snap.objects[th.loaded].state))
        memory::arrow(dl, badges[i], ImVec2(to->second.first.x + L * zoom, to->second.first.y), t.failure, 2.5f);
    }
    for (sim::ObjectId hz : th.hazards) {
      auto to = boxes.find(hz);
      if (hz != sim::kNoObject && to != boxes.end())
        memory::arrow(dl, badges[i], ImVec2(to->second.first.x + L * 2 * zoom + spread, to->second.first.y), t.thread(i),
                      2.0f);
    }
  }
  if (!run.log().steps.empty()) {
    const sim::StepEvent& e = run.log().steps.back();
    auto to = boxes.find(snap.threads[e.thread].completing);
    if (e.helping && to != boxes.end())
      memory::arrow(dl, badges[e.thread], ImVec2(to->second.first.x, to->second.first.y + L * zoom), t.helping, 3.0f);
  }

  dl->ChannelsMerge();

  // The leaked shelf.
  std::size_t bytes = 0;
  for (const auto* o : sc.shelf) {
    bytes += o->bytes;
    if (!held(o->id) && o->lost_at == sim::kNoStep) drawn.push_back("object " + o->name + " leaked");
  }
  pen.fill(0, l.shelf_y - 4, W - 4, l.shelf_y - 3, t.border);
  pen.text(0, l.shelf_y, t.state(sim::LifeState::leaked),
           "Leaked shelf: " + std::to_string(sc.shelf.size()) + " objects, " + std::to_string(bytes) + " bytes");
  if (!sc.shelf.empty()) pen.wrapped(0, l.shelf_y + L, W - 8, t.text, sc.shelf_text);
  // The legend: states, then arrows.
  pen.fill(0, l.legend_y, W - 4, l.legend_y + 1, t.border);
  const auto items = legend_items();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ImVec2 p = l.legend[i];
    const float cy = p.y + L * 0.45f;
    if (i < 8) {
      static const sim::LifeState states[] = {sim::LifeState::private_, sim::LifeState::shared, sim::LifeState::unlinked,
                                              sim::LifeState::retired,  sim::LifeState::protected_, sim::LifeState::leaked,
                                              sim::LifeState::reclaimed, sim::LifeState::freed};
      pen.fill(p.x, cy - L * 0.35f, p.x + L * 0.7f, cy + L * 0.35f, t.state(states[i]), 2);
      pen.text(p.x + L * 0.9f, p.y, t.text, items[i]);
    } else {
      const ArrowKind k = ArrowKind(i - 8);
      const ImU32 c = k == ArrowKind::pointer      ? t.border
                      : k == ArrowKind::descriptor ? t.state(sim::LifeState::shared)
                      : k == ArrowKind::helping    ? t.helping
                                                   : t.thread(0);
      memory::arrow(dl, pen.at(p.x, cy), pen.at(p.x + L * 1.4f, cy), c, 2.0f, k == ArrowKind::held);
      pen.text(p.x + L * 1.6f, p.y, t.text, items[i]);
    }
  }
  ImGui::Dummy(ImVec2(W * zoom, l.height * zoom));
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace lfv::gui

#include <imgui.h>

#include <algorithm>

#include "plot.hpp"
#include "windows.hpp"

namespace lfv::gui {
namespace {

// The variants that may run on real threads, in the order the menu lists them.
struct LiveVariant {
  Completion completion;
  Reclaim reclaim;
};
constexpr LiveVariant kLiveVariants[] = {{Completion::versioned, Reclaim::hazard},
                                         {Completion::versioned, Reclaim::leak},
                                         {Completion::paper, Reclaim::hazard},
                                         {Completion::paper, Reclaim::leak},
                                         {Completion::book, Reclaim::leak}};

std::string variant_label(Completion c, Reclaim r) {
  std::string s = std::string(name(c)) + " + " + std::string(name(r));
  if (!known_defect(c, r).empty()) s += "  (deliberately broken)";
  return s;
}

void tip(const char* text) {
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

}  // namespace

void LiveWindow::start(const Options& o) {
  live::LiveSpec spec;
  spec.completion = o.live_completion;
  spec.reclaim = o.live_reclaim;
  spec.workload = o.live_workload;
  spec.threads = unsigned(o.live_threads);
  spec.compare_with_mutex = o.live_compare;
  error = live::check_spec(spec);
  if (!error.empty()) return;
  run.reset();  // the previous run has stopped: this only joins its finished thread
  run = std::make_unique<live::LiveRun>(spec);
}

void LiveWindow::stop_and_wait() { run.reset(); }

void LiveWindow::dump(std::ostream& out) const {
  if (drawn_frame != ImGui::GetFrameCount()) return;  // not drawn in the last frame
  for (const std::string& line : drawn) out << line << '\n';
}

void LiveWindow::draw(Options& o, const Theme& t) {
  drawn.clear();
  if (!open) return;
  drawn_frame = ImGui::GetFrameCount();
  if (!ImGui::Begin("Live: real threads on the real vector (L)", &open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  const bool running = run && run->running();

  if (running) {
    if (ImGui::Button("Stop")) run->request_stop();
    tip("Stop the threads; the plots stay until the next Start");
  } else if (ImGui::Button("Start")) {
    start(o);
  }
  ImGui::SameLine();
  // Settings: fixed while a run is going (stop it to change them).
  ImGui::BeginDisabled(running);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 17);
  if (ImGui::BeginCombo("##variant", variant_label(o.live_completion, o.live_reclaim).c_str())) {
    for (const LiveVariant& v : kLiveVariants)
      if (ImGui::Selectable(variant_label(v.completion, v.reclaim).c_str(),
                            v.completion == o.live_completion && v.reclaim == o.live_reclaim))
        o.live_completion = v.completion, o.live_reclaim = v.reclaim;
    ImGui::EndCombo();
  }
  tip("The variant the threads run. book + hazard and free-now may use freed memory on real threads: they run "
      "only in the simulator");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 15);
  if (ImGui::BeginCombo("##workload", std::string(name(o.live_workload)).c_str())) {
    for (live::LiveWorkload w : live::kAllLiveWorkloads)
      if (ImGui::Selectable(std::string(name(w)).c_str(), w == o.live_workload)) o.live_workload = w;
    ImGui::EndCombo();
  }
  tip("What each thread does, on the vector and on the mutex baseline alike");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::SliderInt("threads", &o.live_threads, 1, int(live::max_live_threads()), "%d", ImGuiSliderFlags_AlwaysClamp);
  tip("From 1 to twice the hardware threads; more than the hardware threads is oversubscribed");
  ImGui::SameLine();
  ImGui::Checkbox("mutex baseline", &o.live_compare);
  tip("Every fifth interval (100 ms each) the same threads run the same mix on a std::vector behind a std::mutex");
  ImGui::EndDisabled();

  // What is running, and the latest figures.
  const double now = run ? run->latest_seconds() : 0.0;
  const double window = 60, x_max = std::max(10.0, now), x_min = std::max(0.0, x_max - window);
  const std::vector<live::LiveSample> samples = run ? run->samples(x_min - 1) : std::vector<live::LiveSample>{};
  if (!error.empty()) ImGui::TextColored(ImColor(t.failure).Value, "%s", error.c_str());
  if (run) {
    const live::LiveSpec& spec = run->spec();
    ImGui::TextWrapped("%s", live::describe(spec).c_str());
    // The last two seconds: the vector's mean rate against the mutex's.
    const live::LiveMeans m = live::means(run->samples(now - 2));
    if (m.vector_samples) {
      std::string figures = "vector " + format_rate(m.vector_ops_per_second);
      if (m.mutex_samples && m.mutex_ops_per_second > 0) {
        char ratio[32];
        std::snprintf(ratio, sizeof ratio, "%.2fx", m.vector_ops_per_second / m.mutex_ops_per_second);
        figures += "   mutex " + format_rate(m.mutex_ops_per_second) + "   vector / mutex " + ratio;
      }
      ImGui::TextColored(ImColor(t.accent).Value, "last 2 s: %s", figures.c_str());
      if (spec.threads > 1) {
        char share[96];
        std::snprintf(share, sizeof share, "slowest thread's share of the mean: vector %.2f", m.vector_slowest_share);
        std::string text = share;
        if (m.mutex_samples) {
          std::snprintf(share, sizeof share, ", mutex %.2f", m.mutex_slowest_share);
          text += share;
        }
        ImGui::TextColored(ImColor(t.dim).Value, "%s", text.c_str());
        tip("1: the threads share the work evenly. Near 0: a thread was starved. A mutex often hands itself back "
            "to the thread that just released it while the other sleeps: fast, and unfair");
      }
    }
    if (!running) ImGui::TextColored(ImColor(t.dim).Value, "%s", run->stop_reason().c_str());
    else if (!known_defect(spec.completion, spec.reclaim).empty())
      ImGui::TextColored(ImColor(t.failure).Value, "deliberately broken: %s",
                         std::string(known_defect(spec.completion, spec.reclaim)).c_str());
  } else {
    ImGui::TextColored(ImColor(t.dim).Value,
                       "Start runs the chosen variant on real threads in the background, and the same mix on a "
                       "mutex-guarded std::vector beside it.");
  }

  // Three plots share what is left of the window.
  PlotSeries vector_ops{"vector", t.accent, {}}, mutex_ops{"mutex", t.helping, {}, true};
  PlotSeries failed{"failed descriptor CAS", t.failure, {}};
  PlotSeries live_bytes{"live", t.state(sim::LifeState::shared), {}},
      retired{"retired", t.state(sim::LifeState::retired), {}}, leaked{"leaked", t.state(sim::LifeState::leaked), {}};
  for (const auto& s : samples) {
    const float x = float(s.seconds);
    (s.mutex ? mutex_ops : vector_ops).points.push_back(ImVec2(x, float(s.ops_per_second)));
    if (!s.mutex) failed.points.push_back(ImVec2(x, float(s.failed_cas_per_op)));
    live_bytes.points.push_back(ImVec2(x, float(s.live_bytes)));
    retired.points.push_back(ImVec2(x, float(s.retired_bytes)));
    leaked.points.push_back(ImVec2(x, float(s.leaked_bytes)));
  }
  const float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetContentRegionAvail().y - 3 * ImGui::GetStyle().ItemSpacing.y;
  std::vector<PlotSeries> ops{vector_ops};
  if (!run || run->spec().compare_with_mutex) ops.push_back(mutex_ops);
  const float x0 = float(x_min), x1 = float(x_max);
  // Each at least tall enough for its legend, two ticks and the time axis
  // (a small window scrolls rather than squeeze the plots unreadable).
  const float least = ImGui::GetTextLineHeight() * 6;
  const float hc = std::max(least, h * 0.25f), hm = std::max(least, h * 0.33f), ho = std::max(least, h - hc - hm);
  describe_plot(drawn, "live", "operations",
                time_plot("operations per second", ops, x0, x1, ImVec2(w, ho), t, PlotUnit::seconds,
                          PlotUnit::ops_per_second));
  describe_plot(drawn, "live", "contention",
                time_plot("contention", {failed}, x0, x1,
                          ImVec2(w, hc), t, PlotUnit::seconds, PlotUnit::failed_cas_per_op));
  describe_plot(drawn, "live", "memory",
                time_plot("memory", {live_bytes, retired, leaked}, x0, x1, ImVec2(w, hm), t,
                          PlotUnit::seconds, PlotUnit::bytes));
  ImGui::End();
}

}  // namespace lfv::gui

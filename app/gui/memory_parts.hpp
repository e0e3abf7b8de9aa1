// Pieces of the Memory window (memory_window.cpp): what is drawn where, in
// units of the unscaled font, so the whole graph can be laid out first and
// then drawn at the zoom that fits the window.
#pragma once

#include <imgui.h>

#include <map>
#include <string>
#include <vector>

#include "session.hpp"
#include "theme.hpp"

namespace lfv::gui::memory {

// Draws at origin + (x, y) * zoom, text at the font's size * zoom.
struct Pen {
  ImDrawList* dl = nullptr;
  ImVec2 origin;
  float zoom = 1;
  ImVec2 at(float x, float y) const { return {origin.x + x * zoom, origin.y + y * zoom}; }
  void text(float x, float y, ImU32 c, const std::string& s, float scale = 1) const;
  void wrapped(float x, float y, float width, ImU32 c, const std::string& s) const;
  void rect(float x0, float y0, float x1, float y1, ImU32 c, float rounding = 0, float thickness = 1) const;
  void fill(float x0, float y0, float x1, float y1, ImU32 c, float rounding = 0, ImDrawFlags f = 0) const;
};

// Unscaled text sizes (the window's own font at size 1).
float width(const std::string& s);
float wrapped_height(const std::string& s, float width);

// Screen-space arrows: solid, or dashed (what a thread holds).
void arrow(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 color, float thickness, bool dashed = false);

// The lines of an object's box under its title, each with a colour.
struct BoxLine {
  std::string text;
  ImU32 color;
  bool banner = false;  // drawn on a filled band (a lost write)
};
std::vector<BoxLine> box_lines(const sim::Snapshot& snap, const sim::ObjectView& o, const Theme& t);

// The values element `index` held over the steps ("0 -> 5 -> 0"), or ""
// when no step wrote it.
std::string slot_values(const sim::Run& run, std::uint64_t index);

// Per-slot history for a tooltip: every step that wrote element `index`.
std::string slot_history(const sim::Run& run, std::uint64_t index);

// The step at which each freed or reclaimed object was released.
std::map<sim::ObjectId, std::uint32_t> release_steps(const sim::Log& log);

}  // namespace lfv::gui::memory

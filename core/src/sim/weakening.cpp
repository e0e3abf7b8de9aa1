#include "lfv/sim/weakening.hpp"

#include "lfv/sim/declared_orders.hpp"
#include "lfv/sim/memory_model.hpp"

namespace lfv::sim {
namespace {

constexpr std::memory_order kOrders[] = {std::memory_order_relaxed, std::memory_order_acquire,
                                         std::memory_order_release, std::memory_order_acq_rel,
                                         std::memory_order_seq_cst};

}  // namespace

std::optional<std::memory_order> parse_memory_order(std::string_view s) {
  for (std::size_t i = 0; i < kOrderStrengthNames.size(); ++i)
    if (kOrderStrengthNames[i] == s) return kOrders[i];
  return std::nullopt;
}

std::string_view name(std::memory_order mo) {
  for (std::size_t i = 0; i < std::size(kOrders); ++i)
    if (kOrders[i] == mo) return kOrderStrengthNames[i];
  return "consume";
}

bool Weakening::any() const {
  for (const auto& o : to)
    if (o) return true;
  return false;
}

std::memory_order meet(std::memory_order a, std::memory_order b) {
  if (a == std::memory_order_seq_cst && b == std::memory_order_seq_cst) return a;
  const bool acq = acquires(a) && acquires(b), rel = releases(a) && releases(b);
  if (acq && rel) return std::memory_order_acq_rel;
  if (acq) return std::memory_order_acquire;
  if (rel) return std::memory_order_release;
  return std::memory_order_relaxed;
}

std::memory_order Weakening::apply(Order tag, std::memory_order declared) const {
  const auto& asked = to[std::size_t(tag)];
  return asked ? meet(declared, *asked) : declared;
}

void Weakening::add(const Weakening& other) {
  for (std::size_t i = 0; i < to.size(); ++i)
    if (other.to[i]) to[i] = to[i] ? meet(*to[i], *other.to[i]) : *other.to[i];
}

std::string Weakening::text() const {
  std::string out;
  for (std::size_t i = 0; i < to.size(); ++i)
    if (to[i]) out += (out.empty() ? "" : " ") + std::string(name(Order(i))) + "=" + std::string(name(*to[i]));
  return out;
}

std::optional<std::string> add_weakening(Weakening& w, std::string_view spec) {
  const std::size_t eq = spec.find('=');
  if (eq == std::string_view::npos) return "expected TAG=ORDER (e.g. V4=relaxed), got \"" + std::string(spec) + "\"";
  const std::string_view tag = spec.substr(0, eq), order = spec.substr(eq + 1);
  std::optional<Order> t;
  for (std::size_t i = 1; i < kOrderNames.size(); ++i)
    if (kOrderNames[i] == tag) t = Order(i);
  if (!t) return "unknown order tag \"" + std::string(tag) + "\" (V1-V6, W1-W4, B1, B2, H1-H6)";
  const auto mo = parse_memory_order(order);
  if (!mo) return "unknown memory order \"" + std::string(order) + "\" (relaxed, acquire, release, acq_rel, seq_cst)";
  // Asking for the declared order or a stronger one would run as declared
  // (apply takes the meet) while the run is called deliberately broken.
  const DeclaredOrder& d = declared(*t);
  if (meet(d.order, *mo) == d.order && meet(d.failure, *mo) == d.failure) {
    std::string weaker;
    for (std::memory_order s : weakening_steps(d)) weaker += (weaker.empty() ? "" : ", ") + std::string(name(s));
    return std::string(tag) + " is declared " + std::string(name(d.order)) + ": " + std::string(order) +
           " is not weaker, so it would change nothing (" + (weaker.empty() ? "none is weaker" : "weaker: " + weaker) +
           ")";
  }
  w.to[std::size_t(*t)] = *mo;
  return std::nullopt;
}

}  // namespace lfv::sim

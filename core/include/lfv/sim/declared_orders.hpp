// The numbered memory orders as the code declares them: one row per tag
// (site.hpp's Order), with the kind of access, its order (and a CAS's
// failure order), the variants whose code takes it and what it is. The
// orders are written from the calls in vector.hpp and hazard_domain.hpp
// (each call has the tag's comment); sites_test checks every access of
// every library run against this table, so the two cannot drift apart.
// `lfvlab verify-orders` weakens each row one step at a time
// (weakening_steps) and the app's Orders window lists them.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "lfv/site.hpp"
#include "lfv/variant.hpp"

namespace lfv::sim {

// What a tagged access is; each has its own meaningful weaker orders (a
// load has no release half, a store no acquire half).
enum class OrderAccess : std::uint8_t { load, store, rmw, fence, count_ };
inline constexpr std::array<std::string_view, std::size_t(OrderAccess::count_)> kOrderAccessNames{"load", "store",
                                                                                                  "RMW", "fence"};
constexpr std::string_view name(OrderAccess a) { return kOrderAccessNames[std::size_t(a)]; }

// Which variants run the tagged code.
enum class OrderScope : std::uint8_t {
  every,          // every variant
  book,           // the book's completion only
  book_leak,      // book + leak
  book_reclaims,  // book + hazard and book + free-now
  not_book,       // paper and versioned (their write descriptors' done flag)
  not_versioned,  // book and paper: their plain write(i, v) (versioned writes through the descriptor)
  hazard,         // reclaim = hazard
  count_
};
inline constexpr std::array<std::string_view, std::size_t(OrderScope::count_)> kOrderScopeNames{
    "every variant", "book",        "book + leak", "book + hazard, book + free-now",
    "paper, versioned", "book, paper", "hazard"};
constexpr std::string_view name(OrderScope s) { return kOrderScopeNames[std::size_t(s)]; }
bool in_scope(OrderScope s, Completion c, Reclaim r);

struct DeclaredOrder {
  Order tag = Order::none;
  OrderAccess access = OrderAccess::load;
  std::memory_order order = std::memory_order_seq_cst;  // a CAS: on success
  // A CAS's failure order; for anything else the same as `order`.
  std::memory_order failure = std::memory_order_seq_cst;
  OrderScope scope = OrderScope::every;
  std::string_view file;  // where the call is: "vector.hpp"
  std::string_view what;  // "load the current descriptor"
  // The other side of each synchronizes-with edge it takes part in, as the
  // legend at the top of `file` names them ("(V1) ... pairs with ... (V4)");
  // Order::none pads. Pairing is mutual: if (V1) pairs with (V4), (V4)
  // pairs with (V1) (declared_orders_test checks both, and the legends).
  std::array<Order, 3> pairs_with{};
  // None of its own: the tag is carried by other tags' accesses (H3, the
  // hazard protect's re-load, is tagged as the load it stands for, V1 or
  // V3); weakening it changes nothing.
  Order carried_by = Order::none;
};

// Every tag V1 ... H6, in the enum's order.
std::span<const DeclaredOrder> declared_orders();
const DeclaredOrder& declared(Order tag);

// The orders weaker than `d.order` that mean something for its kind of
// access, one step at a time, strongest first: seq_cst -> acq_rel ->
// acquire, release -> relaxed, each the meet (Weakening::apply) of the
// declared order and the one asked for, duplicates dropped. An acquire
// load has one: relaxed; an acq_rel RMW three; a seq_cst fence four.
std::vector<std::memory_order> weakening_steps(const DeclaredOrder& d);

}  // namespace lfv::sim

#include "lfv/sim/declared_orders.hpp"

#include <algorithm>

#include "lfv/sim/weakening.hpp"

namespace lfv::sim {
namespace {

using O = Order;
using A = OrderAccess;
using S = OrderScope;

// Written from the calls, each beside its "(TAG)" comment: vector.hpp's and
// hazard_domain.hpp's legends say what each pairs with, and why (the
// pairings here are the tags those legends name; declared_orders_test).
constexpr std::array<DeclaredOrder, std::size_t(Order::count_) - 1> kDeclared{{
    {O::V1, A::load, std::memory_order_acquire, std::memory_order_acquire, S::every, "vector.hpp",
     "load the current descriptor (under hazard, the protect's re-load)", {O::V4}},
    {O::V2, A::load, std::memory_order_acquire, std::memory_order_acquire, S::every, "vector.hpp", "read a slot",
     {O::W2, O::W4}},
    {O::V3, A::load, std::memory_order_acquire, std::memory_order_acquire, S::book, "vector.hpp",
     "load a descriptor's pending pointer", {O::B1, O::B2, O::V4}},
    {O::V4, A::rmw, std::memory_order_acq_rel, std::memory_order_relaxed, S::every, "vector.hpp",
     "the descriptor CAS", {O::V1, O::V3, O::H3}},
    {O::V5, A::rmw, std::memory_order_acq_rel, std::memory_order_acquire, S::every, "vector.hpp", "the bucket CAS", {O::V6}},
    {O::V6, A::load, std::memory_order_acquire, std::memory_order_acquire, S::every, "vector.hpp",
     "load a bucket pointer", {O::V5}},
    {O::W1, A::load, std::memory_order_acquire, std::memory_order_acquire, S::not_book, "vector.hpp",
     "load a write's done flag", {O::W3}},
    {O::W2, A::rmw, std::memory_order_acq_rel, std::memory_order_relaxed, S::every, "vector.hpp",
     "the slot CAS that performs a write", {O::V2}},
    {O::W3, A::store, std::memory_order_release, std::memory_order_release, S::not_book, "vector.hpp",
     "mark a write done", {O::W1}},
    {O::W4, A::store, std::memory_order_release, std::memory_order_release, S::not_versioned, "vector.hpp",
     "the plain write(i, v) of the book and the paper", {O::V2}},
    {O::B1, A::store, std::memory_order_release, std::memory_order_release, S::book_leak, "vector.hpp",
     "store the fresh \"none\" pending", {O::V3}},
    {O::B2, A::rmw, std::memory_order_acq_rel, std::memory_order_acq_rel, S::book_reclaims, "vector.hpp",
     "swap in the fresh \"none\" pending", {O::V3, O::H3}},
    {O::H1, A::store, std::memory_order_release, std::memory_order_release, S::hazard, "hazard_domain.hpp",
     "publish a hazard pointer", {O::H5}},
    {O::H2, A::fence, std::memory_order_seq_cst, std::memory_order_seq_cst, S::hazard, "hazard_domain.hpp",
     "the protect fence, between the hazard store and the re-load", {O::H4}},
    {O::H3, A::load, std::memory_order_acquire, std::memory_order_acquire, S::hazard, "hazard_domain.hpp",
     "the protect's re-load, tagged as the load it stands for", {O::V4, O::B2}, O::V1},
    {O::H4, A::fence, std::memory_order_seq_cst, std::memory_order_seq_cst, S::hazard, "hazard_domain.hpp",
     "the scan fence, before reading the hazards", {O::H2}},
    {O::H5, A::load, std::memory_order_acquire, std::memory_order_acquire, S::hazard, "hazard_domain.hpp",
     "a scan reads a hazard pointer", {O::H1, O::H6}},
    {O::H6, A::store, std::memory_order_release, std::memory_order_release, S::hazard, "hazard_domain.hpp",
     "clear a hazard pointer", {O::H5}},
}};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kDeclared.size(); ++i)
    if (std::size_t(kDeclared[i].tag) != i + 1) return false;
  return true;
}
static_assert(in_enum_order(), "kDeclared lists V1 ... H6 in the enum's order");

// The ladder weakening_steps walks down.
constexpr std::memory_order kLadder[] = {std::memory_order_seq_cst, std::memory_order_acq_rel,
                                         std::memory_order_acquire,
                                         std::memory_order_release, std::memory_order_relaxed};

}  // namespace

bool in_scope(OrderScope s, Completion c, Reclaim r) {
  switch (s) {
    case S::every: return true;
    case S::book: return c == Completion::book;
    case S::book_leak: return c == Completion::book && r == Reclaim::leak;
    case S::book_reclaims: return c == Completion::book && r != Reclaim::leak;
    case S::not_book: return c != Completion::book;
    case S::not_versioned: return c != Completion::versioned;
    case S::hazard: return r == Reclaim::hazard;
    case S::count_: break;
  }
  return false;
}

std::span<const DeclaredOrder> declared_orders() { return kDeclared; }

const DeclaredOrder& declared(Order tag) { return kDeclared.at(std::size_t(tag) - 1); }

std::vector<std::memory_order> weakening_steps(const DeclaredOrder& d) {
  Weakening w;
  std::vector<std::memory_order> out;
  for (std::memory_order asked : kLadder) {
    w.to[std::size_t(d.tag)] = asked;
    std::memory_order got = w.apply(d.tag, d.order);
    // What a load or a store can mean: a load's release half and a
    // store's acquire half are nothing (the model ignores them).
    if (d.access == A::load && got == std::memory_order_release) got = std::memory_order_relaxed;
    if (d.access == A::load && got == std::memory_order_acq_rel) got = std::memory_order_acquire;
    if (d.access == A::store && got == std::memory_order_acquire) got = std::memory_order_relaxed;
    if (d.access == A::store && got == std::memory_order_acq_rel) got = std::memory_order_release;
    if (got == d.order || std::find(out.begin(), out.end(), got) != out.end()) continue;
    out.push_back(got);
  }
  return out;
}

}  // namespace lfv::sim

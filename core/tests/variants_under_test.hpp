// The variant lists the tests are typed over.
#pragma once

#include <cstdint>
#include <gtest/gtest.h>

#include "lfv/real_env.hpp"
#include "lfv/vector.hpp"

namespace lfv::test {

template <Completion C, Reclaim R, class Env = RealEnv>
struct Variant {
  static constexpr Completion completion = C;
  static constexpr Reclaim reclaim = R;
  using Value = std::uint32_t;  // fits every variant, versioned included
  using Vector = LockFreeVector<Value, Env, C, R>;
};

// Every variant that can run on real threads (free-now is refused there).
using RealVariants = ::testing::Types<
    Variant<Completion::book, Reclaim::leak>, Variant<Completion::book, Reclaim::hazard>,
    Variant<Completion::paper, Reclaim::leak>, Variant<Completion::paper, Reclaim::hazard>,
    Variant<Completion::versioned, Reclaim::leak>, Variant<Completion::versioned, Reclaim::hazard>>;

// The variants that claim to be correct under concurrency.
using CorrectVariants = ::testing::Types<Variant<Completion::versioned, Reclaim::leak>,
                                         Variant<Completion::versioned, Reclaim::hazard>>;

struct VariantName {
  template <class V>
  static std::string GetName(int) {
    std::string n = std::string(name(V::completion)) + "_" + std::string(name(V::reclaim));
    for (char& c : n)
      if (c == '-') c = '_';
    return n;
  }
};

}  // namespace lfv::test

#include "lfv/explore/programs.hpp"

#include <sstream>

namespace lfv::explore {
namespace {

using scenario::Op;
using scenario::OpKind;

// Every sequence of 1..max operations over the alphabet, by length, then in
// alphabet order (as digits of a number in base |alphabet|).
std::vector<std::vector<Op>> sequences(const ProgramSpace& space, unsigned max_len) {
  std::vector<std::vector<Op>> out;
  const std::size_t k = space.alphabet.size();
  if (k == 0) return out;
  for (unsigned len = 1; len <= max_len; ++len) {
    std::vector<std::size_t> digit(len, 0);
    for (;;) {
      std::vector<Op> seq;
      for (std::size_t d : digit) seq.push_back(space.alphabet[d]);
      out.push_back(std::move(seq));
      unsigned pos = len;
      while (pos > 0 && ++digit[pos - 1] == k) digit[--pos] = 0;
      if (pos == 0) break;
    }
  }
  return out;
}

void list(std::ostringstream& o, const std::vector<Op>& ops) {
  for (std::size_t i = 0; i < ops.size(); ++i) o << (i ? ", " : "") << ops[i].text();
}

}  // namespace

ProgramSpace standard_space(unsigned max_total_ops) {
  ProgramSpace s;
  // Values 0 and 1: a fresh slot holds 0, so "push 0" can bring a slot back
  // to its old value (the paper's value ABA needs that). read 1 reaches past
  // [1]'s end or a pushed element; write 0 2 is the last index of [1];
  // reserve 9 races a first push for bucket 0 and allocates bucket 1.
  s.alphabet = {Op{OpKind::push, 0, 0}, Op{OpKind::push, 1, 0}, Op{OpKind::pop, 0, 0},   Op{OpKind::size, 0, 0},
                Op{OpKind::read, 0, 0}, Op{OpKind::read, 1, 0}, Op{OpKind::write, 0, 2}, Op{OpKind::reserve, 9, 0}};
  s.initials = {{}, {1}};
  s.max_ops_per_thread = 3;
  s.max_total_ops = max_total_ops;
  return s;
}

ProgramSpace standard_three_thread_space() {
  ProgramSpace s = standard_space(3);
  s.threads = 3;
  s.max_ops_per_thread = 1;
  return s;
}

scenario::Scenario Program::scenario() const {
  scenario::Scenario s;
  s.path = "program " + std::to_string(index);
  s.title = text();
  s.initial = initial;
  s.threads.push_back({"A", a, {}});
  s.threads.push_back({"B", b, {}});
  if (!c.empty()) s.threads.push_back({"C", c, {}});
  return s;
}

std::string Program::text() const {
  std::ostringstream o;
  o << "[";
  for (std::size_t i = 0; i < initial.size(); ++i) o << (i ? ", " : "") << initial[i];
  o << "]; A: ";
  list(o, a);
  o << "; B: ";
  list(o, b);
  if (!c.empty()) {
    o << "; C: ";
    list(o, c);
  }
  return o.str();
}

void for_each_program(const ProgramSpace& space, const std::function<void(const Program&)>& fn) {
  const auto seqs = sequences(space, space.max_ops_per_thread);
  const bool three = space.threads == 3;
  Program p;
  for (unsigned total = space.threads; total <= space.max_total_ops; ++total)
    for (const auto& init : space.initials)
      for (std::size_t i = 0; i < seqs.size(); ++i)
        for (std::size_t j = i; j < seqs.size(); ++j)
          for (std::size_t k = three ? j : 0; k < (three ? seqs.size() : 1); ++k) {
            if (seqs[i].size() + seqs[j].size() + (three ? seqs[k].size() : 0) != total) continue;
            p.initial = init;
            p.a = seqs[i];
            p.b = seqs[j];
            if (three) p.c = seqs[k];
            fn(p);
            ++p.index;
          }
}

std::uint64_t count_programs(const ProgramSpace& space) {
  std::uint64_t n = 0;
  for_each_program(space, [&](const Program&) { ++n; });
  return n;
}

}  // namespace lfv::explore

#include "state_cache.hpp"

namespace lfv::explore::detail {

std::optional<unsigned> AccessTable::index(unsigned t, const Move& m) {
  const sim::Access& a = m.access;
  auto& here = index_[std::uint64_t(a.object) << 32 | a.offset];
  const std::uint16_t tag = std::uint16_t(t << 4 | unsigned(m.op_begin) << 3 | unsigned(m.op_end) << 2 |
                                          unsigned(a.write) << 1 | unsigned(a.whole_object));
  for (const auto& [other, i] : here)
    if (other == tag) return i;
  if (entries_.size() >= kMax) return std::nullopt;
  here.push_back({tag, unsigned(entries_.size())});
  entries_.push_back({t, m});
  return unsigned(entries_.size() - 1);
}

const StateCache::Slot* StateCache::slot_of(const StateKey& k) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = std::size_t(k.a) & mask;; i = (i + 1) & mask)
    if (!slots_[i].used || slots_[i].key == k) return &slots_[i];
}

void StateCache::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  for (const Slot& s : old)
    if (s.used) *const_cast<Slot*>(slot_of(s.key)) = s;
}

std::optional<StateCache::Hit> StateCache::find(const StateKey& k, std::uint16_t sleep) const {
  const Slot* s = slot_of(k);
  if (!s->used || (s->sleep & ~sleep) != 0) return std::nullopt;
  return Hit{footprints_[s->footprint]};
}

void StateCache::insert(const StateKey& k, std::uint16_t sleep, const Footprint& f) {
  Slot* s = const_cast<Slot*>(slot_of(k));
  if (!s->used && size_ >= max_entries_) return;
  Footprint merged = f;
  if (s->used) merged |= *footprints_[s->footprint];
  auto [fp, fresh] = footprint_ids_.try_emplace(merged, std::uint32_t(footprints_.size()));
  if (fresh) footprints_.push_back(&fp->first);
  if (s->used) {
    s->sleep &= sleep;
    s->footprint = fp->second;
    return;
  }
  *s = {k, fp->second, sleep, true};
  if (++size_ * 2 > slots_.size()) grow();
}

}  // namespace lfv::explore::detail

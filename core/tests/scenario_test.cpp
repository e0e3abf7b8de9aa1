// The scenario loader: valid files parse into the right structure, and every
// file in bad_scenarios/ fails with the position and message its first line
// promises ("# error: LINE:COL: SUBSTRING").
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "lfv/scenario/scenario.hpp"

#ifndef LFV_BAD_SCENARIOS_DIR
#error "LFV_BAD_SCENARIOS_DIR must name core/tests/bad_scenarios"
#endif

namespace {

using namespace lfv;
using namespace lfv::scenario;

Scenario parse_ok(std::string_view text) {
  LoadResult r = parse_scenario(text, "test.toml");
  if (const auto* e = std::get_if<ScenarioError>(&r)) ADD_FAILURE() << "unexpected error: " << e->text();
  return std::holds_alternative<Scenario>(r) ? std::get<Scenario>(r) : Scenario{};
}

std::string parse_error(std::string_view text) {
  LoadResult r = parse_scenario(text, "test.toml");
  if (const auto* e = std::get_if<ScenarioError>(&r)) return e->text();
  ADD_FAILURE() << "expected an error for:\n" << text;
  return "";
}

// ---- the corpus of malformed files ----

TEST(BadScenarios, EachFailsWhereAndHowItsFirstLineSays) {
  const std::filesystem::path dir = LFV_BAD_SCENARIOS_DIR;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  EXPECT_GE(files.size(), 24u);

  for (const std::filesystem::path& file : files) {
    SCOPED_TRACE(file.string());
    std::ifstream in(file);
    std::string first;
    std::getline(in, first);
    const std::string marker = "# error: ";
    ASSERT_EQ(first.rfind(marker, 0), 0u) << "first line must be '# error: LINE:COL: SUBSTRING'";
    const std::string spec = first.substr(marker.size());
    const std::size_t colon1 = spec.find(':');
    const std::size_t colon2 = spec.find(':', colon1 + 1);
    ASSERT_NE(colon2, std::string::npos);
    ASSERT_EQ(spec.substr(colon2, 2), ": ");
    const std::string where = spec.substr(0, colon2);  // "LINE:COL"
    const std::string substring = spec.substr(colon2 + 2);
    ASSERT_FALSE(substring.empty());

    LoadResult r = load_scenario(file);
    ASSERT_TRUE(std::holds_alternative<ScenarioError>(r)) << "loaded without error";
    const std::string text = std::get<ScenarioError>(r).text();
    const std::string prefix = file.string() + ":" + where + ": ";
    EXPECT_EQ(text.rfind(prefix, 0), 0u) << "got: " << text << "\nwant prefix: " << prefix;
    EXPECT_NE(text.find(substring), std::string::npos)
        << "got: " << text << "\nwant substring: " << substring;
  }
}

// ---- valid files ----

constexpr std::string_view kFull = R"(title = "Two pushers race for the descriptor"
about = "Shown when the scenario opens."

[vector]
completion = "book"
reclaim = "leak"
initial = [10, 20]
reserve = 16
scan_threshold = 3

[[threads]]
name = "A"
ops = ["push 1", "push 3"]

[[threads]]
name = "B"
ops = ["push 2", "pop", "size", "read  1", "  write 1   5 ", "reserve 4294967295"]

[[script]]
thread = "A"
until = "cas descriptor"
say = "A swaps in its descriptor."
pause = true

[[script]]
thread = "B"
steps = 3

[[script]]
thread = "A"

[[script]]
thread = "B"
until = "before  store   pending"

[[script]]
thread = "B"
until = "end"

[expect]
results = { A = ["ok", "ok"], B = ["ok", "007", "3", "out-of-range", "ok", "ok"] }
contents = [10, 20, 1, 3]
failure = "non-linearizable"
leaked = 6
)";

TEST(Scenario, ParsesEverySection) {
  const Scenario s = parse_ok(kFull);
  EXPECT_EQ(s.path, "test.toml");
  EXPECT_EQ(s.title, "Two pushers race for the descriptor");
  EXPECT_EQ(s.about, "Shown when the scenario opens.");
  EXPECT_EQ(s.completion, Completion::book);
  EXPECT_EQ(s.reclaim, Reclaim::leak);
  EXPECT_EQ(s.initial, (std::vector<std::uint64_t>{10, 20}));
  EXPECT_EQ(s.reserve, std::optional<std::uint64_t>(16));
  EXPECT_EQ(s.scan_threshold, 3u);

  ASSERT_EQ(s.threads.size(), 2u);
  EXPECT_EQ(s.threads[0].name, "A");
  EXPECT_EQ(s.threads[0].where.line, 11);
  EXPECT_EQ(s.threads[0].where.column, 1);
  EXPECT_EQ(s.threads[0].ops, (std::vector<Op>{{OpKind::push, 1, 0}, {OpKind::push, 3, 0}}));
  EXPECT_EQ(s.threads[1].ops, (std::vector<Op>{{OpKind::push, 2, 0},
                                               {OpKind::pop, 0, 0},
                                               {OpKind::size, 0, 0},
                                               {OpKind::read, 1, 0},
                                               {OpKind::write, 1, 5},
                                               {OpKind::reserve, 4294967295u, 0}}));
  EXPECT_EQ(s.thread_index("A"), std::optional<unsigned>(0));
  EXPECT_EQ(s.thread_index("B"), std::optional<unsigned>(1));
  EXPECT_EQ(s.thread_index("C"), std::nullopt);

  ASSERT_EQ(s.script.size(), 5u);
  EXPECT_EQ(s.script[0].thread, 0u);
  EXPECT_EQ(s.script[0].until.mode, Until::Mode::through_action);
  EXPECT_EQ(s.script[0].until.kind, ActionKind::cas);
  EXPECT_EQ(s.script[0].until.target, Target::descriptor);
  EXPECT_EQ(s.script[0].say, std::optional<std::string>("A swaps in its descriptor."));
  EXPECT_TRUE(s.script[0].pause);
  EXPECT_EQ(s.script[0].where.file, "test.toml");
  EXPECT_EQ(s.script[0].where.line, 19);
  EXPECT_EQ(s.script[0].where.column, 1);

  EXPECT_EQ(s.script[1].thread, 1u);
  EXPECT_EQ(s.script[1].until.mode, Until::Mode::steps);
  EXPECT_EQ(s.script[1].until.steps, 3u);
  EXPECT_EQ(s.script[1].say, std::nullopt);
  EXPECT_FALSE(s.script[1].pause);

  EXPECT_EQ(s.script[2].until.mode, Until::Mode::op_end);  // neither until nor steps
  EXPECT_EQ(s.script[3].until.mode, Until::Mode::before_action);
  EXPECT_EQ(s.script[3].until.kind, ActionKind::store);
  EXPECT_EQ(s.script[3].until.target, Target::pending);
  EXPECT_EQ(s.script[4].until.mode, Until::Mode::end);

  const Expect& e = s.expect;
  EXPECT_FALSE(e.empty());
  ASSERT_TRUE(e.results);
  EXPECT_EQ(e.results->value.at("A"), (std::vector<std::string>{"ok", "ok"}));
  // Numbers are kept in plain decimal, so "007" compares equal to a popped 7.
  EXPECT_EQ(e.results->value.at("B"), (std::vector<std::string>{"ok", "7", "3", "out-of-range", "ok", "ok"}));
  EXPECT_EQ(e.results->where.line, 41);
  EXPECT_EQ(e.results->where.column, 11);
  ASSERT_TRUE(e.contents);
  EXPECT_EQ(e.contents->value, (std::vector<std::uint64_t>{10, 20, 1, 3}));
  EXPECT_EQ(e.contents->where.line, 42);
  ASSERT_TRUE(e.failure);
  EXPECT_EQ(e.failure->value, FailureKind::non_linearizable);
  EXPECT_EQ(e.failure->where.line, 43);
  EXPECT_EQ(e.failure->where.column, 11);
  ASSERT_TRUE(e.leaked);
  EXPECT_EQ(e.leaked->value, 6u);
  EXPECT_EQ(e.leaked->where.line, 44);
}

TEST(Scenario, Defaults) {
  const Scenario s = parse_ok("title = \"t\"\n[[threads]]\nname = \"A\"\nops = []\n");
  EXPECT_EQ(s.about, "");
  EXPECT_EQ(s.completion, Completion::versioned);
  EXPECT_EQ(s.reclaim, Reclaim::hazard);
  EXPECT_TRUE(s.initial.empty());
  EXPECT_EQ(s.reserve, std::nullopt);
  EXPECT_EQ(s.scan_threshold, 1u);
  ASSERT_EQ(s.threads.size(), 1u);
  EXPECT_TRUE(s.threads[0].ops.empty());
  EXPECT_TRUE(s.script.empty());
  EXPECT_TRUE(s.expect.empty());
}

TEST(Scenario, ResultsAsATableAndFreeNowAndAnyEmptyExpect) {
  const Scenario s = parse_ok(R"(title = "t"
[vector]
reclaim = "free-now"
[[threads]]
name = "left thread"
ops = ["pop"]
[[threads]]
name = "9"
ops = ["read 0"]
[expect]
failure = "use-after-free"
[expect.results]
"left thread" = ["empty"]
)");
  EXPECT_EQ(s.reclaim, Reclaim::free_now);
  ASSERT_TRUE(s.expect.results);
  EXPECT_EQ(s.expect.results->value.size(), 1u);  // threads may be left out
  EXPECT_EQ(s.expect.results->value.at("left thread"), std::vector<std::string>{"empty"});
  EXPECT_EQ(s.expect.failure->value, FailureKind::use_after_free);

  EXPECT_TRUE(parse_ok("title = \"t\"\n[[threads]]\nname = \"A\"\nops = []\n[expect]\n").expect.empty());
}

TEST(Scenario, NineThreadsAreFine) {
  std::string text = "title = \"t\"\n";
  for (int i = 1; i <= 9; ++i)
    text += "[[threads]]\nname = \"T" + std::to_string(i) + "\"\nops = [\"pop\"]\n";
  EXPECT_EQ(parse_ok(text).threads.size(), 9u);
}

TEST(Scenario, TomlErrorsCarryTomlsPosition) {
  const std::string e = parse_error("title = \"t\"\n[[threads]\n");
  EXPECT_EQ(e.rfind("test.toml:2:", 0), 0u) << e;
  EXPECT_NE(e.find("not valid TOML"), std::string::npos) << e;
}

TEST(Scenario, UnknownKeysAreReportedInFileOrder) {
  // toml++ sorts keys by name; the message must still point at the first typo in the file.
  EXPECT_EQ(
      parse_error("title = \"t\"\nzeta = 1\nalpha = 2\n").rfind("test.toml:2:1: unknown key \"zeta\"", 0),
      0u);
}

TEST(Scenario, MissingFileIsAnErrorAtTheStart) {
  LoadResult r = load_scenario("/no/such/dir/x.toml");
  ASSERT_TRUE(std::holds_alternative<ScenarioError>(r));
  EXPECT_EQ(std::get<ScenarioError>(r).text(), "/no/such/dir/x.toml:1:1: no such scenario file");
}

TEST(Scenario, ErrorText) {
  EXPECT_EQ((ScenarioError{{"scenarios/x.toml", 7, 8}, "boom"}).text(), "scenarios/x.toml:7:8: boom");
}

// ---- ops ----

TEST(ParseOp, AcceptsEachOpWithAnySpacing) {
  std::string why;
  EXPECT_EQ(parse_op("push 3", &why), (Op{OpKind::push, 3, 0}));
  EXPECT_EQ(parse_op("pop", &why), (Op{OpKind::pop, 0, 0}));
  EXPECT_EQ(parse_op("size", &why), (Op{OpKind::size, 0, 0}));
  EXPECT_EQ(parse_op("read 2", &why), (Op{OpKind::read, 2, 0}));
  EXPECT_EQ(parse_op("write 1 5", &why), (Op{OpKind::write, 1, 5}));
  EXPECT_EQ(parse_op("reserve 16", &why), (Op{OpKind::reserve, 16, 0}));
  EXPECT_EQ(parse_op("  write   1    5  ", &why), (Op{OpKind::write, 1, 5}));
  EXPECT_EQ(parse_op("push 4294967295", &why), (Op{OpKind::push, 4294967295u, 0}));
  EXPECT_EQ(parse_op("push 0007", &why), (Op{OpKind::push, 7, 0}));
  EXPECT_EQ(parse_op("pop", nullptr), (Op{OpKind::pop, 0, 0}));
}

TEST(ParseOp, RejectsWithAReason) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"", "an op is one of"},
      {"   ", "an op is one of"},
      {"push", "push takes one value, e.g. \"push 3\""},
      {"push 1 2", "push takes one value"},
      {"pop 1", "pop takes no arguments"},
      {"size 0", "size takes no arguments"},
      {"read", "read takes one index"},
      {"write 1", "write takes an index and a value, e.g. \"write 1 5\""},
      {"write 1 2 3", "write takes an index and a value"},
      {"reserve", "reserve takes one count"},
      {"Push 1", "unknown operation \"Push\""},
      {"insert 1", "unknown operation \"insert\" (expected push, pop, size, read, write or reserve)"},
      {"push x", "the value \"x\" is not a decimal number"},
      {"push +1", "the value \"+1\" is not a decimal number"},
      {"push 1.5", "is not a decimal number"},
      {"push 0x10", "is not a decimal number"},
      {"push -1", "the value -1 is negative"},
      {"read -2", "the index -2 is negative"},
      {"push 4294967296", "the value 4294967296 does not fit in 32 bits"},
      {"reserve 99999999999999999999999", "the count 99999999999999999999999 does not fit in 32 bits"},
      {"write 4294967296 1", "the index 4294967296 does not fit in 32 bits"},
  };
  for (const auto& [text, reason] : cases) {
    std::string why;
    EXPECT_EQ(parse_op(text, &why), std::nullopt) << text;
    EXPECT_NE(why.find(reason), std::string::npos) << "\"" << text << "\" gave: " << why;
    EXPECT_EQ(parse_op(text, nullptr), std::nullopt) << text;
  }
}

TEST(ParseOp, TextIsCanonical) {
  EXPECT_EQ((Op{OpKind::write, 1, 5}).text(), "write 1 5");
  EXPECT_EQ((Op{OpKind::push, 3, 0}).text(), "push 3");
  EXPECT_EQ((Op{OpKind::pop, 0, 0}).text(), "pop");
  EXPECT_EQ((Op{OpKind::size, 0, 0}).text(), "size");
  EXPECT_EQ((Op{OpKind::read, 2, 0}).text(), "read 2");
  EXPECT_EQ((Op{OpKind::reserve, 16, 0}).text(), "reserve 16");
  for (std::string_view text : {"push 3", "pop", "size", "read 2", "write 1 5", "reserve 16"})
    EXPECT_EQ(parse_op(text, nullptr)->text(), text);
}

// ---- action and target names ----

TEST(Names, RoundTrip) {
  const std::string_view actions[] = {"load",  "store",  "cas",     "swap", "read",
                                      "alloc", "retire", "reclaim", "free", "protect"};
  for (std::string_view a : actions) {
    ASSERT_TRUE(parse_action_kind(a)) << a;
    EXPECT_EQ(name(*parse_action_kind(a)), a);
  }
  const std::string_view targets[] = {"descriptor", "pending", "slot", "bucket", "hazard", "done", "field"};
  for (std::string_view t : targets) {
    ASSERT_TRUE(parse_target(t)) << t;
    EXPECT_EQ(target_name(*parse_target(t)), t);
  }
  EXPECT_EQ(parse_target("field"), Target::field);
  EXPECT_EQ(parse_action_kind("CAS"), std::nullopt);
  EXPECT_EQ(parse_action_kind(""), std::nullopt);
  EXPECT_EQ(parse_target("slots"), std::nullopt);
}

TEST(Until, TextAsWritten) {
  Until u;
  EXPECT_EQ(u.text(), "op-end");
  u.mode = Until::Mode::end;
  EXPECT_EQ(u.text(), "end");
  u = {Until::Mode::through_action, ActionKind::swap, Target::pending, 0};
  EXPECT_EQ(u.text(), "swap pending");
  u.mode = Until::Mode::before_action;
  EXPECT_EQ(u.text(), "before swap pending");
  u = {Until::Mode::steps, ActionKind::load, Target::descriptor, 4};
  EXPECT_EQ(u.text(), "steps = 4");
}

// ---- untils: which pairs are possible at all, and under which variant ----

std::string with_until(std::string_view until) {
  return "title = \"t\"\n[[threads]]\nname = \"A\"\nops = [\"push 1\"]\n[[script]]\nthread = \"A\"\nuntil = "
         "\"" +
         std::string(until) + "\"\n";
}

// The issue's table of possible (action, target) pairs, written out independently of the loader.
bool possible(std::string_view k, std::string_view t) {
  const std::map<std::string_view, std::set<std::string_view>> table = {
      {"load", {"descriptor", "pending", "slot", "bucket", "hazard", "done"}},
      {"store", {"pending", "slot", "hazard", "done"}},
      {"cas", {"descriptor", "slot", "bucket"}},
      {"swap", {"pending"}},
      {"read", {"field"}},
      {"alloc", {"descriptor", "pending", "bucket"}},
      {"free", {"descriptor", "pending", "bucket"}},
      {"retire", {"descriptor", "pending"}},
      {"reclaim", {"descriptor", "pending"}},
      {"protect", {"descriptor", "pending"}},
  };
  return table.at(k).count(t) > 0;
}

// The issue's variant rules, likewise.
bool possible_under(std::string_view k, std::string_view t, Completion c, Reclaim r) {
  const bool book = c == Completion::book;
  const bool hazard = r == Reclaim::hazard;
  if (k == "retire" || k == "reclaim" || k == "protect" || ((k == "load" || k == "store") && t == "hazard"))
    if (!hazard) return false;
  if (t == "pending" && (k == "load" || k == "swap" || k == "protect" || k == "retire") && !book)
    return false;
  if (t == "done" && (k == "load" || k == "store") && book) return false;
  if (k == "store" && t == "pending" && !(book && r == Reclaim::leak)) return false;
  if (k == "swap" && t == "pending" && !(book && r != Reclaim::leak)) return false;
  if (k == "store" && t == "slot" && c == Completion::versioned) return false;
  return true;
}

const std::string_view kActionNames[] = {"load",  "store",  "cas",     "swap", "read",
                                         "alloc", "retire", "reclaim", "free", "protect"};
const std::string_view kTargetNames[] = {"descriptor", "pending", "slot", "bucket",
                                         "hazard",     "done",    "field"};

TEST(Until, OnlyTheCoresPairsParse) {
  for (std::string_view k : kActionNames)
    for (std::string_view t : kTargetNames)
      for (std::string_view prefix : {"", "before "}) {
        const std::string until = std::string(prefix) + std::string(k) + " " + std::string(t);
        SCOPED_TRACE(until);
        LoadResult r = parse_scenario(with_until(until), "u.toml");
        const bool heap_event = k == "alloc" || k == "retire" || k == "reclaim" || k == "free" || k == "protect";
        if (possible(k, t) && !(heap_event && !prefix.empty())) {
          ASSERT_TRUE(std::holds_alternative<Scenario>(r)) << std::get<ScenarioError>(r).text();
          const Until& u = std::get<Scenario>(r).script.at(0).until;
          EXPECT_EQ(u.mode, prefix.empty() ? Until::Mode::through_action : Until::Mode::before_action);
          EXPECT_EQ(u.text(), until);
        } else {
          ASSERT_TRUE(std::holds_alternative<ScenarioError>(r));
          EXPECT_EQ(
              std::get<ScenarioError>(r).text().rfind("u.toml:7:9: until \"" + until + "\" is impossible", 0),
              0u)
              << std::get<ScenarioError>(r).text();
        }
      }
}

TEST(CheckVariant, MatchesTheRulesForEveryPairAndVariant) {
  for (std::string_view k : kActionNames)
    for (std::string_view t : kTargetNames) {
      if (!possible(k, t)) continue;
      const Scenario s = parse_ok(with_until(std::string(k) + " " + std::string(t)));
      for (Completion c : kAllCompletions)
        for (Reclaim r : kAllReclaims) {
          SCOPED_TRACE(std::string(k) + " " + std::string(t) + " under " + std::string(name(c)) + " + " +
                       std::string(name(r)));
          const std::optional<ScenarioError> e = check_variant(s, c, r);
          EXPECT_EQ(!e, possible_under(k, t, c, r)) << (e ? e->text() : "no error");
          if (e) {
            EXPECT_EQ(e->where.line, 5);  // the [[script]] table
            EXPECT_EQ(e->where.column, 1);
            EXPECT_NE(e->message.find("is impossible under"), std::string::npos);
          }
        }
    }
}

TEST(CheckVariant, SaysWhy) {
  const Scenario swap = parse_ok(with_until("swap pending"));
  EXPECT_EQ(
      check_variant(swap, Completion::paper, Reclaim::hazard)->text(),
      "test.toml:5:1: until \"swap pending\" is impossible under paper: only the book's completion swaps a "
      "pending pointer");
  EXPECT_NE(check_variant(swap, Completion::book, Reclaim::leak)->message.find("plain store, not a swap"),
            std::string::npos);
  EXPECT_EQ(check_variant(swap, Completion::book, Reclaim::free_now), std::nullopt);

  const Scenario retire = parse_ok(with_until("retire descriptor"));
  EXPECT_NE(check_variant(retire, Completion::versioned, Reclaim::leak)->message.find("under leak"),
            std::string::npos);
  EXPECT_EQ(check_variant(retire, Completion::versioned, Reclaim::hazard), std::nullopt);

  const Scenario done = parse_ok(with_until("store done"));
  EXPECT_NE(check_variant(done, Completion::book, Reclaim::hazard)->message.find("under book"),
            std::string::npos);
}

TEST(CheckVariant, ReportsTheFirstImpossibleStep) {
  const Scenario s = parse_ok(R"(title = "t"
[[threads]]
name = "A"
ops = ["push 1", "push 2"]
[[script]]
thread = "A"
steps = 2
[[script]]
thread = "A"
until = "op-end"
[[script]]
thread = "A"
until = "load done"
[[script]]
thread = "A"
until = "swap pending"
)");
  // Steps, op-end and end are possible under every variant.
  const std::optional<ScenarioError> e = check_variant(s, Completion::book, Reclaim::hazard);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->where.line, 11);
  EXPECT_NE(e->message.find("\"load done\""), std::string::npos);
  EXPECT_EQ(check_variant(s, Completion::paper, Reclaim::hazard)->where.line, 14);
}

}  // namespace

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

#include <sys/stat.h>
#include <unistd.h>

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

// Results as they are written, so expectations read like the file.
std::vector<std::string> texts(const std::vector<OpResult>& results) {
  std::vector<std::string> out;
  for (const OpResult& r : results) out.push_back(r.text());
  return out;
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
ops = ["push 2", "pop", "size", "read  1", "  write 1   5 ", "reserve 65536"]

[[script]]
thread = "A"
until = "cas descriptor"
say = "A swaps in its descriptor."
pause = false

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
                                               {OpKind::reserve, 65536u, 0}}));
  EXPECT_EQ(s.thread_index("A"), std::optional<unsigned>(0));
  EXPECT_EQ(s.thread_index("B"), std::optional<unsigned>(1));
  EXPECT_EQ(s.thread_index("C"), std::nullopt);

  ASSERT_EQ(s.script.size(), 5u);
  EXPECT_EQ(s.script[0].thread, 0u);
  EXPECT_EQ(s.script[0].until.mode, Until::Mode::through_action);
  EXPECT_EQ(s.script[0].until.kind, ActionKind::cas);
  EXPECT_EQ(s.script[0].until.target, Target::descriptor);
  EXPECT_EQ(s.script[0].say, std::optional<std::string>("A swaps in its descriptor."));
  EXPECT_FALSE(s.script[0].pause);  // pause = false: "next" runs on through it
  EXPECT_EQ(s.script[0].where.file, "test.toml");
  EXPECT_EQ(s.script[0].where.line, 19);
  EXPECT_EQ(s.script[0].where.column, 1);

  EXPECT_EQ(s.script[1].thread, 1u);
  EXPECT_EQ(s.script[1].until.mode, Until::Mode::steps);
  EXPECT_EQ(s.script[1].until.steps, 3u);
  EXPECT_EQ(s.script[1].say, std::nullopt);
  EXPECT_TRUE(s.script[1].pause);  // the default: every script step is a stop

  EXPECT_EQ(s.script[2].until.mode, Until::Mode::op_end);  // neither until nor steps
  EXPECT_EQ(s.script[3].until.mode, Until::Mode::before_action);
  EXPECT_EQ(s.script[3].until.kind, ActionKind::store);
  EXPECT_EQ(s.script[3].until.target, Target::pending);
  EXPECT_EQ(s.script[4].until.mode, Until::Mode::end);

  const Expect& e = s.expect;
  EXPECT_FALSE(e.empty());
  ASSERT_TRUE(e.results);
  EXPECT_EQ(texts(e.results->value.at("A")), (std::vector<std::string>{"ok", "ok"}));
  // Numbers are numbers, so "007" compares equal to a popped 7.
  EXPECT_EQ(texts(e.results->value.at("B")), (std::vector<std::string>{"ok", "7", "3", "out-of-range", "ok", "ok"}));
  EXPECT_EQ(e.results->value.at("B")[1], OpResult::number(7));
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
name = "left_thread"
ops = ["pop"]
[[threads]]
name = "9"
ops = ["read 0"]
[expect]
failure = "use-after-free"
[expect.results]
left_thread = ["empty"]
)");
  EXPECT_EQ(s.reclaim, Reclaim::free_now);
  ASSERT_TRUE(s.expect.results);
  EXPECT_EQ(s.expect.results->value.size(), 1u);  // threads may be left out
  EXPECT_EQ(s.expect.results->value.at("left_thread"), std::vector<OpResult>{OpResult::of(Status::empty)});
  EXPECT_EQ(s.expect.failure->value, FailureKind::use_after_free);

  EXPECT_TRUE(parse_ok("title = \"t\"\n[[threads]]\nname = \"A\"\nops = []\n[expect]\n").expect.empty());
}

TEST(Scenario, TheMemoryModelItsOrdersAndReadSteps) {
  const Scenario plain = parse_ok("title = \"t\"\n[[threads]]\nname = \"A\"\nops = [\"size\"]\n");
  EXPECT_EQ(plain.memory_model, sim::MemoryModel::sc);
  EXPECT_FALSE(plain.orders.any());
  const Scenario s = parse_ok(R"(title = "t"
memory_model = "c11"
[orders]
V4 = "relaxed"
H2 = "acq_rel"
[[threads]]
name = "A"
ops = ["size"]
[[script]]
thread = "A"
steps = 1
read = 2
[[script]]
thread = "A"
steps = 3
)");
  EXPECT_EQ(s.memory_model, sim::MemoryModel::c11);
  EXPECT_EQ(s.orders.text(), "V4=relaxed H2=acq_rel");
  ASSERT_EQ(s.script.size(), 2u);
  EXPECT_EQ(s.script[0].read, 2u);
  EXPECT_EQ(s.script[1].read, 0u);
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

// ---- hostile input: limits, special files, the guard before toml++ ----

constexpr std::string_view kOneThread = "[[threads]]\nname = \"A\"\nops = [\"push 1\"]\n";

std::string with_thread(std::string_view head) { return std::string(head) + "\n" + std::string(kOneThread); }

// Debian's toml++ 3.3.0 reaches __builtin_unreachable on these (upstream
// issue #295 and PR #301); the loader must answer them with a position.
TEST(Scenario, TomlPlusPlusBugInputsAreRefusedWithAPosition) {
  EXPECT_EQ(parse_error("\xEF\xBB\xBF").rfind("test.toml:1:1: missing required key \"title\"", 0), 0u);
  EXPECT_EQ(parse_error("[[%hreads]]").rfind("test.toml:1:3: not valid TOML: a table header's name", 0), 0u);
  for (std::string_view bad : {"[[[1]]]", "[[[a]]]", "[[[]]", "[[=", "[%]", "[\n", "[ \x01]", "[[ \xC3\xA9]]"})
    EXPECT_NE(parse_error(bad).find("not valid TOML"), std::string::npos) << bad;
  // A byte-order mark before a valid file is harmless.
  EXPECT_EQ(parse_ok("\xEF\xBB\xBF" + with_thread("title = \"t\"")).title, "t");
}

TEST(Scenario, TheGuardLeavesValidTomlAlone) {
  // Brackets at a line's start inside a multi-line string or array are no headers.
  const Scenario s = parse_ok(with_thread("title = \"t\"\nabout = \"\"\"\n[%not a header]\n  [[ = \"\"\"\n"
                                          "[vector]\ninitial = [\n  1, # [%\n  2,\n]\n"));
  EXPECT_EQ(s.about, "[%not a header]\n  [[ = ");
  EXPECT_EQ(s.initial, (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(parse_ok(with_thread("title = '''\n[%'''\n[ \"vector\" ]\nreserve = 4\n")).reserve, 4u);
}

TEST(Scenario, InvalidUtf8IsRefusedWhereItIs) {
  EXPECT_EQ(parse_error("title = \"ok\"\nabout = \"caf\xE9\"\n").rfind("test.toml:2:13: not valid UTF-8 (byte 0xE9)", 0),
            0u);
  for (std::string_view bad : {"title = \"\xC0\xAF\"", "title = \"\xED\xA0\x80\"", "title = \"\xF4\x90\x80\x80\"",
                               "title = \"\xE2\x82\""})
    EXPECT_NE(parse_error(bad).find("not valid UTF-8"), std::string::npos);
  EXPECT_EQ(parse_ok(with_thread("title = \"caf\xC3\xA9 \xF0\x9F\x98\x80\"")).title, "caf\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST(Scenario, LimitsAreExactlyAsDocumented) {
  // At the limit: accepted.
  Scenario s = parse_ok(with_thread("title = \"" + std::string(limits::kTitleBytes, 't') + "\"\nabout = \"" +
                                    std::string(limits::kAboutBytes, 'a') + "\"\n[vector]\nreserve = 65536\n"));
  EXPECT_EQ(s.reserve, limits::kReserve);
  EXPECT_EQ(parse_op("reserve 65536", nullptr), (Op{OpKind::reserve, 65536, 0}));
  // One past: refused, with the value's position.
  EXPECT_EQ(parse_error(with_thread("title = \"" + std::string(limits::kTitleBytes + 1, 't') + "\""))
                .rfind("test.toml:1:9: title is 201 bytes long", 0),
            0u);
  EXPECT_EQ(parse_error(with_thread("title = \"t\"\n[vector]\nreserve = 16777216\n"))
                .rfind("test.toml:3:11: reserve (16777216) is more than", 0),
            0u);
  std::string why;
  EXPECT_EQ(parse_op("reserve 65537", &why), std::nullopt);
  EXPECT_NE(why.find("at most 65536 elements"), std::string::npos) << why;
  std::string script = with_thread("title = \"t\"");
  for (std::size_t i = 0; i <= limits::kScriptSteps; ++i) script += "[[script]]\nthread = \"A\"\n";
  EXPECT_NE(parse_error(script).find(": too many script steps: a scenario has at most 5000"), std::string::npos);
  const std::string big(limits::kFileBytes + 1, ' ');
  EXPECT_NE(parse_error(big).find("a scenario file is at most 1 MiB"), std::string::npos);
}

TEST(Scenario, ThreadNamesAreIdentifiers) {
  EXPECT_EQ(parse_ok("title = \"t\"\n[[threads]]\nname = \"reader_2-b\"\nops = []\n").threads[0].name, "reader_2-b");
  for (std::string_view bad : {"A B", "A*2", "A\\nB", "\\u00a0", "caf\xC3\xA9", "A.B"})
    EXPECT_NE(parse_error("title = \"t\"\n[[threads]]\nname = \"" + std::string(bad) + "\"\nops = []\n")
                  .find("test.toml:3:8: thread name"),
              std::string::npos)
        << bad;
}

TEST(Scenario, InvisibleCharactersAreNamedInMessages) {
  std::string why;
  parse_op("push\xC2\xA0" "1", &why);
  EXPECT_EQ(why, "unknown operation \"push\\u00a01\" (expected push, pop, size, read, write or reserve)");
  parse_op(std::string_view("pu\0sh 1", 7), &why);
  EXPECT_NE(why.find("\"pu\\u0000sh\""), std::string::npos) << why;
  parse_op("push \xE2\x80\x8B" "1", &why);  // a zero-width space before the value
  EXPECT_NE(why.find("\\u200b1"), std::string::npos) << why;
  // Long text is cut short in a message.
  parse_op(std::string(5000, 'x'), &why);
  EXPECT_LT(why.size(), 200u);
}

std::string load_error(const std::filesystem::path& p) {
  LoadResult r = load_scenario(p);
  if (const auto* e = std::get_if<ScenarioError>(&r)) return e->text();
  ADD_FAILURE() << "loaded " << p;
  return "";
}

// Only regular files are read: a FIFO would block forever, a device never ends.
TEST(Scenario, SpecialFilesAreRefusedAndSaySo) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("lfv-special-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string d = dir.string();
  EXPECT_EQ(load_error(dir), d + ":1:1: this is a directory, not a scenario file");
  ASSERT_EQ(::mkfifo((dir / "fifo.toml").c_str(), 0600), 0);
  EXPECT_EQ(load_error(dir / "fifo.toml").rfind(d + "/fifo.toml:1:1: this is a named pipe (FIFO)", 0), 0u);
  EXPECT_EQ(load_error("/dev/zero").rfind("/dev/zero:1:1: this is a device", 0), 0u);
  std::filesystem::create_symlink(dir / "loop-b", dir / "loop-a");
  std::filesystem::create_symlink(dir / "loop-a", dir / "loop-b");
  EXPECT_EQ(load_error(dir / "loop-a").rfind(d + "/loop-a:1:1: a loop of symbolic links", 0), 0u);
  std::filesystem::create_symlink(dir / "nothing", dir / "dangling");
  EXPECT_EQ(load_error(dir / "dangling").rfind(d + "/dangling:1:1: a symbolic link to nothing", 0), 0u);
  {
    std::ofstream big(dir / "big.toml");
    big << std::string(limits::kFileBytes + 10, '#');
  }
  EXPECT_EQ(load_error(dir / "big.toml").rfind(d + "/big.toml:1:1: the file is 1048586 bytes", 0), 0u);
  std::filesystem::remove_all(dir);
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

// ---- results ----

TEST(OpResult, TextAndParseRoundTrip) {
  using Kind = OpResult::Kind;
  const std::pair<OpResult, std::string_view> each[] = {
      {{Kind::ok}, "ok"},
      {{Kind::empty}, "empty"},
      {{Kind::out_of_range}, "out-of-range"},
      {OpResult::number(0), "0"},
      {OpResult::number(42), "42"},
      {OpResult::number(4294967295u), "4294967295"},
  };
  for (const auto& [r, text] : each) {
    EXPECT_EQ(r.text(), text);
    EXPECT_EQ(parse_result(text), r) << text;
  }
  // The words are Status's own.
  for (Status s : {Status::ok, Status::empty, Status::out_of_range}) EXPECT_EQ(OpResult::of(s).text(), name(s));
  EXPECT_EQ(parse_result("007"), OpResult::number(7));  // read as a number, shown in plain decimal
  EXPECT_EQ(parse_result("007")->text(), "7");
  for (std::string_view bad : {"", "OK", "ok ", " 1", "-1", "1.5", "4294967296", "none", "out_of_range"})
    EXPECT_EQ(parse_result(bad), std::nullopt) << bad;
  // Results compare by kind and value, never by text.
  EXPECT_NE(OpResult::number(1), OpResult::number(10));
  EXPECT_NE(OpResult{Kind::empty}, OpResult::number(0));
  EXPECT_LT(OpResult::number(2), OpResult::number(10));  // "10" < "2" as text
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
  // versioned has no write-descriptor object; leak frees nothing during a
  // run but the descriptor versioned kept and never published (measured by
  // reach_test.cpp).
  if (t == "pending" && c == Completion::versioned && (k == "alloc" || k == "free" || k == "reclaim")) return false;
  if (r == Reclaim::leak && k == "free" && (t == "pending" || (t == "descriptor" && c != Completion::versioned)))
    return false;
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

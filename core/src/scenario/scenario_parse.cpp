// Reads a scenario from TOML (docs/scenario-format.md). Every message names
// the file, line and column of the node at fault, for a lecturer to fix.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

#include <toml++/toml.h>

#include "lfv/scenario/scenario.hpp"
#include "scenario_internal.hpp"

namespace lfv::scenario {

namespace {

using detail::Number;

constexpr unsigned kMaxThreads = 9;  // the format's limit (docs/scenario-format.md)

// Thrown by Reader::fail and caught in parse_scenario: the first error ends the read.
struct Failed {
  ScenarioError error;
};

std::string a_type(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    case toml::node_type::none: break;
  }
  return "nothing";
}

bool before(const toml::source_region& a, const toml::source_region& b) {
  return std::pair(a.begin.line, a.begin.column) < std::pair(b.begin.line, b.begin.column);
}

// toml++ keeps a table's keys sorted by name; messages should follow the file.
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& t) {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (const auto& [k, v] : t) entries.emplace_back(&k, &v);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return before(a.first->source(), b.first->source()); });
  return entries;
}

std::string join_comma(std::initializer_list<std::string_view> names) {
  std::string out;
  for (std::string_view n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

class Reader {
 public:
  explicit Reader(std::string_view path) : path_(path) {}

  Scenario read(const toml::table& root) {
    Scenario s;
    s.path = path_;
    const std::string_view top = "at the top of the file";
    check_keys(root, top, {"title", "about", "memory_model", "vector", "orders", "threads", "script", "expect"});
    const toml::node& title = require(root, "title", top, "title = \"Two pushers race\"");
    s.title = text_of(title, "title", limits::kTitleBytes, "it heads the player");
    if (s.title.empty()) fail(title, "title is empty: give the scenario a title");
    if (const toml::node* n = root.get("about"))
      s.about = text_of(*n, "about", limits::kAboutBytes, "it is shown when the scenario opens");
    if (const toml::node* n = root.get("memory_model")) {
      const std::string v = string_of(*n, "memory_model");
      const std::optional<sim::MemoryModel> m = sim::parse_memory_model(v);
      if (!m) fail(*n, "unknown memory_model " + detail::quote(v) + " (expected sc or c11)");
      s.memory_model = *m;
    }
    if (const toml::node* n = root.get("vector")) read_vector(table_of(*n, "vector", "[vector]"), s);
    if (const toml::node* n = root.get("orders")) read_orders(table_of(*n, "orders", "[orders]"), s);
    read_threads(root, s);
    if (const toml::node* n = root.get("script")) read_script(*n, s);
    if (const toml::node* n = root.get("expect")) read_expect(table_of(*n, "expect", "[expect]"), s);
    return s;
  }

 private:
  std::string path_;

  SourcePos pos(const toml::source_region& r) const {
    // toml++ counts from 1; 0 would mean "unknown", which a parsed node never is.
    return {path_, std::max(1, static_cast<int>(r.begin.line)),
            std::max(1, static_cast<int>(r.begin.column))};
  }
  [[noreturn]] void fail(const toml::source_region& at, std::string message) const {
    throw Failed{ScenarioError{pos(at), std::move(message)}};
  }
  [[noreturn]] void fail(const toml::node& at, std::string message) const {
    fail(at.source(), std::move(message));
  }

  // ---- generic checks; `what` names the value as a lecturer would ----

  void check_keys(const toml::table& t, std::string_view where,
                  std::initializer_list<std::string_view> allowed) {
    for (const auto& [k, v] : in_file_order(t))
      if (std::find(allowed.begin(), allowed.end(), k->str()) == allowed.end())
        fail(k->source(), "unknown key " + detail::quote(k->str()) + " " + std::string(where) +
                              " (expected " + join_comma(allowed) + ")");
  }

  // A missing key is reported at the table that lacks it; `example` shows how to write it.
  const toml::node& require(const toml::table& t, std::string_view key, std::string_view where,
                            std::string_view example) {
    if (const toml::node* n = t.get(key)) return *n;
    fail(t, "missing required key \"" + std::string(key) + "\" " + std::string(where) + " (e.g. " +
                std::string(example) + ")");
  }

  std::string string_of(const toml::node& n, std::string_view what) {
    if (const auto* s = n.as_string()) return s->get();
    fail(n, std::string(what) + " must be a string, not " + a_type(n));
  }

  // A string the app shows: at most `max` bytes, so that no accepted file
  // can outgrow what the window draws in one piece.
  std::string text_of(const toml::node& n, std::string_view what, std::size_t max, std::string_view why) {
    std::string v = string_of(n, what);
    if (v.size() > max)
      fail(n, std::string(what) + " is " + std::to_string(v.size()) + " bytes long; at most " + std::to_string(max) +
                  " are allowed (" + std::string(why) + ")");
    return v;
  }

  bool bool_of(const toml::node& n, std::string_view what) {
    if (const auto* b = n.as_boolean()) return b->get();
    fail(n, std::string(what) + " must be true or false, not " + a_type(n));
  }

  // A whole number from 0 to 2^32 - 1: the simulator's elements are 32-bit.
  std::uint64_t u32_of(const toml::node& n, std::string_view what) {
    const auto* i = n.as_integer();
    if (!i) fail(n, std::string(what) + " must be a whole number, not " + a_type(n));
    const std::int64_t v = i->get();
    if (v < 0) fail(n, std::string(what) + " must not be negative (found " + std::to_string(v) + ")");
    if (static_cast<std::uint64_t>(v) > detail::kMaxValue)
      fail(n, std::string(what) + " (" + std::to_string(v) +
                  ") does not fit in 32 bits (the largest is 4294967295)");
    return static_cast<std::uint64_t>(v);
  }

  const toml::table& table_of(const toml::node& n, std::string_view what, std::string_view example) {
    if (const auto* t = n.as_table()) return *t;
    fail(n, std::string(what) + " must be a table (" + std::string(example) + "), not " + a_type(n));
  }

  // [[name]] tables: an array whose entries are all tables.
  const toml::array& tables_of(const toml::node& n, std::string_view what) {
    const auto* a = n.as_array();
    if (!a)
      fail(n, std::string(what) + " must be an array of tables ([[" + std::string(what) + "]]), not " +
                  a_type(n));
    for (const toml::node& e : *a)
      if (!e.is_table()) fail(e, "each entry of " + std::string(what) + " must be a table, not " + a_type(e));
    return *a;
  }

  std::vector<std::uint64_t> numbers_of(const toml::node& n, std::string_view what) {
    const auto* a = n.as_array();
    if (!a)
      fail(n, std::string(what) + " must be an array of whole numbers, e.g. " + std::string(what) +
                  " = [10, 20], not " + a_type(n));
    std::vector<std::uint64_t> out;
    const std::string each = "a value in " + std::string(what);
    for (const toml::node& e : *a) {
      if (out.size() == limits::kInitial)
        fail(e, std::string(what) + " holds more than " + std::to_string(limits::kInitial) + " values (the limit)");
      out.push_back(u32_of(e, each));
    }
    return out;
  }

  std::string thread_names(const Scenario& s) {
    std::string out;
    for (const ThreadSpec& t : s.threads) out += (out.empty() ? "" : ", ") + t.name;
    return out;
  }

  // ---- the sections ----

  void read_vector(const toml::table& t, Scenario& s) {
    check_keys(t, "in [vector]", {"completion", "reclaim", "initial", "reserve", "scan_threshold"});
    if (const toml::node* n = t.get("completion")) {
      const std::string v = string_of(*n, "completion");
      const std::optional<Completion> c = parse_completion(v);
      if (!c) fail(*n, "unknown completion " + detail::quote(v) + " (expected book, paper or versioned)");
      s.completion = *c;
    }
    if (const toml::node* n = t.get("reclaim")) {
      const std::string v = string_of(*n, "reclaim");
      const std::optional<Reclaim> r = parse_reclaim(v);  // also takes "free_now", as the flags do
      if (!r) fail(*n, "unknown reclaim " + detail::quote(v) + " (expected leak, hazard or free-now)");
      s.reclaim = *r;
    }
    if (const toml::node* n = t.get("initial")) s.initial = numbers_of(*n, "initial");
    if (const toml::node* n = t.get("reserve")) {
      s.reserve = u32_of(*n, "reserve");
      // The simulator allocates the buckets before the threads start (8 bytes a slot).
      if (*s.reserve > limits::kReserve)
        fail(*n, "reserve (" + std::to_string(*s.reserve) + ") is more than a vector may reserve in the simulator (at most " +
                     std::to_string(limits::kReserve) + " elements, 1 MiB of buckets)");
    }
    if (const toml::node* n = t.get("scan_threshold")) {
      s.scan_threshold = static_cast<unsigned>(u32_of(*n, "scan_threshold"));
      if (s.scan_threshold == 0)
        fail(*n, "scan_threshold must be at least 1 (a thread scans when its retired count reaches it)");
    }
  }

  // [orders]: V4 = "relaxed", one weakened numbered order a line (c11 only).
  void read_orders(const toml::table& t, Scenario& s) {
    if (s.memory_model != sim::MemoryModel::c11)
      fail(t, "[orders] weakens numbered memory orders, which only the c11 memory model reads: write "
              "memory_model = \"c11\" at the top of the file");
    for (const auto& [k, v] : in_file_order(t)) {
      const std::string tag(k->str());
      const std::string order = string_of(*v, "the order of " + tag);
      if (std::optional<std::string> why = sim::add_weakening(s.orders, tag + "=" + order))
        fail(tag.empty() || why->starts_with("unknown order tag") ? k->source() : v->source(), *why);
    }
  }

  void read_threads(const toml::table& root, Scenario& s) {
    const toml::node* n = root.get("threads");
    if (!n) fail(root, "no threads: a scenario needs at least one [[threads]] table");
    const toml::array& all = tables_of(*n, "threads");
    if (all.empty()) fail(*n, "no threads: a scenario needs at least one [[threads]] table");
    for (const toml::node& e : all) {
      if (s.threads.size() == kMaxThreads)
        fail(e, "too many threads: a scenario has at most " + std::to_string(kMaxThreads) +
                    " [[threads]] tables");
      const toml::table& t = *e.as_table();
      check_keys(t, "in [[threads]]", {"name", "ops"});
      ThreadSpec spec;
      spec.where = pos(t.source());
      const toml::node& name = require(t, "name", "in [[threads]]", "name = \"A\"");
      spec.name = string_of(name, "a thread's name");
      if (spec.name.empty()) fail(name, "a thread's name must not be empty");
      // --schedule spells threads by name ("A*3 B"), and printed schedules must read back.
      if (!detail::is_thread_name(spec.name))
        fail(name, "thread name " + detail::quote(spec.name) + " is not a name: use 1 to " +
                       std::to_string(limits::kNameBytes) + " letters, digits, _ or - (e.g. \"A\" or \"reader_2\")");
      if (std::optional<unsigned> other = s.thread_index(spec.name))
        fail(name, "duplicate thread name " + detail::quote(spec.name) + " (also used by the thread at line " +
                       std::to_string(s.threads[*other].where.line) + ")");
      const toml::node& ops = require(t, "ops", "in [[threads]]", "ops = [\"push 1\", \"pop\"]");
      const auto* list = ops.as_array();
      if (!list)
        fail(ops, "ops must be an array of strings, e.g. ops = [\"push 1\", \"pop\"], not " + a_type(ops));
      for (const toml::node& o : *list) {
        const auto* text = o.as_string();
        if (!text) fail(o, "each op must be a string such as \"push 3\", not " + a_type(o));
        if (spec.ops.size() == limits::kOpsPerThread)
          fail(o, "thread " + spec.name + " has more than " + std::to_string(limits::kOpsPerThread) +
                      " ops (the limit)");
        std::string why;
        const std::optional<Op> op = parse_op(text->get(), &why);
        if (!op) fail(o, "malformed op " + detail::quote(text->get()) + ": " + why);
        spec.ops.push_back(*op);
      }
      s.threads.push_back(std::move(spec));
    }
  }

  void read_script(const toml::node& n, Scenario& s) {
    for (const toml::node& e : tables_of(n, "script")) {
      const toml::table& t = *e.as_table();
      if (s.script.size() == limits::kScriptSteps)
        fail(t, "too many script steps: a scenario has at most " + std::to_string(limits::kScriptSteps) +
                    " [[script]] tables");
      check_keys(t, "in [[script]]", {"thread", "until", "steps", "read", "say", "pause"});
      ScriptStep step;
      step.where = pos(t.source());
      const toml::node& thread = require(t, "thread", "in [[script]]", "thread = \"A\"");
      const std::string name = string_of(thread, "thread");
      const std::optional<unsigned> index = s.thread_index(name);
      if (!index) fail(thread, "unknown thread " + detail::quote(name) + " (the threads are " + thread_names(s) + ")");
      step.thread = *index;

      const toml::node* until = t.get("until");
      const toml::node* steps = t.get("steps");
      if (until && steps)
        fail(before(until->source(), steps->source()) ? *steps : *until,
             "a [[script]] step takes until or steps, not both");
      if (until) {
        std::string why;
        const std::optional<Until> u = detail::parse_until(string_of(*until, "until"), &why);
        if (!u) fail(*until, why);
        step.until = *u;
      }
      if (steps) {
        step.until.mode = Until::Mode::steps;
        step.until.steps = static_cast<unsigned>(u32_of(*steps, "steps"));
        if (step.until.steps == 0) fail(*steps, "steps must be at least 1");
      }
      if (const toml::node* read = t.get("read")) {
        if (s.memory_model != sim::MemoryModel::c11)
          fail(*read, "read = N chooses an older store for a load, which only the c11 memory model allows: write "
                      "memory_model = \"c11\" at the top of the file");
        if (!steps || step.until.steps != 1)
          fail(*read, "read = N chooses what one load reads: write it with steps = 1");
        step.read = static_cast<std::uint32_t>(u32_of(*read, "read"));
        if (step.read > limits::kReadBack)
          fail(*read, "read (" + std::to_string(step.read) + ") is more than " + std::to_string(limits::kReadBack) +
                          " stores back (the limit)");
      }
      if (const toml::node* say = t.get("say"))
        step.say = text_of(*say, "say", limits::kSayBytes, "it is shown as narration");
      if (const toml::node* pause = t.get("pause")) step.pause = bool_of(*pause, "pause");
      s.script.push_back(std::move(step));
    }
  }

  void read_expect(const toml::table& t, Scenario& s) {
    check_keys(t, "in [expect]", {"results", "contents", "failure", "leaked"});
    if (const toml::node* n = t.get("results"))
      s.expect.results = Expect::Entry<std::map<std::string, std::vector<OpResult>>>{
          read_results(table_of(*n, "results", "e.g. results = { A = [\"ok\"] }"), s), pos(n->source())};
    if (const toml::node* n = t.get("contents"))
      s.expect.contents = Expect::Entry<std::vector<std::uint64_t>>{numbers_of(*n, "contents"), pos(n->source())};
    if (const toml::node* n = t.get("failure")) {
      const std::string v = string_of(*n, "failure");
      const std::optional<FailureKind> f = parse_failure_kind(v);
      if (f == FailureKind::leak)
        fail(*n, "failure \"leak\" cannot be expected: write leaked = N to expect N leaked objects");
      if (f == FailureKind::livelock || f == FailureKind::too_long)
        fail(*n, "failure " + detail::quote(v) +
                     " cannot be expected: a run that reaches its step limit is too long to judge, not a failure "
                     "(lfvlab reports it apart and exits 2)");
      if (!f || f == FailureKind::bad_input)
        fail(*n, "unknown failure " + detail::quote(v) +
                     " (expected none, non-linearizable, use-after-free, data-race or double-free)");
      s.expect.failure = Expect::Entry<FailureKind>{*f, pos(n->source())};
    }
    if (const toml::node* n = t.get("leaked"))
      s.expect.leaked = Expect::Entry<std::uint64_t>{u32_of(*n, "leaked"), pos(n->source())};
  }

  std::map<std::string, std::vector<OpResult>> read_results(const toml::table& t, const Scenario& s) {
    std::map<std::string, std::vector<OpResult>> out;
    for (const auto& [k, v] : in_file_order(t)) {
      const std::string name(k->str());
      const std::optional<unsigned> index = s.thread_index(name);
      if (!index)
        fail(k->source(),
             "results for unknown thread " + detail::quote(name) + " (the threads are " + thread_names(s) + ")");
      const std::vector<Op>& ops = s.threads[*index].ops;
      const auto* list = v->as_array();
      if (!list)
        fail(*v,
             "results for " + name + " must be an array of strings, e.g. [\"ok\", \"2\"], not " + a_type(*v));
      if (list->size() != ops.size())
        fail(*v, "results for " + name + " list " + std::to_string(list->size()) + " result" +
                     (list->size() == 1 ? "" : "s") + " but thread " + name + " has " +
                     std::to_string(ops.size()) + " op" + (ops.size() == 1 ? "" : "s") +
                     " (one result per op, in order)");
      std::vector<OpResult>& results = out[name];
      for (std::size_t i = 0; i < list->size(); ++i)
        results.push_back(
            result_of((*list)[i], name + "'s op " + std::to_string(i + 1) + " (\"" + ops[i].text() + "\")"));
    }
    return out;
  }

  // "ok", "empty", "out-of-range" or a number ("007" is 7); anything else is refused with its reason.
  OpResult result_of(const toml::node& n, const std::string& what) {
    if (const auto* i = n.as_integer())
      fail(n, "the result for " + what + " must be a string: write \"" + std::to_string(i->get()) +
                  "\", not " + std::to_string(i->get()));
    const std::string v = string_of(n, "the result for " + what);
    if (const std::optional<OpResult> r = parse_result(v)) return *r;
    std::uint64_t number = 0;
    switch (detail::parse_number(v, &number)) {
      case Number::ok: break;  // parse_result took it
      case Number::negative:
        fail(n, "the result for " + what + " is \"" + v + "\", but results are never negative");
      case Number::too_big:
        fail(n,
             "the result for " + what + " (" + v + ") does not fit in 32 bits (the largest is 4294967295)");
      case Number::not_a_number: break;
    }
    fail(n, "unknown result " + detail::quote(v) + " for " + what +
                ": expected \"ok\", \"empty\", \"out-of-range\" or a number");
  }
};

}  // namespace

LoadResult parse_scenario(std::string_view text, std::string_view path) {
  auto error_at = [&](int line, int column, std::string message) -> LoadResult {
    return ScenarioError{{std::string(path), line, column}, std::move(message)};
  };
  if (text.size() > limits::kFileBytes)
    return error_at(1, 1, "the scenario is " + std::to_string(text.size()) + " bytes; a scenario file is at most " +
                              std::to_string(limits::kFileBytes >> 20) + " MiB");
  // toml++ 3.3.0 mishandles a file that is only a byte-order mark (upstream
  // issue #295); the mark means nothing in UTF-8, so it is dropped here.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (std::optional<detail::GuardError> g = detail::guard_toml_input(text))
    return error_at(g->line, g->column, std::move(g->message));
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const toml::source_position at = e.source().begin;
    return error_at(std::max(1, static_cast<int>(at.line)), std::max(1, static_cast<int>(at.column)),
                    "not valid TOML: " + std::string(e.description()));
  }
  try {
    return Reader(path).read(root);
  } catch (const Failed& f) {
    return f.error;
  }
}

LoadResult load_scenario(const std::filesystem::path& file) {
  namespace fs = std::filesystem;
  const std::string path = file.string();
  auto at_start = [&](std::string message) -> LoadResult {
    return ScenarioError{{path, 1, 1}, std::move(message)};
  };
  // Only regular files are read: a FIFO would block the reader forever and
  // a device (/dev/zero) never ends.
  std::error_code ec;
  const fs::file_status st = fs::status(file, ec);
  if (ec) {
    if (ec == std::errc::too_many_symbolic_link_levels)
      return at_start("a loop of symbolic links (too many levels to follow), not a scenario file");
    if (fs::is_symlink(fs::symlink_status(file, ec)))
      return at_start("a symbolic link to nothing (its target does not exist)");
    if (ec == std::errc::permission_denied) return at_start("cannot read the scenario file: permission denied");
    return at_start("no such scenario file");
  }
  switch (st.type()) {
    case fs::file_type::regular: break;
    case fs::file_type::not_found: return at_start("no such scenario file");
    case fs::file_type::directory: return at_start("this is a directory, not a scenario file");
    case fs::file_type::fifo: return at_start("this is a named pipe (FIFO), not a scenario file: only regular files are read");
    case fs::file_type::socket: return at_start("this is a socket, not a scenario file: only regular files are read");
    case fs::file_type::character:
    case fs::file_type::block: return at_start("this is a device, not a scenario file: only regular files are read");
    default: return at_start("this is not a regular file: only regular files are read");
  }
  const std::uintmax_t size = fs::file_size(file, ec);
  if (!ec && size > limits::kFileBytes)
    return at_start("the file is " + std::to_string(size) + " bytes; a scenario file is at most " +
                    std::to_string(limits::kFileBytes >> 20) + " MiB");
  std::ifstream in(file, std::ios::binary);
  if (!in) return at_start(std::string("cannot read the scenario file: ") + std::strerror(errno));
  // Read at most one byte past the limit, in case the file grew since.
  std::string text(limits::kFileBytes + 1, '\0');
  in.read(text.data(), std::streamsize(text.size()));
  if (in.bad()) return at_start("cannot read the scenario file");
  text.resize(std::size_t(in.gcount()));
  return parse_scenario(text, path);
}

}  // namespace lfv::scenario

# The two commands: `make run` and `make test`. Both first install whatever
# Debian packages are missing (tools/install-deps.sh).
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps build run test test-clang package sanitize tsan asan fuzz bench verify clean

all: build

deps:
	@bash tools/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) > /dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/lfvlab

test: build
	ctest --test-dir $(BUILD) --output-on-failure --no-tests=error -j $(JOBS)

# The same build and tests with Debian's clang 16 (clang 14, Debian's
# default, cannot compile libstdc++ 12's <source_location>).
test-clang: deps
	@CC=clang-16 CXX=clang++-16 cmake -S . -B build-clang $(CMAKE_FLAGS) > /dev/null
	@cmake --build build-clang -j $(JOBS)
	ctest --test-dir build-clang --output-on-failure --no-tests=error -j $(JOBS)

# A Debian package of the app: build/lfvlab_VERSION_ARCH.deb
# (install it with: apt-get install ./build/lfvlab_*.deb).
package: build
	cd $(BUILD) && cpack -G DEB

# The core's tests, stress tests included, under ThreadSanitizer and under
# AddressSanitizer + UndefinedBehaviorSanitizer. Any report fails the run.
# LeakSanitizer is off: the `leak` variants leak on purpose, and the tests
# check every allocation exactly through the counting allocator instead.
# The simulator's tests (label `sim`) are left out of both: they run on one
# OS thread, so TSan has nothing to find, and both sanitizers mistake fiber
# stack switches (a stopped fiber's unwinding, thousands of short fibers in
# the explorer) for errors or run out of memory tracking them. The loader's
# and the checker's tests (lfv_loader_tests) run no fibers and are included.
sanitize: tsan asan

tsan: deps
	@cmake -S . -B build-tsan -DLFV_CORE_ONLY=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS="-fsanitize=thread -Wno-tsan" > /dev/null
	@cmake --build build-tsan -j $(JOBS)
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ctest --test-dir build-tsan --output-on-failure --no-tests=error -LE sim

asan: deps
	@cmake -S . -B build-asan -DLFV_CORE_ONLY=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" > /dev/null
	@cmake --build build-asan -j $(JOBS)
	ASAN_OPTIONS="detect_leaks=0" UBSAN_OPTIONS="print_stacktrace=1" ctest --test-dir build-asan --output-on-failure --no-tests=error -LE sim

# The scenario loader under libFuzzer (clang), ASan and UBSan, with
# assertions on (toml++'s included), for FUZZ_SECONDS (CI: 60; by hand,
# longer: make fuzz FUZZ_SECONDS=1800). Seeded with the library and the bad
# corpus; what it learns stays in build-fuzz/corpus, a crash in
# build-fuzz/crash-*. The figures are in docs/scenario-format.md (Limits).
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
fuzz: deps
	@cmake -S . -B build-fuzz -DLFV_FUZZ=ON -DLFV_CORE_ONLY=ON -DLFV_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ $(FUZZ_CMAKE_FLAGS) > /dev/null
	@cmake --build build-fuzz -j $(JOBS) --target lfv_scenario_fuzz
	@mkdir -p build-fuzz/corpus
	./build-fuzz/core/fuzz/lfv_scenario_fuzz -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
	  -max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build-fuzz/ -print_final_stats=1 \
	  build-fuzz/corpus scenarios core/tests/bad_scenarios

# The benchmarks: they print their figures. The vector's benchmark
# (docs/performance.md) also writes them as JSON. Only the benchmark programs
# are built. Run it on a quiet machine: any other load lowers the figures.
BENCH_PROGRAMS = lfv_sim_bench lfv_checker_bench lfv_explore_bench lfv_vector_bench lfv_cost_bench
bench: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) > /dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target $(BENCH_PROGRAMS)
	./$(BUILD)/core/bench/lfv_sim_bench
	./$(BUILD)/core/bench/lfv_checker_bench
	./$(BUILD)/core/bench/lfv_explore_bench
	./$(BUILD)/core/bench/lfv_cost_bench
	@mkdir -p $(BUILD)/bench
	./$(BUILD)/core/bench/lfv_vector_bench --benchmark_out=$(BUILD)/bench/vector_bench.json --benchmark_out_format=json

# Regenerates docs/verification.md: the explorer on every library scenario
# under every variant (`make test` checks that it still holds), then the
# property sweep over every generated two-thread program of at most 3
# operations and every three-thread one of one operation a thread, bounded
# at 2 preemptions (some 5 minutes here; `make test` runs a bounded slice);
# and docs/memory-orders.md: each numbered order weakened, under c11 (about
# a minute; `make test` checks it).
verify: build
	./$(BUILD)/lfvlab verify-library scenarios --out docs/verification.md
	./$(BUILD)/lfvlab verify-programs --max-ops 3 --three-threads --out docs/verification.md
	./$(BUILD)/lfvlab verify-orders scenarios --out docs/memory-orders.md

clean:
	rm -rf $(BUILD) build-clang build-tsan build-asan build-fuzz

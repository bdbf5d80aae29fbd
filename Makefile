# Pol — two commands for people:
#   make run    install what is missing, build, create ./pol-data with the demo council, serve on :8080
#               (a demo server: one-time codes go to the log, links are built on http://LISTEN)
#   make test   install what is missing, build with ASan+UBSan, run every test (unit, HTTP, browser)
#               and the convention checks (format, include layering, policy files, thread safety)
# and a few for developers: make build | test-build | bench | fuzz | check | format | tidy | clean

SHELL := /bin/bash
JOBS ?= $(shell nproc)
DATA ?= pol-data
LISTEN ?= 127.0.0.1:8080
# The demo server's settings (docs/configuration.md): one-time SMS codes written to the log, and the
# one source of absolute links in pages, feeds and the sitemap.
PUBLIC_URL ?= http://$(LISTEN)
SMS_PROVIDER ?= log
BUILD := build
TEST_BUILD := build-test
POL := $(BUILD)/src/cli/pol
CLANG_FORMAT ?= $(shell command -v clang-format-14 || echo clang-format)
CLANG_TIDY ?= $(shell command -v clang-tidy-14 || echo clang-tidy)

.PHONY: run test deps build test-build web bench fuzz check format tidy clean

deps:
	@scripts/install-deps.sh

web: deps
	@cd web && npm run build --silent

build: deps web
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DPOL_BENCH=ON >/dev/null
	@ninja -C $(BUILD) -j$(JOBS) pol

run: build
	@[ -f $(DATA)/pol.db ] || $(POL) init --data $(DATA)
	@$(POL) demo --data $(DATA)
	@echo
	@echo "  پل آماده است:  http://$(LISTEN)/console/"
	@echo "  ورود نمونه: admin (مدیر سامانه)، council (مدیر شورا)، committee، analyst،"
	@echo "  و برای هر دستگاه <slug>-manager / <slug>-editor / <slug>-desk (مثلاً behzisti-manager)؛ گذرواژه: demo1405"
	@echo
	@exec env POL_SMS_PROVIDER=$(SMS_PROVIDER) POL_PUBLIC_URL=$(PUBLIC_URL) $(POL) serve --data $(DATA) --listen $(LISTEN)

test-build: deps web
	@cmake -S . -B $(TEST_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPOL_SANITIZE=ON -DPOL_BENCH=OFF >/dev/null
	@ninja -C $(TEST_BUILD) -j$(JOBS)

# The short fuzz run goes first so that CTest's summary is the last thing printed.
test: test-build
	@scripts/fuzz.sh --short
	@cd $(TEST_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j$(JOBS) --timeout 900

bench: build
	@ninja -C $(BUILD) -j$(JOBS)
	@scripts/bench.sh

fuzz: deps
	@scripts/fuzz.sh

# The convention checks that need no build (make test runs them too, with the thread-safety analysis,
# as the CTest tests labelled "check"; tests/checks/README.md).
check:
	@scripts/install-deps.sh --no-npm >/dev/null
	@tests/checks/format.sh
	@python3 tests/checks/check_layering.py
	@python3 tests/checks/check_role_primitives.py
	@python3 tests/checks/check_audit_labels.py .
	@python3 tests/checks/checks_selftest.py

format:
	@git ls-files -z '*.h' '*.cc' | xargs -0 $(CLANG_FORMAT) -i

# clang-tidy reads the g++ build's flags; -Wno-unknown-warning-option quiets the g++-only ones
# (-Wno-error=maybe-uninitialized, which clang would otherwise report as an error in every file).
tidy: test-build
	@git ls-files 'src/*.cc' | xargs $(CLANG_TIDY) -p $(TEST_BUILD) --quiet --extra-arg=-Wno-unknown-warning-option

clean:
	@rm -rf $(BUILD) $(TEST_BUILD)

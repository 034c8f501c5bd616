# regtutor: two commands on a fresh Debian machine with the Swift toolchain.
#   make run    set up what is missing, build in release mode, start regtutor
#   make test   set up what is missing, build and run the whole test suite (which checks every lesson)

SWIFT ?= swift
EDITLINE_HEADER ?= /usr/include/editline/readline.h

.PHONY: run test deps build fuzz bench

# libedit's and SQLite's headers (Debian packages libedit-dev and libsqlite3-dev) are the only
# system dependencies: the REPL's line editor and the grading gradebook.
SQLITE_HEADER ?= /usr/include/sqlite3.h

deps:
	@missing=""; \
	[ -f "$(EDITLINE_HEADER)" ] || missing="$$missing libedit-dev"; \
	[ -f "$(SQLITE_HEADER)" ] || missing="$$missing libsqlite3-dev"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing (the REPL's line editor, the gradebook's database)..."; \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product regtutor

run: build
	.build/release/regtutor $(ARGS)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Not part of `make test`: the libFuzzer target over the parser and interpreter, for
# FUZZ_SECONDS (default 1800) on every core. See README, "Fuzzing".
fuzz: deps
	SWIFT=$(SWIFT) ./fuzz/run

# Not part of `make test`: whole-process timings of bench/*.py beside PyTorch and CPython
# (set PYTHON to an interpreter that has torch). See README, "Speed".
bench: build
	./bench/run

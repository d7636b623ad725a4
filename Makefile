# premia — make targets. Only Go is needed; `make test` is what CI runs.
GO      ?= go
BIN     ?= bin/premia
VERSION ?= 0.1.0-dev
PKGS    := ./...
# The race detector needs cgo and a C compiler; without them tests run without it.
RACE    := $(shell [ "$$($(GO) env CGO_ENABLED)" = 1 ] && command -v gcc >/dev/null 2>&1 && echo -race)
EXAMPLE := examples/sales-team

FUZZTIME ?= 30s
# Fuzz targets: package and function, each run for FUZZTIME.
FUZZ_TARGETS := ./plan:FuzzParse ./internal/factsheet:FuzzParseNumber ./internal/factsheet:FuzzRead ./internal/xlsx/formula:FuzzParse ./internal/book:FuzzScanValue

BENCH_SIZES ?= 500,5000,20000,100000
BENCH_RUNS  ?= 5
# Above this many employees the Python peer runs once (minutes each).
BENCH_ONCE_ABOVE ?= 20000
# Seconds one run may take; a run stopped there counts as a lower bound.
BENCH_TIMEOUT ?= 1500
# premia is compared with this revision: the last commit before issue 10's changes.
BENCH_BASELINE ?= edc34dd
# --split and plans (a file per employee) run up to this many employees.
BENCH_SPLIT_UPTO ?= 20000
# The year's book (bench-book) at these sizes.
BENCH_BOOK_SIZES ?= 20000

.PHONY: build demo test lint golden schema fuzz bench bench-read bench-book bench-deps realfiles clean man install

build:
	$(GO) build -trimpath -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/premia

## demo: the month-end run on the bundled sales-team example: the table on
## stdout and the Excel report in out/report.xlsx.
demo: build
	$(BIN) calc $(EXAMPLE)/scheme.yaml $(EXAMPLE)/facts.xlsx --format table -o out/report.xlsx
	@echo >&2
	$(BIN) explain $(EXAMPLE)/scheme.yaml $(EXAMPLE)/facts.xlsx S-03

## test: formatting, vet, tidy modules, then every test (race detector where available, shuffled),
## and the manual pages' test (built with -tags man, as make man builds premia).
test: lint
	$(GO) test $(RACE) -shuffle=on -count=1 $(PKGS)
	$(GO) test -tags man -count=1 -run TestManPages ./cmd/premia

## man: the manual pages of premia and each command (man/premia*.1; read one with man -l man/premia-calc.1),
## generated with cobra/doc from the commands' own help, dated by the last commit.
man:
	$(GO) run -tags man -ldflags "-X main.version=$(VERSION)" ./cmd/premia man --dir man --date $$(git log -1 --format=%cs 2>/dev/null || echo 1970-01-01)

# staticcheck, pinned: installed into bin/tools by the first make lint (needs the Go module proxy once).
STATICCHECK_VERSION := v0.8.2
STATICCHECK := bin/tools/staticcheck-$(STATICCHECK_VERSION)

$(STATICCHECK):
	@echo "installing staticcheck $(STATICCHECK_VERSION) into bin/tools" >&2
	GOBIN=$(CURDIR)/bin/tools/tmp $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	mv bin/tools/tmp/staticcheck $@ && rmdir bin/tools/tmp

lint: $(STATICCHECK)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change: $$out" >&2; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) vet -tags man ./cmd/premia
	@$(GO) mod tidy -diff >/dev/null || { echo "go mod tidy changes go.mod/go.sum: run it and commit" >&2; exit 1; }
	$(STATICCHECK) ./...

## golden: after a deliberate change, rewrite the inputs first (the example fact sheets,
## made from their CSV by TestExamples), then the goldens of the CLI cases in testdata/
## that read them.
golden: schema
	$(GO) test ./examples -run 'TestExamples|TestSchemeChange' -update
	$(GO) test ./cmd/premia -run 'TestGolden|TestCompareGitRevision' -update

## schema: rewrite schema/scheme.schema.json, the JSON Schema of the scheme format, from package plan's
## types and rules (internal/schema; go generate ./internal/schema does the same); a test checks it is current.
schema:
	$(GO) run ./cmd/premia schema -o schema/scheme.schema.json

## fuzz: each fuzz target for FUZZTIME (default 30s, or a count such as 60000x, which CI uses: a duration can
## end in a spurious "context deadline exceeded" under Go 1.26, go.dev/issue/75804); crashers land in testdata/fuzz and fail the run.
## New inputs are minimized 50 runs at most: minimizing a workbook-sized input for the default 60 s
## took the whole FUZZTIME, and FuzzRead ran 40 inputs in 20 s instead of 150,000.
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; fn=$${t##*:}; \
	  echo "fuzz $$fn in $$pkg for $(FUZZTIME)" >&2; \
	  $(GO) test $$pkg -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 50x -parallel 1; \
	done

## bench: each output shape of premia against its baseline revision, the sum of linear floors and the
## Python peer, and 1,000,000 employees to CSV (bench/RESULTS.md); then reading alone and zip bombs (bench/READING.md);
## then the year's book (bench/BOOK.md).
bench: bench-deps
	$(GO) test -run '^$$' -bench . -benchtime 3x ./plan
	/usr/bin/python3 bench/run.py --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS) --once-above $(BENCH_ONCE_ABOVE) --timeout $(BENCH_TIMEOUT) --baseline $(BENCH_BASELINE) --split-upto $(BENCH_SPLIT_UPTO) --csv-million
	$(MAKE) bench-book

## bench-book: a year's monthly book of the bench roster (go run ./bench/gen -book; 2026-01..11 closed, and a copy with 2026-12 closed too, untimed):
## a month's calc against the year-to-date calc of 2026-12 and trend over the year, CSV and workbook (bench/BOOK.md).
bench-book: bench-deps
	/usr/bin/python3 bench/run.py --only book --sizes $(BENCH_BOOK_SIZES) --runs $(BENCH_RUNS) --timeout $(BENCH_TIMEOUT)

## bench-read: reading alone against inflating and tokenizing, and zip bombs (bench/READING.md).
bench-read: bench-deps
	/usr/bin/python3 bench/run.py --only read --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS)

bench-deps:
	@command -v /usr/bin/time >/dev/null && /usr/bin/python3 -c 'import openpyxl, xlsxwriter' 2>/dev/null && command -v gnuplot >/dev/null || { \
	  echo "installing the benchmark's Debian packages" >&2; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time python3-openpyxl python3-xlsxwriter gnuplot-nox >/dev/null; }

## realfiles: rebuild the fact sheets made by other programs (testdata/real-*, see testdata/made/README.md).
realfiles:
	@/usr/bin/python3 -c 'import openpyxl, xlsxwriter' 2>/dev/null && command -v soffice >/dev/null || { \
	  echo "installing XlsxWriter, openpyxl and LibreOffice from Debian" >&2; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-openpyxl python3-xlsxwriter libreoffice-calc-nogui >/dev/null; }
	sh testdata/made/make.sh

clean:
	rm -rf bin out

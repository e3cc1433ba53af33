# Khabar — `make run` and `make test` are all a new user needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KHABAR := $(VENV)/bin/khabar
DEMO_DB ?= khabar-demo.db
PORT ?= 8000
# Debian packages Khabar uses: sqlite3 to inspect the store by hand; chromium and
# fonts-noto-core for the browser tests and screenshots (without the fonts Hindi renders as boxes);
# postgresql for the PostgreSQL store tests (they start a throwaway server of their own).
APT_PACKAGES := sqlite3 chromium fonts-noto-core postgresql

# The world map's country outlines: Natural Earth 1:110m as TopoJSON from the npm package
# world-atlas (ISC licence; Natural Earth is public domain), fetched once by npm at setup.
WORLD_ATLAS_VERSION := 2.0.2
WORLD_ATLAS := src/khabar/kb/data/countries-110m.json

.PHONY: setup apt run test test-fast fuzz bench eval lint train-langid train-ner screenshots

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,web,semantic]'
	touch $@

apt:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(WORLD_ATLAS):
	mkdir -p build/npm
	cd build/npm && npm pack --silent world-atlas@$(WORLD_ATLAS_VERSION) >/dev/null
	tar -xzf build/npm/world-atlas-$(WORLD_ATLAS_VERSION).tgz -C build/npm package/countries-110m.json
	cp build/npm/package/countries-110m.json $@

setup: apt $(VENV)/.installed $(WORLD_ATLAS)

run: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(KHABAR) ingest examples --db $(DEMO_DB)
	$(KHABAR) stats --db $(DEMO_DB)
	@echo
	@echo "The demo store is $(CURDIR)/$(DEMO_DB). Next, try:"
	@echo "  $(KHABAR) search 'طورخم' --db $(DEMO_DB)      (Urdu; 'तोरखम' or 'Torkham' work too)"
	@echo "  $(KHABAR) stories --db $(DEMO_DB)              (then: $(KHABAR) story ID --db $(DEMO_DB))"
	@echo "  $(KHABAR) events --db $(DEMO_DB)   /   $(KHABAR) claims --stance deny --db $(DEMO_DB)"
	@echo "  $(KHABAR) duplicates --db $(DEMO_DB)"
	@echo "  $(KHABAR) rejects --db $(DEMO_DB)"
	@echo "  $(KHABAR) show ID --removed --db $(DEMO_DB)"
	@echo "  $(KHABAR) export --format jsonl --db $(DEMO_DB) > demo.jsonl"
	@echo
	@echo "Starting the web UI and API on the demo store (Ctrl-C stops it; PORT=N make run for another port):"
	$(KHABAR) serve --db $(DEMO_DB) --port $(PORT)

# Every test; test-fast leaves out the slow tier (browser, eval quality gates, retraining).
test: setup
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not slow"

# 10,000 generated malformed inputs (FUZZ_COUNT=N for another number): 0 tracebacks, every input
# stored or rejected with a reason, counts that add up (docs/reliability.md). About 15 minutes.
FUZZ_COUNT ?= 10000
fuzz: setup
	$(PY) -m tests.fuzz.run --count $(FUZZ_COUNT) --seed 16

bench: setup
	$(PY) bench/run.py --out docs/benchmarks.md
	$(PY) bench/events.py --out docs/benchmarks.md
	$(PY) bench/dedup.py --out docs/benchmarks.md
	$(PY) bench/search.py --out docs/benchmarks.md
	$(PY) bench/search_page.py --documents 20000 --requests 160 --section search_page_20k --out docs/benchmarks.md
	$(PY) bench/watch.py --out docs/benchmarks.md
	$(PY) bench/reingest.py --out docs/benchmarks.md
	$(PY) bench/eval_pages.py --out docs/benchmarks.md
	$(PY) bench/startup.py --out docs/benchmarks.md

eval: setup
	$(KHABAR) eval langid --out docs/benchmarks.md
	$(KHABAR) eval ner --out docs/benchmarks.md
	$(KHABAR) eval translation --sample 40 --out docs/benchmarks.md
	$(KHABAR) eval xscript --out docs/benchmarks.md
	$(KHABAR) eval time --out docs/benchmarks.md
	$(KHABAR) eval events --out docs/benchmarks.md
	$(KHABAR) eval pages --out docs/benchmarks.md

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy

train-langid: setup
	$(KHABAR) train langid

train-ner: setup
	$(KHABAR) train ner

# PNGs of the search, document, entity and story pages (demo corpus) for the README.
screenshots: setup
	$(PY) -m tests.browser.screenshots --out docs/screenshots

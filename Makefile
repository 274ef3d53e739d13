# Two commands matter: `make demo` and `make test`. Both bootstrap uv into
# .uv/ and the locked environment into .venv/ from the system Python (3.11+).
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .uv/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install demo test lint typecheck bench data clean browser

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-groups --python $(PYTHON)
	@touch $@

install: $(VENV)/.installed

# The headline comparison, then the API and web map on http://127.0.0.1:$(PORT)/.
PORT ?= 8000
demo: install
	$(BIN)/corredor demo --out demo-out
	$(BIN)/corredor serve --host 127.0.0.1 --port $(PORT)

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

# Browser tests drive Debian's chromium (never a downloaded browser): install
# it when missing and possible (root + apt), else say loudly they will skip.
CHROMIUM ?= /usr/bin/chromium
# (A small CJK font, fonts-wqy-microhei, comes along so Chinese screenshots show glyphs.)
browser:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends chromium fonts-wqy-microhei >/dev/null) \
	  || echo "!!! WARNING: apt-get could not install chromium: BROWSER TESTS WILL BE SKIPPED (they fail under CI)"; \
	else \
	  echo "!!! WARNING: no $(CHROMIUM) and not root: BROWSER TESTS WILL BE SKIPPED (they fail under CI)"; \
	  echo "!!! install it with: sudo apt-get install chromium"; \
	fi

test: lint browser
	$(BIN)/pytest -n 2 -q

bench: install
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .uv .mypy_cache .ruff_cache .pytest_cache

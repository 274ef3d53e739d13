# Two commands matter: `make demo` and `make test`. Both bootstrap uv into
# .uv/ and the locked environment into .venv/ from the system Python (3.11+).
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .uv/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install demo test lint typecheck bench data clean

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-groups --python $(PYTHON)
	@touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/corredor demo --out demo-out

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -n 2 -q

bench: install
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .uv .mypy_cache .ruff_cache .pytest_cache

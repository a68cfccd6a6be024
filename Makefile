# Quick start: `make demo` and `make test` each set up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint templates docs-images bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/reportgen check samples/*.yaml
	$(BIN)/reportgen render samples/*.yaml -o out --force $(if $(shell command -v soffice),--pdf,)
	$(BIN)/reportgen form --edition 2021 --agency 示例县人民政府 --year 2024 -o out/填报表-2021版.xlsx --force
	@echo "已生成到 out/：" && ls out

test: $(STAMP)
	$(BIN)/ruff check src tests tools bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests tools bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info

templates: $(STAMP)
	$(BIN)/python tools/build_templates.py

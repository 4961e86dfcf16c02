# Orient — run `make help` for the targets. The README's two commands are
# `make report` (set up everything, build the sample reports) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?= 2

.DEFAULT_GOAL := help
.PHONY: help setup system-deps report test lab lint bench docs clean

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

setup: $(STAMP) system-deps ## Create .venv and install the kit, its dev tools and system fonts

system-deps: ## Install a CJK font and Pango when missing (as root), else print how
	@bash scripts/system-deps.sh

report: setup ## Build the reports of every sample engagement under build/
	$(BIN)/orient batch data_samples/*/ --jobs $(JOBS)

test: setup ## Run the whole test suite (unit, property, notebooks, end-to-end)
	$(BIN)/python -m pytest -q --nbval-lax --nbval-current-env tests notebooks

lab: setup ## Open the notebooks in JupyterLab
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

lint: setup ## Check style with ruff
	$(BIN)/ruff check src tests benchmarks

bench: setup ## Measure per-stage and batch timings and the scoring engine (writes benchmarks/results/)
	$(BIN)/python benchmarks/run_sample.py
	$(BIN)/python benchmarks/scoring.py
	$(BIN)/python benchmarks/pilot.py
	$(BIN)/python benchmarks/workshop.py

docs: setup ## Regenerate the generated docs (input format, library counts)
	$(BIN)/python scripts/make_docs.py

clean: ## Remove build outputs (keeps .venv)
	rm -rf build

# Two entry points (see README): `make run` ingests data/raw/ into data/parsed/,
# `make test` runs the test suite. Both set up everything on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie poppler-utils fonts-dejavu-core
# LibreOffice converts .doc/.rtf/.odt to .docx (parsers/readers/converted.py). Without its
# recommends (python3-uno, Java helpers, fonts) it is 49 packages, an 84 MB download, ~25 s.
APT_LEAN_PACKAGES := libreoffice-writer-nogui

.PHONY: setup system-deps run test fuzz lint bench clean

$(BIN)/chitieu: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/chitieu

# OCR needs Tesseract with the Vietnamese model, old Word files LibreOffice; installed
# when missing (root on CI).
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	lean=""; for p in $(APT_LEAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || lean="$$lean $$p"; done; \
	if [ -n "$$missing$$lean" ]; then apt-get update -qq || true; fi; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null \
	  || echo "warning: could not install$$missing; OCR tests will be skipped"; \
	fi; \
	if [ -n "$$lean" ]; then \
	  echo "installing:$$lean"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$lean >/dev/null \
	  || echo "warning: could not install$$lean; .doc/.rtf/.odt tests will be skipped"; \
	fi

setup: system-deps $(BIN)/chitieu

run: setup
	$(BIN)/chitieu ingest data/raw --out data/parsed

# The suite includes a short fuzz run of the readers (tests/fuzz, a few seconds).
test: setup
	$(BIN)/python -m pytest

# The long fuzz run of the readers, on demand: FUZZ_N inputs, crashes kept in tests/fuzz/regressions.
FUZZ_N ?= 100000
fuzz: setup
	$(BIN)/python -m tests.fuzz.run --n $(FUZZ_N)

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: setup
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) data/parsed/*.parquet

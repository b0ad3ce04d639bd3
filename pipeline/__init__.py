"""Orchestration: ingest files into the Parquet tables, evaluate, query."""

from importlib.metadata import PackageNotFoundError, version

try:
    PARSER_VERSION = version("chitieu")
except PackageNotFoundError:  # running from a source tree without install
    PARSER_VERSION = "0.0.0+src"

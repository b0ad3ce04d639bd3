"""`chitieu` command line: ingest, evaluate, catalog, query."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
catalog_app = typer.Typer(no_args_is_help=True, help="The canonical indicator catalogue.")
app.add_typer(catalog_app, name="catalog")
console = Console()

DEFAULT_RAW = Path("data/raw")
DEFAULT_PARSED = Path("data/parsed")


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(None, help="Files or folders (default: data/raw)."),
    out: Path = typer.Option(DEFAULT_PARSED, "--out", help="Output folder for the tables."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Read documents into documents/sections/indicators/values/errors.parquet."""
    from pipeline.ingest import ingest_paths

    summary = ingest_paths(paths or [DEFAULT_RAW], out)
    if as_json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
    else:
        console.print(
            f"[bold]{summary.documents}[/] documents "
            f"({summary.ok} ok, {summary.partial} partial, {summary.failed} failed), "
            f"[bold]{summary.indicators}[/] indicators, [bold]{summary.values}[/] values, "
            f"{summary.errors} errors, {summary.warnings} warnings → {out}"
        )
        for f in summary.failed_files:
            console.print(f"  failed: {f} (see errors.parquet)")
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
def evaluate(
    gold: Path = typer.Option(Path("tests/gold"), "--gold", help="Folder of gold JSON files."),
    parsed: Path = typer.Option(DEFAULT_PARSED, "--parsed", help="Folder of parsed tables."),
    as_json: bool = typer.Option(False, "--json", help="Print scores as JSON."),
) -> None:
    """Score parsed tables against gold annotations (recall, precision, value accuracy)."""
    from pipeline.evaluate import evaluate as run, format_scores, scores_json

    scores = run(gold, parsed)
    print(scores_json(scores) if as_json else format_scores(scores))


@catalog_app.command("unmatched")
def catalog_unmatched(
    parsed: Path = typer.Option(DEFAULT_PARSED, "--parsed"),
    top: int = typer.Option(3, "--top", help="Nearest candidates to show per name."),
) -> None:
    """Indicator names that found no catalogue code, most frequent first."""
    from pipeline.catalog import format_unmatched, unmatched_report

    print(format_unmatched(unmatched_report(parsed, top=top)))


def main() -> None:
    app()

"""`chitieu` command line: ingest, evaluate, catalog, query."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
catalog_app = typer.Typer(no_args_is_help=True, help="The canonical indicator catalogue.")
app.add_typer(catalog_app, name="catalog")
console = Console()

DEFAULT_RAW = Path("data/raw")
DEFAULT_PARSED = Path("data/parsed")


def _parse_size(text: str) -> int:
    """`2G`, `512M`, `1.5GiB`, `0` (no limit) → bytes."""
    units = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
    t = text.strip().upper().removesuffix("IB").removesuffix("B")
    number, unit = (t[:-1], t[-1]) if t and t[-1] in units else (t, "")
    try:
        return int(float(number) * units[unit])
    except ValueError:
        raise typer.BadParameter(f"not a size: {text!r} (try 2G or 512M)") from None


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (default: data/raw).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder for the tables.")] = (
        DEFAULT_PARSED
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-j",
            help="Worker processes (default: all cores). 0 parses in this process, without "
            "time or memory limits, for debugging.",
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds allowed per document (0: no limit).")
    ] = 120.0,
    max_memory: Annotated[
        str,
        typer.Option("--max-memory", help="Address space per worker, e.g. 2G, 512M (0: none)."),
    ] = "2G",
    prune: Annotated[
        bool,
        typer.Option("--prune", help="Keep exactly this run's inputs: drop earlier runs' rows."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read documents into documents/sections/indicators/values/errors.parquet.

    Incremental: unchanged files are skipped, changed ones re-parsed, and everything is
    re-parsed when the parser changes. Exit code 0 when every document was read, 1 when
    some failed (they are listed, and described in errors.parquet).
    """
    from pipeline.ingest import ingest_paths

    limit = _parse_size(max_memory)
    show = not (quiet or as_json) and console.is_terminal
    with _progress_bar(show) as progress:
        summary = ingest_paths(
            paths or [DEFAULT_RAW],
            out,
            workers=workers,
            timeout=timeout or None,
            max_memory=limit or None,
            prune=prune,
            progress=progress,
        )
    if as_json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
    else:
        console.print(
            f"[bold]{summary.documents}[/] documents "
            f"({summary.ok} ok, {summary.partial} partial, {summary.failed} failed), "
            f"[bold]{summary.indicators}[/] indicators, [bold]{summary.values}[/] values, "
            f"{summary.errors} errors, {summary.warnings} warnings → {out}"
        )
        if not quiet:
            kept = f", {summary.kept} kept from earlier runs" if summary.kept else ""
            pruned = f", {summary.pruned} pruned" if summary.pruned else ""
            console.print(
                f"  this run: {summary.inputs} files, {summary.parsed} parsed, "
                f"{summary.skipped} unchanged{kept}{pruned}; "
                f"workers: {summary.workers or 'none (in-process)'}, {summary.elapsed_s:.1f} s"
                + ("" if summary.tables_rewritten else "; tables already up to date"),
                highlight=False,
            )
        for f in summary.failed_files:
            console.print(f"  failed: {f} (see errors.parquet)", highlight=False)
    raise typer.Exit(1 if summary.failed_files else 0)


class _progress_bar:
    """A rich progress bar fed by ingest's `progress(done, total, path)` callback;
    a no-op when hidden (not a terminal, --quiet, --json)."""

    def __init__(self, show: bool):
        self.show = show
        self.bar = None
        self.task = None

    def __enter__(self):
        if not self.show:
            return None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("parsing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[name]}"),
            console=console,
            transient=True,
        )
        self.bar.__enter__()
        self.task = self.bar.add_task("parse", total=None, name="")
        return self.update

    def update(self, done: int, total: int, path: str | None) -> None:
        name = Path(path).name if path else ""
        self.bar.update(self.task, completed=done, total=total, name=name[-40:])

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


@app.command()
def query(
    sql: Annotated[
        str | None,
        typer.Argument(
            help='SQL over the views documents, sections, indicators, "values", errors.'
        ),
    ] = None,
    parsed: Annotated[Path, typer.Option("--parsed", help="Folder of parsed tables.")] = (
        DEFAULT_PARSED
    ),
    csv: Annotated[Path | None, typer.Option("--csv", help="Write the result as CSV.")] = None,
    parquet: Annotated[
        Path | None, typer.Option("--parquet", help="Write the result as Parquet.")
    ] = None,
    example: Annotated[
        str | None, typer.Option("--example", "-e", help="Run a named example query.")
    ] = None,
    list_examples: Annotated[
        bool, typer.Option("--list-examples", help="List the named example queries.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", help="Rows to print (files get all).")] = 50,
) -> None:
    """Run DuckDB SQL over the parsed tables; print a table or write CSV/Parquet."""
    from pipeline.query import EXAMPLES, run_query

    if list_examples:
        for e in EXAMPLES.values():
            console.print(f"[bold]{e.name}[/]: {e.description}", highlight=False)
        return
    if example:
        if example not in EXAMPLES:
            names = ", ".join(EXAMPLES)
            raise typer.BadParameter(f"no example {example!r}; try one of: {names}")
        sql = EXAMPLES[example].sql
    if not sql:
        raise typer.BadParameter("give an SQL query, --example NAME or --list-examples")
    if csv and parquet:
        raise typer.BadParameter("--csv and --parquet are exclusive; pick one")
    try:
        frame = run_query(sql, parsed)
    except FileNotFoundError as exc:
        console.print(f"[red]{exc}[/]", highlight=False)
        raise typer.Exit(2) from None
    except Exception as exc:  # DuckDB's parser/binder/catalog errors: say it, no traceback
        console.print(f"[red]query failed:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None
    if csv:
        frame.to_csv(csv, index=False)
        console.print(f"{len(frame)} rows → {csv}", highlight=False)
    elif parquet:
        frame.to_parquet(parquet, index=False)
        console.print(f"{len(frame)} rows → {parquet}", highlight=False)
    else:
        _print_frame(frame, limit)


def _print_frame(frame, limit: int) -> None:
    import pandas as pd
    from rich.table import Table

    table = Table(show_lines=False)
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in frame.head(limit).itertuples(index=False):
        table.add_row(*("" if v is None or v is pd.NA or v != v else str(v) for v in row))
    console.print(table)
    more = f" (showing {limit}; --csv or --limit for all)" if len(frame) > limit else ""
    console.print(f"{len(frame)} rows{more}", highlight=False)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold JSON files.")] = Path(
        "tests/gold"
    ),
    parsed: Annotated[Path, typer.Option("--parsed", help="Folder of parsed tables.")] = (
        DEFAULT_PARSED
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print scores as JSON.")] = False,
) -> None:
    """Score parsed tables against gold annotations (recall, precision, value accuracy)."""
    from pipeline.evaluate import evaluate as run
    from pipeline.evaluate import format_scores, scores_json

    scores = run(gold, parsed)
    print(scores_json(scores) if as_json else format_scores(scores))
    # A scorer that scored nothing must not look like a pass.
    if not scores:
        console.print(f"[red]no gold files (*.json) in {gold}[/red]")
        raise typer.Exit(1)
    if not any(s.doc_id for s in scores):
        console.print(
            f"[red]none of the {len(scores)} gold documents was ingested in {parsed}[/red]"
        )
        raise typer.Exit(1)


@catalog_app.command("unmatched")
def catalog_unmatched(
    parsed: Annotated[Path, typer.Option("--parsed")] = DEFAULT_PARSED,
    top: Annotated[int, typer.Option("--top", help="Nearest candidates to show per name.")] = 3,
) -> None:
    """Indicator names that found no catalogue code, most frequent first."""
    from pipeline.catalog import format_unmatched, unmatched_report

    print(format_unmatched(unmatched_report(parsed, top=top)))


def main() -> None:
    app()

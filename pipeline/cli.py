"""`chitieu` command line: ingest, evaluate, catalog, query, panel, export.

A mistake the user can fix (a missing folder, a bad option value) is one line on standard
error naming the file or option and what to do, exit code 2, no traceback; `--debug`
(anywhere on the line) shows the traceback of any error instead.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

DEFAULT_RAW = Path("data/raw")
DEFAULT_PARSED = Path("data/parsed")
SHOWN_FAILURES = 10  # failed files listed with their reason under the summary
EXIT_USAGE = 2


class UserError(Exception):
    """A mistake the user can fix; its message names the file or option and what to do."""


class ChitieuGroup(TyperGroup):
    """Turns user errors into one line and exit code 2, other errors into one line and
    exit code 1 (the traceback with `--debug`)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        args = list(sys.argv[1:] if args is None else args)
        cut = args.index("--") if "--" in args else len(args)
        debug = "--debug" in args[:cut]
        args = [a for i, a in enumerate(args) if not (a == "--debug" and i < cut)]
        prog = prog_name or "chitieu"
        code = 0
        try:
            code = super().main(args, prog, standalone_mode=False, **extra) or 0
        except UserError as exc:
            if debug:
                raise
            _error(str(exc))
            code = EXIT_USAGE
        except typer.Abort:
            _error("aborted")
            code = 130
        except Exception as exc:
            from typer._click.exceptions import ClickException, UsageError

            if debug:
                raise
            if isinstance(exc, UsageError):
                where = exc.ctx.command_path if exc.ctx else prog
                _error(f"{exc.format_message()} (see `{where} --help`)")
                code = exc.exit_code
            elif isinstance(exc, ClickException):
                _error(exc.format_message())
                code = exc.exit_code
            else:
                _error(
                    f"unexpected {type(exc).__name__}: {exc} "
                    f"(run again with --debug for the traceback, and please report it)"
                )
                code = 1
        if standalone_mode:
            sys.exit(code)
        return code


def _error(message: str) -> None:
    print(f"chitieu: error: {' '.join(str(message).split())}", file=sys.stderr)


app = typer.Typer(
    cls=ChitieuGroup,
    add_completion=False,
    no_args_is_help=True,
    help=__doc__,
    # typer's rich help panel prints every option's type, flags included (`--json <bool>`):
    # the plain formatter shows a flag as a flag
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
catalog_app = typer.Typer(
    no_args_is_help=True, help="The canonical indicator catalogue.", rich_markup_mode=None
)
app.add_typer(catalog_app, name="catalog")


def console() -> Console:
    return Console(highlight=False)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            v = version("chitieu")
        except PackageNotFoundError:
            v = "unknown (not installed)"
        print(f"chitieu {v}")
        raise typer.Exit()


@app.callback()
def _root(
    _version_flag: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    _debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an error (any position).")
    ] = False,
) -> None:
    pass


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _need_folder(path: Path, option: str, hint: str) -> None:
    if not path.exists():
        raise UserError(f"{option} {path}: no such folder; {hint}")
    if not path.is_dir():
        raise UserError(f"{option} {path}: not a folder; {hint}")


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
        list[Path] | None,
        typer.Argument(help="Files or folders (default: data/raw).", metavar="PATH"),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", help="Output folder for the tables.", metavar="DIR")
    ] = DEFAULT_PARSED,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-j",
            min=0,
            metavar="N",
            help="Worker processes (default: all cores). 0 parses in this process, without "
            "time or memory limits, for debugging.",
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", min=0, metavar="SECONDS", help="Seconds per document (0: no limit)."
        ),
    ] = 120.0,
    max_memory: Annotated[
        str,
        typer.Option(
            "--max-memory",
            metavar="SIZE",
            help="Address space per worker, e.g. 2G, 512M (0: none).",
        ),
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
    some failed (listed with their reason, and described in errors.parquet), 2 for a
    mistake on the command line (a path that does not exist, --out naming a file).
    """
    paths = paths or [DEFAULT_RAW]
    for p in paths:
        if not p.exists():
            raise UserError(f"{p}: no such file or folder; check the path (nothing was written)")
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out}: is a file; give a folder (created when missing)")
    limit = _parse_size(max_memory)
    from pipeline.ingest import ingest_paths

    con = console()
    show = not (quiet or as_json) and con.is_terminal
    with _progress_bar(show, con) as progress:
        summary = ingest_paths(
            paths,
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
        _print_summary(con, summary, out, quiet)
    raise typer.Exit(1 if summary.failed_files else 0)


def _print_summary(con: Console, summary, out: Path, quiet: bool) -> None:  # noqa: ANN001
    s = summary
    unreadable = f", {plural(s.unreadable, 'file')} unreadable" if s.unreadable else ""
    con.print(
        f"[bold]{plural(s.documents, 'document')}[/] "
        f"({s.ok} ok, {s.partial} partial, {s.failed} failed{unreadable}), "
        f"[bold]{plural(s.indicators, 'indicator')}[/], [bold]{plural(s.values, 'value')}[/], "
        f"{plural(s.errors, 'error')}, {plural(s.warnings, 'warning')} → {out}"
    )
    if not quiet:
        kept = f", {s.kept} kept from earlier runs" if s.kept else ""
        pruned = f", {s.pruned} pruned" if s.pruned else ""
        con.print(
            f"  this run: {plural(s.inputs, 'file')}, {s.parsed} parsed, "
            f"{s.skipped} unchanged{kept}{pruned}; "
            f"workers: {s.workers or 'none (in-process)'}, {s.elapsed_s:.1f} s"
            + ("" if s.tables_rewritten else "; tables already up to date")
        )
    if s.failed_files:
        con.print(f"{plural(len(s.failed_files), 'file')} failed (details in errors.parquet):")
    for path in s.failed_files[:SHOWN_FAILURES]:
        reason = s.failure_reasons.get(path, "see errors.parquet")
        reason = reason.removeprefix(f"{path}: ")
        print(f"  {path}: {reason}")  # unwrapped: a path to copy
    if len(s.failed_files) > SHOWN_FAILURES:
        con.print(f"  … and {len(s.failed_files) - SHOWN_FAILURES} more")


class _progress_bar:
    """A rich progress bar fed by ingest's `progress(done, total, path)` callback;
    a no-op when hidden (not a terminal, --quiet, --json)."""

    def __init__(self, show: bool, con: Console):
        self.show = show
        self.console = con
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
            console=self.console,
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


FORMATS = ("auto", "table", "vertical", "csv", "json")

# Options shared by the commands that read the parsed tables and print or write a result.
ParsedDir = Annotated[
    Path, typer.Option("--parsed", help="Folder of parsed tables.", metavar="DIR")
]
CsvOut = Annotated[
    str | None,
    typer.Option(
        "--csv", help="Write the whole result as CSV (- : standard output).", metavar="FILE"
    ),
]
ParquetOut = Annotated[
    Path | None,
    typer.Option("--parquet", help="Write the whole result as Parquet.", metavar="FILE"),
]
PrintFormat = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="|".join(FORMATS),
        help="How to print: auto (a table when it fits the terminal, else one block per "
        "record), table, vertical, csv, json.",
    ),
]
MaxWidth = Annotated[
    int,
    typer.Option(
        "--max-width", min=0, metavar="N", help="Cut printed cells to N characters (0: no limit)."
    ),
]
RowLimit = Annotated[
    int, typer.Option("--limit", min=0, metavar="N", help="Rows to print (files get all).")
]


@app.command()
def query(
    sql: Annotated[
        str | None,
        typer.Argument(
            help='SQL over the views documents, sections, indicators, "values", errors.'
        ),
    ] = None,
    parsed: ParsedDir = DEFAULT_PARSED,
    csv: CsvOut = None,
    as_json: Annotated[
        str | None,
        typer.Option(
            "--json",
            help="Write the whole result as JSON records (- : standard output).",
            metavar="FILE",
        ),
    ] = None,
    parquet: ParquetOut = None,
    fmt: PrintFormat = "auto",
    max_width: MaxWidth = 40,
    example: Annotated[
        str | None,
        typer.Option("--example", "-e", help="Run a named example query.", metavar="NAME"),
    ] = None,
    list_examples: Annotated[
        bool, typer.Option("--list-examples", help="List the named example queries.")
    ] = False,
    limit: RowLimit = 50,
) -> None:
    """Run DuckDB SQL over the parsed tables; print it or write CSV/JSON/Parquet."""
    from pipeline.query import EXAMPLES, run_query

    con = console()
    if list_examples:
        for e in EXAMPLES.values():
            con.print(f"[bold]{e.name}[/]: {e.description}")
        return
    if fmt not in FORMATS:
        raise UserError(f"--format {fmt}: not a format; use one of {', '.join(FORMATS)}")
    if example:
        if example not in EXAMPLES:
            names = ", ".join(EXAMPLES)
            raise UserError(f"--example {example}: no such example; try one of: {names}")
        sql = EXAMPLES[example].sql
    if not sql:
        raise UserError("give an SQL query, --example NAME or --list-examples")
    if sum(x is not None for x in (csv, as_json, parquet)) > 1:
        raise UserError("--csv, --json and --parquet are exclusive; pick one")
    _need_folder(parsed, "--parsed", "run `chitieu ingest --out DIR` first, or give its DIR")
    try:
        frame = run_query(sql, parsed)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from None
    except Exception as exc:  # DuckDB's parser/binder/catalog errors: say it, no traceback
        raise UserError(f"query failed: {exc}") from None
    _emit(
        frame,
        con,
        csv=csv,
        as_json=as_json,
        parquet=parquet,
        fmt=fmt,
        limit=limit,
        max_width=max_width,
    )


def _emit(frame, con, *, csv, as_json, parquet, fmt, limit, max_width) -> None:  # noqa: ANN001
    """Print a result, or write it whole to CSV / JSON / Parquet (`-`: standard output)."""
    from pipeline.query import render

    if csv is not None or as_json is not None:
        target = csv if csv is not None else as_json
        text = render(frame, "csv" if csv is not None else "json")
        if target == "-":
            sys.stdout.write(text)
        else:
            Path(target).write_text(text, encoding="utf-8")
            print(f"{plural(len(frame), 'row')} → {target}", file=sys.stderr)
    elif parquet:
        frame.to_parquet(parquet, index=False)
        print(f"{plural(len(frame), 'row')} → {parquet}", file=sys.stderr)
    elif fmt in ("csv", "json"):
        sys.stdout.write(render(frame, fmt))
    else:
        shown = frame.head(limit) if limit else frame
        sys.stdout.write(render(shown, fmt, width=con.width, max_width=max_width or None))
        more = f" (showing {limit}; --limit or --csv for all)" if len(frame) > len(shown) else ""
        print(f"{plural(len(frame), 'row')}{more}")


@app.command()
def panel(
    parsed: ParsedDir = DEFAULT_PARSED,
    code: Annotated[
        str | None,
        typer.Option("--code", help="Catalogue code, e.g. XH.HEALTH_INSURANCE.", metavar="C"),
    ] = None,
    province: Annotated[
        str | None,
        typer.Option(
            "--province", help="Province: its code (38) or part of its name.", metavar="P"
        ),
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Year.", metavar="Y")] = None,
    wide: Annotated[
        bool,
        typer.Option("--wide", help="Plan, actual and ratios side by side (one row per unit)."),
    ] = False,
    csv: CsvOut = None,
    parquet: ParquetOut = None,
    fmt: PrintFormat = "auto",
    max_width: MaxWidth = 40,
    limit: RowLimit = 50,
) -> None:
    """The place × indicator × year panel (views panel / panel_wide, docs/DATA_CONTRACT.md)."""
    from pipeline.panel import panel_frame

    con = console()
    if fmt not in FORMATS:
        raise UserError(f"--format {fmt}: not a format; use one of {', '.join(FORMATS)}")
    if csv is not None and parquet is not None:
        raise UserError("--csv and --parquet are exclusive; pick one")
    _need_folder(parsed, "--parsed", "run `chitieu ingest --out DIR` first, or give its DIR")
    try:
        frame = panel_frame(parsed, code=code, province=province, year=year, wide=wide)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from None
    _emit(
        frame,
        con,
        csv=csv,
        as_json=None,
        parquet=parquet,
        fmt=fmt,
        limit=limit,
        max_width=max_width,
    )


@app.command()
def export(
    parsed: ParsedDir = DEFAULT_PARSED,
    duckdb_file: Annotated[
        Path | None,
        typer.Option(
            "--duckdb", help="Write one DuckDB file: tables and panel views.", metavar="FILE"
        ),
    ] = None,
    partitioned: Annotated[
        Path | None,
        typer.Option(
            "--partitioned",
            help="Write hive-partitioned Parquet (province_code, year) under DIR.",
            metavar="DIR",
        ),
    ] = None,
) -> None:
    """Export the tables as one DuckDB file and/or hive-partitioned Parquet."""
    from pipeline.export import export_duckdb, export_partitioned

    if duckdb_file is None and partitioned is None:
        raise UserError("give --duckdb FILE and/or --partitioned DIR")
    _need_folder(parsed, "--parsed", "run `chitieu ingest --out DIR` first, or give its DIR")
    if duckdb_file is not None and duckdb_file.is_dir():
        raise UserError(f"--duckdb {duckdb_file}: is a folder; give a file name")
    if partitioned is not None and partitioned.exists() and not partitioned.is_dir():
        raise UserError(f"--partitioned {partitioned}: is a file; give a folder")
    try:
        if duckdb_file is not None:
            export_duckdb(parsed, duckdb_file)
            print(f"tables and views → {duckdb_file}", file=sys.stderr)
        if partitioned is not None:
            export_partitioned(parsed, partitioned)
            print(f"partitioned Parquet → {partitioned}", file=sys.stderr)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from None


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

    _need_folder(gold, "--gold", "give the folder of gold JSON files")
    _need_folder(parsed, "--parsed", "run `chitieu ingest --out DIR` first, or give its DIR")
    try:
        scores = run(gold, parsed)
    except FileNotFoundError as exc:
        raise UserError(f"--parsed {parsed}: {exc}; run `chitieu ingest --out {parsed}`") from None
    print(scores_json(scores) if as_json else format_scores(scores))
    # A scorer that scored nothing must not look like a pass.
    if not scores:
        console().print(f"[red]no gold files (*.json) in {gold}[/red]")
        raise typer.Exit(1)
    if not any(s.doc_id for s in scores):
        console().print(
            f"[red]none of the {len(scores)} gold documents was ingested in {parsed}[/red]"
        )
        raise typer.Exit(1)


@catalog_app.command("unmatched")
def catalog_unmatched(
    parsed: ParsedDir = DEFAULT_PARSED,
    top: Annotated[int, typer.Option("--top", help="Nearest candidates to show per name.")] = 3,
) -> None:
    """Indicator names that found no catalogue code, most frequent first."""
    from pipeline.catalog import format_unmatched, unmatched_report

    _need_folder(parsed, "--parsed", "run `chitieu ingest --out DIR` first, or give its DIR")
    try:
        report = unmatched_report(parsed, top=top)
    except FileNotFoundError as exc:
        raise UserError(f"--parsed {parsed}: {exc}") from None
    print(format_unmatched(report))


def main() -> None:
    app(prog_name="chitieu")

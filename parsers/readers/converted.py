"""Old Word `.doc`, `.rtf` and OpenDocument `.odt` → `.docx` through LibreOffice → `Document`.

`soffice --headless --convert-to docx` writes a Word file the docx reader then reads, so
these formats get its tables (merged cells), numbering and styles. Each call runs in its
own temporary folder with its own LibreOffice user profile (two conversions at once
would otherwise fight over one profile's lock), under a time limit; the process group is
killed when the limit passes. LibreOffice comes from the Debian package named below
(`make system-deps`); without it these formats fail with `converter_unavailable`.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from parsers.model import Document, ReadError

DEBIAN_PACKAGE = "libreoffice-writer-nogui"
CONVERT_TIMEOUT_S = 60.0  # under the per-document limit (120 s), so this error names the cause
_SOFFICE_NAMES = ("soffice", "libreoffice")
# The import filter named for each format: without one LibreOffice opens a file it cannot
# read as plain text, and a damaged .doc would come back as a page of binary garbage.
IMPORT_FILTERS = {"doc": "MS Word 97", "rtf": "Rich Text Format", "odt": "writer8"}


def soffice() -> str | None:
    for name in _SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def read(path: Path, kind: str) -> Document:
    from parsers.readers import docx

    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="chitieu-soffice-") as tmp:
        converted = to_docx(path, Path(tmp), kind)
        doc = docx.read(converted)
    doc.source_path = str(path)
    doc.format = kind
    return doc


def to_docx(path: Path, work: Path, kind: str, timeout: float = CONVERT_TIMEOUT_S) -> Path:
    """Convert `path` into `work/<name>.docx`; raise a `ReadError` naming what failed."""
    exe = soffice()
    if exe is None:
        raise ReadError(
            "converter_unavailable",
            f"{path}: reading .{kind} files needs LibreOffice, which is not installed "
            f"(Debian package {DEBIAN_PACKAGE}; `make system-deps`).",
        )
    # a plain ASCII name: LibreOffice names its output after the input
    source = work / f"input.{kind}"
    shutil.copyfile(path, source)
    profile = work / "profile"
    out_dir = work / "out"
    out_dir.mkdir()
    cmd = [
        exe,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"--infilter={IMPORT_FILTERS[kind]}",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(out_dir),
        str(source),
    ]
    env = {**os.environ, "HOME": str(work), "SAL_USE_VCLPLUGIN": "svp"}
    proc = subprocess.Popen(  # noqa: S603 - a fixed command on a copied file
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group, so a timeout kills its helpers
    )
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ReadError(
            "conversion_timeout",
            f"{path}: LibreOffice did not convert the .{kind} file within {timeout:g} s.",
        ) from None
    result = out_dir / "input.docx"
    if proc.returncode != 0 or not result.exists() or result.stat().st_size == 0:
        lines = err.decode("utf-8", errors="replace").strip().splitlines()
        detail = [ln for ln in lines if "javaldx" not in ln][-1:] or ["no output"]
        raise ReadError(
            f"not_{kind}",
            f"{path}: LibreOffice could not read it as a .{kind} file ({detail[0][:200]}).",
        )
    return result

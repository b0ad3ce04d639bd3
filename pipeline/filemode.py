"""The mode of the files chitieu publishes: what `open()` would give, 0666 less the umask.

`tempfile.mkstemp` (used for atomic writes) creates its files 0600 whatever the umask, so a
table renamed into place would be readable by its owner only: a colleague or a notebook
server running as another user could not read it. Each temporary file is set to this mode
before it is renamed over the published one.
"""

from __future__ import annotations

import os
import threading

_lock = threading.Lock()


def current_umask() -> int:
    """The process's umask, read without changing it where Linux says it (/proc), else by
    setting and restoring it under a lock."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _lock:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def published_mode() -> int:
    return 0o666 & ~current_umask()


def make_published(fd_or_path: int | str | os.PathLike) -> None:
    """Give a freshly made temporary file the mode a plain `open()` would have given it."""
    if isinstance(fd_or_path, int):
        os.fchmod(fd_or_path, published_mode())
    else:
        os.chmod(fd_or_path, published_mode())

"""File writing shared by the build's caches (build/runtime, build/brotli)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


UMASK = _umask()  # read once, here: setting it from the threads that write in parallel would race


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so no reader, thread or process ever sees half a file.

    The file gets the mode ``open()`` would give it (0o666 less the umask): ``mkstemp`` makes
    it private (0o600), and a web server running as another user could not read it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~UMASK)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


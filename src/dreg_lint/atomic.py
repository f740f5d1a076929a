"""Writing a file so that a reader never sees half of it, even if two runs write at once."""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Iterator, TextIO


def write_atomically(path: str, text: str) -> None:
    with open_atomically(path) as stream:
        stream.write(text)


@contextlib.contextmanager
def open_atomically(path: str) -> Iterator[TextIO]:
    """A text stream to a temporary file beside ``path``, renamed onto it when the block ends
    without an exception (and removed when it does not)."""
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise

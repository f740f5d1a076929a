"""Writing a file so that a reader never sees half of it, even if two runs write at once."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from typing import Iterator, TextIO


def write_atomically(path: str, text: str) -> None:
    with open_atomically(path) as stream:
        stream.write(text)


@contextlib.contextmanager
def open_atomically(path: str) -> Iterator[TextIO]:
    """A text stream to a temporary file beside ``path``, renamed onto it when the block ends
    without an exception (and removed when it does not).

    A symbolic link is followed: the file it points to is replaced, the link is kept. Where
    ``path`` is not a regular file (``/dev/null``, a named pipe, a terminal) there is nothing to
    replace: renaming onto it would put a regular file in the device's place, so the stream
    writes to it directly.
    """
    target = os.path.realpath(path)
    try:
        regular = stat.S_ISREG(os.stat(target).st_mode)
    except FileNotFoundError:
        regular = True  # a new file
    if not regular:
        with open(target, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
        return
    directory = os.path.dirname(target)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise

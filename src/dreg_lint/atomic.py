"""Writing a file so that a reader never sees half of it, even if two runs write at once or a worker
is stopped while it writes."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from typing import Iterable, Iterator, TextIO

# Signals that wait while a file is being written (see ``hold_while_writing``).
_held: frozenset[signal.Signals] = frozenset()


def hold_while_writing(signals: Iterable[signal.Signals]) -> None:
    """Make ``signals`` wait until a write in progress has ended.

    A worker of a parallel run is stopped with SIGTERM when the run is interrupted, which kills it
    wherever it is: in the middle of a cache entry, it would leave the entry's temporary file
    behind. Held back, the signal kills it as soon as the file is renamed into place or removed.
    """
    global _held
    _held = frozenset(signals)


@contextlib.contextmanager
def _holding() -> Iterator[None]:
    if not _held:
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


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
    with _holding():
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".tmp-", suffix=".part")
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

"""Reading a council at once without Python's cycle collector walking it again and again.

Loading 40,000 actions and 2,400 meetings makes millions of small objects; each time the number of new ones
passes a threshold the collector looks for cycles, and as the heap grows its full passes walk everything read
so far (about a third of a whole-council `site` run's time was spent there). The record has no cycles to
find: while it is read the collector waits, and what was read is then set aside from its passes (gc.freeze),
where reference counting still frees it as usual.

A long-running process (the web service) reads again and again, and would keep out of the collector whatever
cycles of its own were waiting at each freeze. It calls `long_running()`: then, at most every ten minutes,
what was set aside is given back and collected in full before it is set aside again, so nothing is kept for
ever and no request waits for a full pass more often than that."""
from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from typing import Iterator

_LONG = {"running": False, "last": 0.0}
FULL_EVERY = 600.0  # seconds


def long_running() -> None:
    """This process serves for days (see above)."""
    _LONG["running"] = True


def _set_aside() -> None:
    if _LONG["running"] and time.monotonic() - _LONG["last"] > FULL_EVERY:
        _LONG["last"] = time.monotonic()
        gc.unfreeze()
        gc.collect()
    gc.freeze()


@contextmanager
def without_collection() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
            _set_aside()

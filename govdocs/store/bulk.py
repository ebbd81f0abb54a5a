"""Reading a council at once without Python's cycle collector walking it again and again.

Loading 40,000 actions and 2,400 meetings makes millions of small objects; each time the number of new ones
passes a threshold the collector looks for cycles, and as the heap grows its full passes walk everything read
so far (about a third of a whole-council `site` run's time was spent there). The record has no cycles to
find: while it is read the collector waits, and what was read is then set aside from its passes (gc.freeze),
where reference counting still frees it as usual."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def without_collection() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            gc.enable()

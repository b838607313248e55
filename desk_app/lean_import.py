"""Importing a library without the optional heavy libraries it would pick up.

sqlite-utils imports numpy and pandas whenever they are installed, only to map their
number types to column types; the desk stores none, and numpy alone costs a tenth of a
second or more at every start (measured with ``python -X importtime``). httpx imports
its command-line tool (rich, pygments, click) when they are installed. A ``None`` in
``sys.modules`` is Python's documented way to make an import fail with ImportError,
which such libraries catch; the entries are taken out again afterwards, so code that
needs numpy later (the scan tools, tests) imports it as usual.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without(*names: str) -> Iterator[None]:
    """Within the block, importing any of ``names`` not yet imported fails."""
    hidden = [name for name in names if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in hidden:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]

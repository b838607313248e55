"""LazyFS's model (``bench/lazyfs.py``): a file's pages in layers (the base file, the
durable changes, the live ones) and the nodes of the tree, with what a power cut keeps."""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

PAGE = 4096
SECTOR = 512
INF = 1 << 62


class FsError(OSError):
    def __init__(self, code: int) -> None:
        super().__init__(code, os.strerror(code))
        self.errno = code


@dataclass
class Layer:
    """Pages written over a lower layer. ``floor`` (a page index): from there on the lower
    layer is cut away (a truncation), so pages not held here read as zeros."""

    pages: dict[int, bytes] = field(default_factory=dict)
    size: int = 0
    floor: int = INF


class Base:
    """A file's bytes as they were in BACKING at mount time (read lazily)."""

    def __init__(self, path: Path | None, size: int) -> None:
        self.path = path
        self.size = size
        self._fd: int | None = None

    def page(self, index: int) -> bytes:
        if self.path is None or index * PAGE >= self.size:
            return bytes(PAGE)
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDONLY)
        data = os.pread(self._fd, PAGE, index * PAGE)
        return data + bytes(PAGE - len(data))

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class Node:
    _next = 1

    def __init__(self, mode: int) -> None:
        self.ino = Node._next
        Node._next += 1
        self.mode = mode
        self.mtime_ns = time.time_ns()
        self.durable_mtime_ns = self.mtime_ns


class FileNode(Node):
    def __init__(self, mode: int, base: Base) -> None:
        super().__init__(mode)
        self.base = base
        self.durable = Layer(size=base.size)
        self.live = Layer(size=base.size)
        self.order: list[int] = []  # unsynced pages in the order first written

    # reading through the layers
    def _durable_page(self, index: int) -> bytes:
        if index in self.durable.pages:
            return self.durable.pages[index]
        if index >= self.durable.floor:
            return bytes(PAGE)
        return self.base.page(index)

    def _page(self, index: int) -> bytes:
        if index in self.live.pages:
            return self.live.pages[index]
        if index >= self.live.floor:
            return bytes(PAGE)
        return self._durable_page(index)

    @property
    def size(self) -> int:
        return self.live.size

    @property
    def dirty(self) -> bool:
        return (
            bool(self.live.pages) or self.live.floor != INF or (self.live.size != self.durable.size)
        )

    def read(self, size: int, offset: int) -> bytes:
        end = min(offset + size, self.live.size)
        if offset >= end:
            return b""
        out = bytearray()
        for index in range(offset // PAGE, (end - 1) // PAGE + 1):
            out += self._page(index)
        start = offset - (offset // PAGE) * PAGE
        return bytes(out[start : start + end - offset])

    def _put(self, index: int, page: bytes) -> None:
        if index not in self.live.pages:
            self.order.append(index)
        self.live.pages[index] = page

    def write(self, data: bytes, offset: int) -> int:
        position = 0
        while position < len(data):
            at = offset + position
            index, inside = divmod(at, PAGE)
            chunk = data[position : position + PAGE - inside]
            if inside == 0 and len(chunk) == PAGE:
                page = bytes(chunk)
            else:
                old = bytearray(self._page(index))
                old[inside : inside + len(chunk)] = chunk
                page = bytes(old)
            self._put(index, page)
            position += len(chunk)
        self.live.size = max(self.live.size, offset + len(data))
        self.mtime_ns = time.time_ns()
        return len(data)

    def truncate(self, length: int) -> None:
        if length < self.live.size:
            first_gone = -(-length // PAGE)  # pages from here on are gone entirely
            if length % PAGE:
                index = length // PAGE
                page = bytearray(self._page(index))
                page[length % PAGE :] = bytes(PAGE - length % PAGE)
                self._put(index, bytes(page))
            for index in [i for i in self.live.pages if i >= first_gone]:
                del self.live.pages[index]
            self.order = [i for i in self.order if i in self.live.pages]
            self.live.floor = min(self.live.floor, first_gone)
        self.live.size = length
        self.mtime_ns = time.time_ns()

    def fsync(self) -> None:
        """Live becomes durable: data, size, modification time."""
        self._apply(list(self.live.pages), self.live.size, self.live.floor)
        self.durable_mtime_ns = self.mtime_ns
        self.live = Layer(size=self.durable.size)
        self.order = []

    def _apply(self, indexes: list[int], size: int, floor: int) -> None:
        durable = self.durable
        if floor != INF:
            for index in [i for i in durable.pages if i >= floor]:
                del durable.pages[index]
            durable.floor = min(durable.floor, floor)
        for index in indexes:
            durable.pages[index] = self.live.pages[index]
        durable.size = size

    def tear(self, rng: random.Random) -> None:
        """A power cut in the middle of writing back: a prefix of the unsynced pages made
        it to the disk, the last one perhaps only for its first sectors."""
        if not self.order:
            return
        kept = self.order[: rng.randint(0, len(self.order))]
        if not kept:
            return
        last = kept[-1]
        if rng.random() < 0.5:
            sectors = rng.randint(0, PAGE // SECTOR - 1) * SECTOR
            torn = self.live.pages[last][:sectors] + self._durable_page(last)[sectors:]
            self.live.pages[last] = torn
        reach = max((i + 1) * PAGE for i in kept)
        size = max(self.durable.size, min(self.live.size, reach))
        self._apply(kept, size, INF)

    def durable_bytes(self) -> bytes:
        size = self.durable.size
        out = bytearray()
        for index in range(-(-size // PAGE)):
            out += self._durable_page(index)
        return bytes(out[:size])

    def unchanged(self) -> bool:
        d = self.durable
        return not d.pages and d.floor == INF and d.size == self.base.size


class DirNode(Node):
    def __init__(self, mode: int) -> None:
        super().__init__(mode)
        self.live: dict[str, Node] = {}
        self.durable: dict[str, Node] = {}

    def fsync(self) -> None:
        self.durable = dict(self.live)
        self.durable_mtime_ns = self.mtime_ns

"""A ZIP written as a stream of chunks, for the formats that are several files in one download.

``zipfile`` supports unseekable outputs (it then writes data descriptors after each member), so
we give it a sink that only appends, and hand out what has gathered after each write. Memory
holds one chunk plus whatever the caller is writing, never the archive.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterator

from .base import CHUNK_SIZE

__all__ = ["ZipStream"]


class _AppendOnlySink:
    # No tell()/seek(): that absence is what switches zipfile to its streaming mode.
    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.length = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.length += len(data)
        return len(data)

    def flush(self) -> None:
        pass


class ZipStream:
    """Usage: ``yield from`` the generator methods; each yields chunks as they become ready."""

    def __init__(self, chunk_size: int = CHUNK_SIZE) -> None:
        self._sink = _AppendOnlySink()
        self._zip = zipfile.ZipFile(self._sink, mode="w")  # type: ignore[arg-type]
        self._chunk_size = chunk_size
        # One timestamp for every member: the export's time, not a fake 1980 date.
        self._date_time = time.localtime()[:6]

    def _info(self, name: str, compress: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self._date_time)
        info.compress_type = compress
        info.external_attr = 0o644 << 16  # a plain readable file when unzipped on Unix
        return info

    def _ready(self, force: bool = False) -> Iterator[bytes]:
        if self._sink.length and (force or self._sink.length >= self._chunk_size):
            chunk = b"".join(self._sink.parts)
            self._sink.parts.clear()
            self._sink.length = 0
            yield chunk

    def add_bytes(
        self, name: str, data: bytes, compress: int = zipfile.ZIP_DEFLATED
    ) -> Iterator[bytes]:
        """A member whose bytes are already in hand (a serialized DocBin shard)."""
        self._zip.writestr(self._info(name, compress), data)
        # Members are natural flush points: the client sees progress at least once per member,
        # however well the data compressed.
        yield from self._ready(force=True)

    def add_stream(self, name: str, pieces: Iterator[bytes]) -> Iterator[bytes]:
        """A member written piece by piece, so a long document is never held whole."""
        # Members are text documents bounded by the import size limit, far below ZIP64's 4 GiB.
        with self._zip.open(self._info(name, zipfile.ZIP_DEFLATED), mode="w") as member:
            for piece in pieces:
                member.write(piece)
                yield from self._ready()
        yield from self._ready(force=True)

    def finish(self) -> Iterator[bytes]:
        self._zip.close()
        yield from self._ready(force=True)

"""Reading a response body within bounds: decoded-byte cap, deadline, bounded decompression.

httpx's own decoders inflate each network chunk whole, so one 64 KiB chunk of a gzip bomb
becomes ~64 MiB in memory at once; here raw chunks are inflated with ``max_length`` so no step
produces more than the bytes still allowed.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import brotli

#: Most bytes one decompression step may produce.
STEP_BYTES = 256 * 1024


class DecodeError(ValueError):
    """The body is not valid data in its declared Content-Encoding."""


@dataclass
class BodyRead:
    """The (decoded) bytes read and why reading stopped early, if it did."""

    data: bytes
    received: int  # bytes off the wire
    stop: str | None = None  # "too_large", "decompression_bomb", "timeout", "bad_encoding"
    detail: str = ""


class _Inflater:
    """zlib (gzip/deflate) decompression that never yields more than it is asked for."""

    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._z = zlib.decompressobj(wbits)
        self._raw_deflate_tried = wbits != zlib.MAX_WBITS
        self.unused = 0  # input bytes of the last feed not yet inflated (the output limit was hit)

    def feed(self, data: bytes, limit: int) -> Iterable[bytes]:
        pending = data
        while pending and limit > 0:
            try:
                out = self._z.decompress(pending, min(limit, STEP_BYTES))
            except zlib.error as exc:
                if not self._raw_deflate_tried:  # "deflate" sent as raw deflate, not zlib
                    self._raw_deflate_tried = True
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise DecodeError(str(exc)) from exc
            limit -= len(out)
            yield out
            if self._z.eof:  # another gzip member may follow
                pending = self._z.unused_data
                self._z = zlib.decompressobj(self._wbits)
            else:
                pending = self._z.unconsumed_tail
            if not out and not pending:
                break
        self.unused = len(pending)


class _Brotli:
    def __init__(self) -> None:
        self._d = brotli.Decompressor()

    def feed(self, data: bytes, limit: int) -> Iterable[bytes]:
        try:
            out = self._d.process(data, output_buffer_limit=min(limit, STEP_BYTES))
            limit -= len(out)
            yield out
            while limit > 0 and not self._d.can_accept_more_data():
                out = self._d.process(b"", output_buffer_limit=min(limit, STEP_BYTES))
                limit -= len(out)
                yield out
        except brotli.error as exc:
            raise DecodeError(str(exc)) from exc


class _Identity:
    def feed(self, data: bytes, limit: int) -> Iterable[bytes]:
        yield data


def decoder_for(content_encoding: str | None) -> _Inflater | _Brotli | _Identity | None:
    """The decoder of a Content-Encoding value, or None when it is not supported."""
    coding = (content_encoding or "identity").strip().lower()
    if coding in ("identity", ""):
        return _Identity()
    if coding in ("gzip", "x-gzip"):
        return _Inflater(16 + zlib.MAX_WBITS)
    if coding == "deflate":
        return _Inflater(zlib.MAX_WBITS)
    if coding == "br":
        return _Brotli()
    return None


def read_body(
    chunks: Iterable[bytes],
    content_encoding: str | None,
    *,
    max_bytes: int,
    bomb_ratio: float,
    expired: Callable[[], bool],
) -> BodyRead:
    """Decode raw ``chunks`` up to ``max_bytes`` decoded bytes, stopping when ``expired()``."""
    decoder = decoder_for(content_encoding)
    if decoder is None:
        return BodyRead(b"", 0, "bad_encoding", f"unsupported Content-Encoding {content_encoding!r}")
    kept = bytearray()
    received = 0
    try:
        for raw in chunks:
            received += len(raw)
            for out in decoder.feed(raw, max_bytes + 1 - len(kept)):
                kept += out
            if len(kept) > max_bytes:
                del kept[max_bytes:]
                used = received - getattr(decoder, "unused", 0)
                bomb = isinstance(decoder, _Inflater | _Brotli) and len(kept) > bomb_ratio * max(used, 1)
                reason = "decompression_bomb" if bomb else "too_large"
                what = (
                    f"{max_bytes} decoded bytes from {used} received" if bomb else f"over {max_bytes} bytes"
                )
                return BodyRead(bytes(kept), received, reason, f"the body is {what}; reading stopped")
            if expired():
                return BodyRead(
                    bytes(kept), received, "timeout", f"the response did not end in time ({len(kept)} bytes)"
                )
    except DecodeError as exc:
        return BodyRead(bytes(kept), received, "bad_encoding", f"{content_encoding} data is corrupt: {exc}")
    return BodyRead(bytes(kept), received)

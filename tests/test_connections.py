"""vngkb.server.connections.CoalescingTransport: a response's head and body go out in one
write, nothing is lost or reordered, and held bytes are sent at the end of the turn of
the event loop or before the connection closes."""

from __future__ import annotations

import asyncio
from typing import Any

from vngkb.server.connections import CoalescingTransport


class Recording(asyncio.Transport):
    """A transport that notes what is done to it."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []
        self.events: list[str] = []
        self.closing = False

    def write(self, data: Any) -> None:
        assert not self.closing, "written after close"
        self.writes.append(bytes(data))
        self.events.append("write")

    def close(self) -> None:
        self.closing = True
        self.events.append("close")

    def abort(self) -> None:
        self.closing = True
        self.events.append("abort")

    def is_closing(self) -> bool:
        return self.closing

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"peername": ("127.0.0.1", 1234)}.get(name, default)

    def get_write_buffer_size(self) -> int:
        return 7


def run(steps: Any) -> Recording:
    """Run *steps(transport)* (a coroutine function) on a fresh event loop."""
    inner = Recording()

    async def main() -> None:
        await steps(CoalescingTransport(inner, asyncio.get_running_loop()))
        await asyncio.sleep(0)  # one more turn: anything still held goes out

    asyncio.run(main())
    return inner


def test_head_and_body_go_out_in_one_write() -> None:
    async def steps(transport: CoalescingTransport) -> None:
        transport.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        transport.write(memoryview(b"{}"))

    assert run(steps).writes == [b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"]


def test_a_lone_write_goes_out_at_the_end_of_the_turn() -> None:
    seen: list[list[bytes]] = []

    async def steps(transport: CoalescingTransport) -> None:
        transport.write(b"head")
        assert isinstance(transport.inner, Recording)
        seen.append(list(transport.inner.writes))
        assert transport.get_write_buffer_size() == 7 + 4
        await asyncio.sleep(0)
        seen.append(list(transport.inner.writes))

    assert run(steps).writes == [b"head"]
    assert seen == [[], [b"head"]]


def test_many_writes_keep_their_order() -> None:
    parts = [bytes([65 + n]) * (n + 1) for n in range(7)]

    async def steps(transport: CoalescingTransport) -> None:
        for n, part in enumerate(parts):
            transport.write(part)
            if n == 3:
                await asyncio.sleep(0)

    inner = run(steps)
    assert b"".join(inner.writes) == b"".join(parts)
    assert len(inner.writes) == 4  # (A, BB), (CCC, DDDD), (EEEEE, FFFFFF), GGGGGGG


def test_close_sends_what_is_held_first() -> None:
    async def steps(transport: CoalescingTransport) -> None:
        transport.write(b"last words")
        transport.close()
        assert transport.is_closing()

    inner = run(steps)
    assert inner.writes == [b"last words"] and inner.events == ["write", "close"]


def test_nothing_is_written_once_the_connection_is_closing() -> None:
    async def steps(transport: CoalescingTransport) -> None:
        transport.write(b"held")
        assert isinstance(transport.inner, Recording)
        transport.inner.closing = True  # the client went away

    assert run(steps).writes == []


def test_abort_drops_what_is_held() -> None:
    async def steps(transport: CoalescingTransport) -> None:
        transport.write(b"held")
        transport.abort()

    inner = run(steps)
    assert inner.writes == [] and inner.events == ["abort"]


def test_the_rest_is_the_inner_transports() -> None:
    async def steps(transport: CoalescingTransport) -> None:
        assert transport.get_extra_info("peername") == ("127.0.0.1", 1234)
        assert transport.get_extra_info("socket", "none") == "none"
        transport.writelines([b"a", b"b"])

    assert run(steps).writes == [b"ab"]

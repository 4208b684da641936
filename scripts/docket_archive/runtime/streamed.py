"""`parallel.spread`, with the children's results coming back as they are made.

`spread` cuts the list into one slice a process and hears from each child once,
at the end: the parent then unpickles a whole slice while the children are
done and idle, and a process slowed by other work on the machine holds up the
rest. Here the list is cut into small chunks that this process deals out one
at a time: each child is kept two ahead, sends back each chunk's results as soon
as it has them and is dealt the next; between its own chunks this process takes
in what the children sent (and deals them more) before it takes the next chunk
itself. So taking in the results overlaps the children's work, and every
process works until the list is done, whatever its share of the machine.

The rules are `spread`'s (`parallel.processes` says how many processes may be
used, and whether any): a child that fails or dies is not trusted to say why;
the chunks it did not answer are done here after the others, so a bug shows as
the usual traceback, and a result never depends on whether the work was spread.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from . import parallel
from .parallel import collector_paused

Item = TypeVar("Item")
Result = TypeVar("Result")

CHUNK = 100  # items a chunk: its results (tens of KB) fit a socket's buffer, so a child never waits to send
AHEAD = 2  # chunks dealt to a child beyond the one it is doing: it never waits for the next


@dataclass
class _Child:
    process: multiprocessing.process.BaseProcess
    dealt: set[int] = field(default_factory=set)  # chunks dealt and not answered yet
    done: bool = False  # told there is nothing more


@dataclass
class _Dealer(Generic[Item, Result]):
    work: Callable[[Sequence[Item]], list[Result]]
    items: Sequence[Item]
    bounds: list[tuple[int, int]]
    unpack: Callable[[Any], list[Result]] | None
    results: list[list[Result] | None]
    children: dict[Connection, _Child] = field(default_factory=dict)
    next: int = 0  # the first chunk not dealt yet

    def fork(self, count: int, pack: Callable[[list[Result]], Any] | None) -> None:
        """`count` children, each dealt its first chunks; fewer if no more can be forked."""
        context = multiprocessing.get_context("fork")
        for _ in range(count):
            ours, theirs = context.Pipe(duplex=True)
            process = context.Process(
                target=_serve, args=(self.work, self.items, self.bounds, theirs, pack), daemon=True
            )
            try:
                process.start()
            except OSError:  # no fork to be had (a process or memory limit): this process does more
                ours.close()
                theirs.close()
                return
            theirs.close()  # the child's end: this process then sees the end when the child is gone
            self.children[ours] = child = _Child(process)
            for _ in range(AHEAD):
                self.deal(ours, child)

    def chunk(self, index: int) -> Sequence[Item]:
        start, stop = self.bounds[index]
        return self.items[start:stop]

    def deal(self, pipe: Connection, child: _Child) -> None:
        """The next chunk to the child (or word that there is none)."""
        if child.done:
            return
        if self.next < len(self.bounds):
            child.dealt.add(self.next)
            message: int | None = self.next
            self.next += 1
        else:
            child.done, message = True, None
        with contextlib.suppress(OSError):  # gone: heard of as it is read from
            pipe.send(message)

    def hear(self, timeout: float | None) -> None:
        """Takes in what the children have sent (waiting up to `timeout` for something), dealing
        each child that answered its next chunk; a child that is gone is let go."""
        for pipe in multiprocessing.connection.wait(list(self.children), timeout=timeout):
            assert isinstance(pipe, Connection)  # noqa: S101 - only Connections are waited on
            child = self.children[pipe]
            try:
                with collector_paused():
                    index, sent = pipe.recv()
                    made = sent if self.unpack is None else self.unpack(sent)
            except (EOFError, OSError):  # said all, or died: the chunks it did not answer are done here
                self.let_go(pipe, ended=True)
                continue
            except Exception:  # what it sent could not be taken in: not trusted, nor anything it sends
                self.let_go(pipe)
                continue
            start, stop = self.bounds[index] if type(index) is int and index in child.dealt else (0, -1)
            if not isinstance(made, list) or len(made) != stop - start:
                self.let_go(pipe)  # not what was asked: not trusted
                continue
            child.dealt.discard(index)
            self.results[index] = made
            self.deal(pipe, child)

    def let_go(self, pipe: Connection, ended: bool = False) -> None:
        """The child of this pipe gone: waited for where it ended by itself, else ended."""
        child = self.children.pop(pipe)
        pipe.close()
        if ended:
            child.process.join(timeout=5)
        if child.process.is_alive():
            child.process.kill()
        child.process.join()


def spread_streamed(
    work: Callable[[Sequence[Item]], list[Result]],
    items: Sequence[Item],
    *,
    pack: Callable[[list[Result]], Any] | None = None,
    unpack: Callable[[Any], list[Result]] | None = None,
    minimum: int | None = None,
    chunk: int = CHUNK,
) -> list[Result]:
    """`work(items)`, computed in chunks on several cores where that pays: the same contract as
    `parallel.spread` (`work` maps a slice to one result per item, in order, whatever other
    slices do; a child sends `pack(results)` and this process takes `unpack` of it)."""
    count = parallel.processes() if len(items) >= (parallel.MINIMUM if minimum is None else minimum) else 1
    if count == 1:
        return work(items)
    bounds = [(start, min(start + chunk, len(items))) for start in range(0, len(items), chunk)]
    dealer: _Dealer[Item, Result] = _Dealer(work, items, bounds, unpack, [None] * len(bounds))
    try:
        dealer.fork(count - 1, pack)
        while dealer.next < len(bounds):
            mine = dealer.next
            dealer.next += 1
            dealer.results[mine] = work(dealer.chunk(mine))
            if dealer.children:
                dealer.hear(timeout=0)
        for pipe, child in list(dealer.children.items()):
            dealer.deal(pipe, child)  # nothing more: each child ends once it has answered
        while dealer.children:
            dealer.hear(timeout=None)
    finally:
        for pipe in list(dealer.children):  # only while this process's own work fails
            dealer.let_go(pipe)
    results: list[Result] = []
    for index, made in enumerate(dealer.results):
        # A chunk no child answered (it failed or died): done here, raising with its own traceback if it fails.
        results.extend(made if made is not None else work(dealer.chunk(index)))
    return results


def _serve(
    work: Callable[[Sequence[Item]], list[Result]],
    items: Sequence[Item],
    bounds: list[tuple[int, int]],
    pipe: Connection,
    pack: Callable[[list[Result]], Any] | None,
) -> None:
    """A child: each chunk it is dealt done and sent back, until it is told there is no more.
    Any failure at all ends it: the parent does the chunks it did not answer."""
    with contextlib.suppress(BaseException):
        while (index := pipe.recv()) is not None:
            start, stop = bounds[index]
            made = work(items[start:stop])
            pipe.send((index, made if pack is None else pack(made)))
    pipe.close()

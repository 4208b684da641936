"""Reading an untrusted document in a child process with a budget of memory and time.

A PDF is a program more than a document: a 2 KB file of form objects drawing
each other can take hours to lay out, a 40 KB stream can inflate to
gigabytes, and the libraries that read PDFs (pdfminer, pypdf) and scans
(OCRmyPDF, Tesseract) were not written to stop either. So a command never
parses one in its own process: `call` runs a function in a fresh Python
child under limits the kernel enforces (RLIMIT_AS for memory, RLIMIT_CPU for
computing time, and a wall-clock timeout for everything), and whatever the
document does, the command gets back the function's result or an
`OverBudget` with a plain message. The child's own children (OCRmyPDF,
Tesseract) inherit the limits and are stopped with it.

The function must be importable at module level, take and return JSON values,
and report a user's problem by raising an exception whose message is for a
person (its type and message come back in `ChildFailed`).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib import import_module
from typing import Any


@dataclass(frozen=True)
class Budget:
    memory: int  # bytes of address space, for the child and each of its children
    cpu_seconds: int  # computing time of the child (each of its children has as much)
    wall_seconds: int  # time from start to end, whatever the load of the machine


class OverBudget(Exception):
    """The document needed more memory or time than its budget; the message says which, in plain words."""


class ChildFailed(Exception):
    """The function raised in the child: `kind` is the exception's type name, the message its message."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def call(function: Callable[..., Any], *args: Any, budget: Budget, what: str) -> Any:
    """`function(*args)` run in a child process under `budget`; `what` names the document in messages."""
    request = json.dumps({"module": function.__module__, "name": function.__qualname__, "args": list(args)})

    def limit() -> None:  # runs in the child, before Python starts
        resource.setrlimit(resource.RLIMIT_AS, (budget.memory, budget.memory))
        resource.setrlimit(resource.RLIMIT_CPU, (budget.cpu_seconds, budget.cpu_seconds + 5))

    child = subprocess.Popen(
        [sys.executable, "-m", "docket_archive.runtime.sandbox"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limit,
        start_new_session=True,  # its own process group: a timeout stops OCR's children too
    )
    try:
        out, err = child.communicate(request.encode("utf-8"), timeout=budget.wall_seconds)
    except subprocess.TimeoutExpired:
        _stop(child)
        raise OverBudget(f"{what}: reading it took longer than {budget.wall_seconds} s and was stopped") from None
    finally:
        if child.poll() is None:  # interrupted (Ctrl+C): the child and its children go too
            _stop(child)
    answer = _answer(out)
    if answer is None:
        if child.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
            raise OverBudget(f"{what}: reading it took more than {budget.cpu_seconds} s of computing and was stopped")
        if b"MemoryError" in err or child.returncode == -signal.SIGSEGV:
            raise OverBudget(_memory_message(what, budget))
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit status {child.returncode}"]
        raise ChildFailed("crash", f"{what}: the reader stopped unexpectedly ({last[0][:300]})")
    if "memory" in answer:
        raise OverBudget(_memory_message(what, budget))
    if "error" in answer:
        raise ChildFailed(str(answer.get("kind", "")), str(answer["error"]))
    return answer.get("result")


def _memory_message(what: str, budget: Budget) -> str:
    return f"{what}: reading it needed more than {budget.memory // 2**20} MB of memory and was stopped"


def _answer(out: bytes) -> dict[str, Any] | None:
    try:
        answer = json.loads(out.decode("utf-8"))
    except ValueError:
        return None
    return answer if isinstance(answer, dict) else None


def _stop(child: subprocess.Popen[bytes]) -> None:
    with suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)
    child.communicate()


@contextmanager
def cpu_limit(seconds: float, what: str) -> Iterator[None]:
    """Stop the code inside with OverBudget once it has used `seconds` of computing time.

    For work in the command's own process on text it has already capped in
    size (the importer's reading of a letter): a bound on time for code
    whose cost a hostile text could still make grow faster than its size.
    Only in the main thread (where signals are delivered); elsewhere no limit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise OverBudget(f"{what}: reading it took more than {seconds:g} s of computing and was stopped")

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def _child() -> None:
    """The child's side: read the request, run the function, write its answer as JSON on stdout."""
    request = json.loads(sys.stdin.buffer.read())
    function: Any = import_module(request["module"])
    for part in request["name"].split("."):
        function = getattr(function, part)
    try:
        answer: dict[str, Any] = {"result": function(*request["args"])}
    except MemoryError:
        answer = {"memory": True}
    except RecursionError:
        answer = {"error": "the document is nested too deeply to read", "kind": "RecursionError"}
    except Exception as error:  # the function's own message, for a person; never a traceback
        answer = {"error": str(error), "kind": type(error).__name__}
    sys.stdout.write(json.dumps(answer))
    sys.stdout.flush()


if __name__ == "__main__":
    _child()

"""`mkdocs serve` notices edits to letters/ (outside docs_dir) and rebuilds."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from chain_archive import FIRST, write_chain_archive
from conftest import copy_repo_site


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, text: str, deadline: float) -> str:
    """Poll the page until it contains `text`; fail at the deadline."""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except OSError:  # URLError, refused, reset, or timed out while the server rebuilds
            pass  # the server is starting or rebuilding
        time.sleep(0.2)  # polling interval of a condition wait, not a fixed delay
    raise AssertionError(f"{url} never contained {text!r}")


def test_editing_a_letter_while_serving_rebuilds_its_page(tmp_path: Path) -> None:
    project = copy_repo_site(tmp_path, write_chain_archive(tmp_path / "letters-src"))
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        url = f"http://127.0.0.1:{port}/letters/alpha/{FIRST}/"
        first = wait_for(url, "First status letter", time.monotonic() + 90)
        # The preview reloads itself: its inline reload script is not blocked by a policy.
        assert "livereload" in first and "Content-Security-Policy" not in first
        letter = project / "letters" / "alpha" / f"{FIRST}.md"
        letter.write_text(letter.read_text().replace("title: First status letter", "title: Renamed while serving"))
        wait_for(url, "Renamed while serving", time.monotonic() + 90)
    finally:
        server.terminate()
        server.wait(timeout=30)


def start_docket_serve(tmp_path: Path, log: int = subprocess.DEVNULL) -> tuple[Path, int, subprocess.Popen]:
    """`docket serve` of the chain archive on a free port: (project, port, server); its log to `log`."""
    project = copy_repo_site(tmp_path, write_chain_archive(tmp_path / "letters-src"))
    port = free_port()
    docket = str(Path(sys.executable).with_name("docket"))
    server = subprocess.Popen(
        [docket, "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return project, port, server


def test_docket_serve_rebuilds_once_a_save_noticed_natively(tmp_path: Path) -> None:
    """letters/ is watched by the system's notifications (preview.py), which also report a file
    being read: the rebuild reads the saved letter, and must not start another rebuild."""
    import threading

    project, port, server = start_docket_serve(tmp_path, log=subprocess.PIPE)
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(server.stderr), daemon=True)  # type: ignore[arg-type]
    reader.start()
    try:
        url = f"http://127.0.0.1:{port}/letters/alpha/{FIRST}/"
        wait_for(url, "First status letter", time.monotonic() + 90)
        letter = project / "letters" / "alpha" / f"{FIRST}.md"
        for title in ("Renamed once", "Renamed twice"):
            letter.write_text(re.sub(r"^title: .*$", f"title: {title}", letter.read_text(), count=1, flags=re.M))
            wait_for(url, title, time.monotonic() + 90)
    finally:
        server.terminate()
        server.wait(timeout=30)
        reader.join(timeout=30)
    builds = [line for line in log if "Building documentation" in line]
    assert len(builds) == 3, "".join(log)  # the first build, then one per save
    if any("by polling" in line for line in log):  # e.g. a machine out of inotify watches
        pytest.skip("this machine gives no native file notifications: only polling was tried")


def test_docket_serve_with_a_relative_config_reads_only_the_saved_letter_again(tmp_path: Path) -> None:
    """`docket serve` passes `-f mkdocs.yml`, relative to the working folder: the letters kept
    from the first build are still found by every rebuild, which reads again only the saved letter."""
    import threading

    project = copy_repo_site(tmp_path, write_chain_archive(tmp_path / "letters-src"))
    for path in (project / "letters").rglob("*.md"):  # saved a minute ago: a file saved "just now" is
        stamp = path.stat().st_mtime_ns - 60_000_000_000  # always looked at again (its stamp may hide a save)
        os.utime(path, ns=(stamp, stamp))
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("docket")), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(server.stderr), daemon=True)  # type: ignore[arg-type]
    reader.start()
    try:
        url = f"http://127.0.0.1:{port}/letters/alpha/{FIRST}/"
        wait_for(url, "First status letter", time.monotonic() + 90)
        letter = project / "letters" / "alpha" / f"{FIRST}.md"
        letter.write_text(letter.read_text().replace("title: First status letter", "title: Renamed once"))
        wait_for(url, "Renamed once", time.monotonic() + 90)
    finally:
        server.terminate()
        server.wait(timeout=30)
        reader.join(timeout=30)
    reads = [re.search(r"letters read: (.*)", line)[1] for line in log if "letters read: " in line]  # type: ignore[index]
    # The rebuild read only the saved letter, and (told by the native watch what changed)
    # looked at no other letter's time stamp.
    assert reads[:2] == ["5 of 5 (5 time stamps checked)", "1 of 5 (1 time stamps checked)"], "".join(log)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_preview_ended_by_a_signal_removes_its_temporary_site(tmp_path: Path, signum: int) -> None:
    """A closed terminal (SIGHUP) or a process manager (SIGTERM) ends `docket serve` as Ctrl+C
    does: MkDocs' temporary site folder (3.8 GB at 100,000 letters) is removed, not left behind."""
    project = copy_repo_site(tmp_path, write_chain_archive(tmp_path / "letters-src"))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    docket = str(Path(sys.executable).with_name("docket"))
    server = subprocess.Popen(
        [docket, "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)},
        # As from a terminal: a suite started under nohup passes SIGHUP on ignored, and an
        # ignored signal is left so (the user's choice).
        preexec_fn=lambda: signal.signal(signum, signal.SIG_DFL),
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/letters/alpha/{FIRST}/", "First status letter", time.monotonic() + 90)
        assert [path.name[:7] for path in temporary.iterdir()] == ["mkdocs_"]  # the site being served
        server.send_signal(signum)
        assert server.wait(timeout=60) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert list(temporary.iterdir()) == []

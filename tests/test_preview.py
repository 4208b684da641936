"""What keeps `mkdocs serve` quick (preview.py): native watching of letters/, templates compiled once."""

from __future__ import annotations

import threading
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from watchdog.events import FileClosedEvent, FileSystemEvent, FileSystemEventHandler

from docket_archive.serve.preview import CompiledTemplates, _ChangesObserver


class Recorder(FileSystemEventHandler):
    """Records events until the file `until` is closed after writing (the last event of a save)."""

    def __init__(self, until: str) -> None:
        self.events: list[FileSystemEvent] = []
        self.until = until
        self.seen = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.append(event)
        if isinstance(event, FileClosedEvent) and str(event.src_path).endswith(self.until):
            self.seen.set()


def test_reading_a_letter_is_no_change_but_saving_one_is(tmp_path: Path) -> None:
    (tmp_path / "case").mkdir()
    read = tmp_path / "case" / "2020-01-06-read.md"
    read.write_text("read me")
    recorder = Recorder(until="2020-01-07-saved.md")
    observer = _ChangesObserver()
    observer.schedule(recorder, str(tmp_path), recursive=True)
    observer.start()
    try:
        read.read_text()  # what a rebuild does to the letter it was started for
        (tmp_path / "case" / "2020-01-07-saved.md").write_text("saved")
        # One watch reports in order: had the read been passed on, it would have come first.
        assert recorder.seen.wait(timeout=30)
    finally:
        observer.stop()
        observer.join()
    assert not [event for event in recorder.events if str(event.src_path).endswith("read.md")]
    assert {type(event).__name__ for event in recorder.events} >= {"FileCreatedEvent", "FileModifiedEvent"}


def test_templates_are_compiled_once_and_again_when_edited(tmp_path: Path) -> None:
    template = tmp_path / "page.html"
    template.write_text("<p>{{ title }}</p>")
    kept = CompiledTemplates()
    compiled: list[str] = []

    def environment() -> Environment:  # a new one for each rebuild, as MkDocs makes
        env = Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=kept, autoescape=True)
        original = env._compile

        def counting(source: str, filename: str) -> object:
            compiled.append(filename)
            return original(source, filename)

        env._compile = counting  # type: ignore[method-assign]
        return env

    assert environment().get_template("page.html").render(title="a") == "<p>a</p>"
    assert environment().get_template("page.html").render(title="b") == "<p>b</p>"
    assert len(compiled) == 1  # the second environment loaded the kept code
    template.write_text("<h1>{{ title }}</h1>")
    assert environment().get_template("page.html").render(title="c") == "<h1>c</h1>"
    assert len(compiled) == 2

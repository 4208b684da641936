"""Pages kept between rebuilds (`mkdocs serve`): after any edit, the kept pages
and a fresh build are the same, and an edit to one letter renders again only
the few pages that show it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from docket_archive import synthetic
from docket_archive.domain.model import Letter
from docket_archive.links.crosslinks import cross_link
from docket_archive.links.docket import case_dockets
from docket_archive.load.archive import load_archive
from docket_archive.serve.lettercache import LetterCache
from docket_archive.site.build import LONG_LIST, PageMemo, SiteOptions, build_pages
from docket_archive.site.memo import fresh_groups
from docket_archive.site.pages.cases import DOCKET_INLINE

DAY = date(2030, 1, 1)


class Rebuilds:
    """A serve session's rebuilds, each checked against a fresh build of the same files."""

    def __init__(self, root: Path) -> None:
        self.root, self.cache, self.memo = root, LetterCache(), PageMemo()

    def rebuild(self, day: date = DAY, options: SiteOptions | None = None) -> PageMemo:
        archive, problems = load_archive(self.root, load=self.cache)
        assert not problems.errors, [str(p) for p in problems.errors]
        kept = build_pages(archive, day, options=options, memo=self.memo)
        fresh_archive, _ = load_archive(self.root)
        fresh = build_pages(fresh_archive, day, options=options)
        self.last = fresh
        derived = cross_link(fresh_archive)  # the kept links are up to date, as if derived afresh, in order
        assert self.memo.links.links == derived and list(self.memo.links.links) == list(derived)
        # and so are the dockets, kept but for the cases and entries a save adds to
        held = self.memo.links._dockets
        assert held is not None and held[0] == self.memo.links.updates
        assert held[1] == case_dockets(fresh_archive, derived)
        assert sorted(kept.pages) == sorted(fresh.pages)
        changed = [path for path in fresh.pages if kept.pages[path].markdown != fresh.pages[path].markdown]
        assert changed == [], changed
        assert kept.assets == fresh.assets
        return self.memo


@pytest.fixture
def session(tmp_path: Path) -> Rebuilds:
    root = synthetic.generate(tmp_path / "letters", 120, cases=3)
    rebuilds = Rebuilds(root)
    rebuilds.rebuild()
    return rebuilds


def letters_of(session: Rebuilds, case: str) -> list[Path]:
    return sorted((session.root / case).glob("2*.md"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_nothing_changed_nothing_rendered(session: Rebuilds) -> None:
    memo = session.rebuild()
    assert memo.made == 0 and memo.kept > 120
    assert memo.parts_made == 0 and memo.parts_kept > 120  # rows, feeds, each letter's JSON


def test_an_edit_to_a_letters_text_renders_only_its_page_and_the_index_pages(session: Rebuilds) -> None:
    letter = letters_of(session, "synthetic-case-002")[5]
    edit(letter, "Respectfully submitted", "With a new sentence. Respectfully submitted")
    memo = session.rebuild()
    # Its page, its case, its year, its people and its topic; all else is kept.
    assert 1 < memo.made < 25 and memo.kept > 120, (memo.made, memo.kept)


def test_a_changed_title_reaches_the_neighbours_and_the_lists(session: Rebuilds) -> None:
    letter = letters_of(session, "synthetic-case-001")[10]
    text = letter.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    edit(letter, title, "title: A renamed letter")
    session.rebuild()


def test_added_and_removed_letters_and_dates_the_text_mentions(session: Rebuilds) -> None:
    # Letters mention the date of the one before: removing it unlinks the
    # mention in the next letter, adding one on that date links it again.
    victim = letters_of(session, "synthetic-case-003")[7]
    saved = victim.read_text("utf-8")
    victim.unlink()
    assert session.rebuild().parts_made < 20  # the files that list it, not a part per letter (120)
    victim.write_text(saved, "utf-8")
    assert session.rebuild().parts_made < 20
    newest = letters_of(session, "synthetic-case-003")[-1]
    newest.unlink()
    session.rebuild()


def test_a_changed_registry_option_or_build_date_renders_everything(session: Rebuilds) -> None:
    assert session.rebuild(day=date(2031, 6, 1)).kept == 0
    assert session.rebuild(day=date(2031, 6, 1), options=SiteOptions(site_url="https://docket.example/")).kept == 0
    edit(session.root / "people.yml", "name: ", "name: Dr. ")
    assert session.rebuild().kept == 0


def test_an_edited_template_renders_everything(session: Rebuilds, monkeypatch: pytest.MonkeyPatch) -> None:
    import docket_archive.site.build as pages

    monkeypatch.setattr(pages, "templates_stamp", lambda: (("letter.html.j2", 1),))
    assert session.rebuild().kept == 0


def test_an_edit_renders_again_exactly_the_letter_pages_that_show_the_letter(session: Rebuilds) -> None:
    """Compared with clean builds before and after: every page that changed was rendered again,
    and of the letter pages only those that show the edited letter (link to it) were even looked at."""
    letter = letters_of(session, "synthetic-case-002")[10]
    before = session.last.pages
    edit(letter, "Respectfully submitted", "With a new sentence. Respectfully submitted")
    memo = session.rebuild()
    after = session.last.pages
    changed = {path for path in after if before[path].markdown != after[path].markdown}
    assert changed <= memo.made_paths and f"letters/synthetic-case-002/{letter.stem}.md" in changed
    showing = {
        path
        for path, page in after.items()
        if path.startswith("letters/") and (f"/{letter.stem}/" in page.body or path.endswith(f"/{letter.stem}.md"))
    }
    assert len(showing) >= 3  # the letter, the letters before and after it (which also cite it)
    assert {path for path in memo.made_paths if path.startswith("letters/")} == showing
    assert memo.made < 25 and memo.kept > 120


def test_moved_dates_new_references_and_ids_keep_the_links_and_pages_of_a_fresh_build(session: Rebuilds) -> None:
    """Edits that move letters and rewire references, one rebuild each (the harness compares every
    page, file and link with a fresh build)."""
    first, second = letters_of(session, "synthetic-case-001")[4:6]
    # A date moved past its neighbour: the letter changes places in its case.
    moved = first.with_name(first.name.replace(first.name[:10], "2015-12-30"))
    text = first.read_text("utf-8")
    first.unlink()
    moved.write_text(re.sub(r"^date: .*$", "date: 2015-12-30", text, count=1, flags=re.M), "utf-8")
    session.rebuild()
    # A letter in another case now refers to it by id, and then the letter keeps its old id.
    other = letters_of(session, "synthetic-case-003")[2]
    case, stem = "synthetic-case-001", moved.stem
    edit(other, "  letters:\n", f"  letters:\n  - text: the letter\n    id: {case}/{stem}\n")
    session.rebuild()
    edit(moved, "title:", f"id: {case}/{first.stem}\ntitle:")
    session.rebuild()
    second.unlink()
    session.rebuild()


def test_a_letter_filed_as_a_docket_entry_reaches_the_letters_that_cite_that_entry(session: Rebuilds) -> None:
    """The text "ECF No. 77" in one letter links to the case's entry 77, titled by the letter that is that
    entry: renaming that letter reaches the citing letter's page, though neither links to the other."""
    filed, citing = letters_of(session, "synthetic-case-002")[3], letters_of(session, "synthetic-case-002")[20]
    edit(filed, "title:", "docket_entry:\n  number: '77'\ntitle:")
    edit(citing, "Respectfully submitted", "As ECF No. 77 says. Respectfully submitted")
    session.rebuild()
    text = filed.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    edit(filed, title, "title: The entry, renamed")
    memo = session.rebuild()  # the harness compares every page with a fresh build
    assert f"letters/synthetic-case-002/{citing.stem}.md" in memo.made_paths


def test_a_docket_entry_reaches_only_the_letters_that_show_it_not_the_whole_case(session: Rebuilds) -> None:
    """Most letters of a case cite some docket entry ("Dkt. No. 82"): keyed by the case, every edit
    rendered the whole case again (9,000 pages a save at 100,000 letters). Keyed by the entry, by
    number and by day, a save renders the letters that show an entry it adds to, and no more; the
    harness compares every page with a fresh build after each save."""
    letters = letters_of(session, "synthetic-case-002")
    filed, by_number, by_day, unrelated = letters[3], letters[30], letters[31], letters[15]
    edit(by_number, "Respectfully submitted", "As ECF No. 9391 says. Respectfully submitted")
    edit(by_day, "references:\n", "references:\n  docket:\n  - text: the order of May 2, 2031\n    date: 2031-05-02\n")
    session.rebuild()
    # The first letter becomes entry 9391, filed on that day: both letters now show its title.
    edit(filed, "title:", "docket_entry:\n  number: '9391'\n  filed: 2031-05-02\ntitle:")
    memo = session.rebuild()
    assert memo.links.docket_cases == {"synthetic-case-002"}  # the other cases' dockets are kept as they were
    page = "letters/synthetic-case-002/{}.md".format
    assert {page(by_number.stem), page(by_day.stem)} <= memo.made_paths
    # Letters of the case that cite other entries of its docket: none is rendered again.
    citing_others = {page(path.stem) for path in letters if "Dkt. No." in path.read_text("utf-8")}
    # (each letter refers to the one before it: those are looked at with the letters they changed)
    citing_others -= {page(other.stem) for other in (*letters[2:5], *letters[29:33])}
    assert citing_others, "the synthetic letters should cite docket entries"
    assert not citing_others & memo.compared_paths, citing_others & memo.compared_paths  # not even looked at
    assert page(unrelated.stem) not in memo.compared_paths
    text = filed.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    edit(filed, title, "title: The entry, renamed")
    assert {page(by_number.stem), page(by_day.stem)} <= session.rebuild().made_paths


def test_groups_kept_between_rebuilds_are_the_groups_of_a_fresh_look(tmp_path: Path) -> None:
    """PageMemo.groups (a person's letters, a topic's): brought up to date from the letters that
    changed, they equal the groups made by looking at every letter, and lists handed out by an
    earlier build are never changed under the pages that keep them."""
    root = synthetic.generate(tmp_path / "letters", 60, cases=2)
    cache, memo = LetterCache(), PageMemo()

    def groups() -> tuple[dict[str, list[Letter]], dict[str, list[Letter]]]:
        archive, problems = load_archive(root, load=cache)
        assert not problems.errors
        memo.begin(("the same registries",))
        memo.links.update(archive)
        kept = memo.groups("tags", archive.letters, archive.letter_by_id, memo.links.changed, lambda one: one.tags)
        memo.end()
        fresh = fresh_groups("tags", archive.letters, archive.letter_by_id, None, lambda one: one.tags)
        assert kept == fresh and {key: [one.id for one in letters] for key, letters in kept.items()} == {
            key: [one.id for one in letters] for key, letters in fresh.items()
        }
        return kept, {key: list(letters) for key, letters in kept.items()}

    first, copy = groups()
    case = sorted(root.glob("synthetic-case-001/2*.md"))
    edit(case[3], "tags:\n", "tags:\n- a-new-topic\n")  # into a new group
    groups()
    moved = case[5].with_name(case[5].name.replace(case[5].name[:10], "2015-12-30"))
    moved.write_text(re.sub(r"^date: .*$", "date: 2015-12-30", case[5].read_text("utf-8"), count=1, flags=re.M))
    case[5].unlink()  # a date moved: the letter changes places in its groups
    groups()
    case[7].unlink()
    kept, _ = groups()
    assert first == copy  # the first build's lists, as they were handed out
    assert memo.parts_made < 10  # the changed letters, not all sixty
    assert "a-new-topic" in kept


def test_a_reference_by_day_alone_follows_the_numbered_entry_of_that_day(session: Rebuilds) -> None:
    """A reference with a day and no number shows the entry of that day, which may be a numbered
    entry another letter titles: renaming it there reaches the page, though neither letter names
    the other nor the day (found by a review; the harness compares every page with a fresh build)."""
    letters = letters_of(session, "synthetic-case-001")
    filed, by_day, titling = letters[1], letters[3], letters[10]
    day = filed.name[:10]
    edit(filed, "title:", f"docket_entry:\n  number: '191'\n  filed: {day}\ntitle:")
    edit(by_day, "references:\n", f"references:\n  docket:\n  - text: the Court's order of that day\n    date: {day}\n")
    edit(
        titling,
        "references:\n",
        "references:\n  docket:\n  - text: ECF No. 191\n    number: '191'\n    title: Order on mediation\n",
    )
    session.rebuild()
    edit(titling, "title: Order on mediation", "title: Order on scheduling")
    assert f"letters/synthetic-case-001/{by_day.stem}.md" in session.rebuild().made_paths


def test_a_build_that_failed_midway_leaves_no_stale_letter_page(
    session: Rebuilds, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild that fails after the links were brought up to date (a page that cannot be rendered)
    must not leave the pages it did not make to the next rebuild as if they were current."""
    import docket_archive.site.pages.letters as letter_pages

    letter = letters_of(session, "synthetic-case-001")[6]
    title = next(line for line in letter.read_text("utf-8").splitlines() if line.startswith("title:"))
    edit(letter, title, "title: A renamed letter")
    made = letter_pages.letter_page
    calls = []

    def fails_once(*args: object) -> object:
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("a page that cannot be rendered, this once")
        return made(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(letter_pages, "letter_page", fails_once)
    archive, _ = load_archive(session.root, load=session.cache)
    with pytest.raises(RuntimeError):
        build_pages(archive, DAY, memo=session.memo)
    monkeypatch.setattr(letter_pages, "letter_page", made)
    session.rebuild()  # the harness compares every page with a fresh build


LONG_CASE = "synthetic-case-001"


@pytest.fixture
def long_case(tmp_path: Path) -> Rebuilds:
    """One case of 2.5 LONG_LIST letters (synthetic): its timeline is a page a year."""
    root = synthetic.generate(tmp_path / "letters", 5 * LONG_LIST // 2, cases=1)
    rebuilds = Rebuilds(root)
    rebuilds.rebuild()
    return rebuilds


def case_pages(paths: set[str]) -> set[str]:
    return {path for path in paths if path.startswith("cases/")}


def test_an_edit_in_a_long_case_renders_its_years_page_and_not_the_others(long_case: Rebuilds) -> None:
    """Compared with clean builds before and after: every page that changed was rendered again, and
    of the case's pages only its year's (the case page shows the latest letters and the counts)."""
    letters = letters_of(long_case, LONG_CASE)
    # A letter that cites no docket entry: the case page's docket lists the letters citing each.
    middle = next(place for place in range(len(letters) // 2, len(letters)) if "Dkt." not in letters[place].read_text())
    letter = letters[middle]
    year = letter.name[:4]
    years = {path.name[:4] for path in letters}
    assert len(years) >= 4
    assert case_pages(set(long_case.last.pages)) == {
        "cases/index.md",
        f"cases/{LONG_CASE}.md",
        *(f"cases/{LONG_CASE}/{each}.md" for each in years),
    }
    before = long_case.last.pages
    title = next(line for line in letter.read_text("utf-8").splitlines() if line.startswith("title:"))
    edit(letter, title, "title: A renamed letter")
    memo = long_case.rebuild()
    after = long_case.last.pages
    changed = {path for path in after if before[path].markdown != after[path].markdown}
    assert changed <= memo.made_paths
    assert case_pages(memo.made_paths) == case_pages(changed) == {f"cases/{LONG_CASE}/{year}.md"}
    # Its page and those of the letters that show it (before and after it, which cite it): the trail
    # of a letter in a long case leads to its year's page, which the edit did not move.
    assert {path for path in memo.made_paths if path.startswith("letters/")} == {
        f"letters/{LONG_CASE}/{path.stem}.md" for path in letters[middle - 1 : middle + 2]
    }


def test_an_added_letter_renders_the_long_cases_page_and_its_years_page(long_case: Rebuilds) -> None:
    letters = letters_of(long_case, LONG_CASE)
    newest = letters[-1]
    day = newest.name[:10]
    later = date.fromisoformat(day).replace(year=int(day[:4]) + 1).isoformat()
    added = newest.with_name(f"{later}-status-letter-added.md")
    text = newest.read_text("utf-8")
    text = re.sub(r"^date: .*$", f"date: '{later}'", text, count=1, flags=re.M)
    text = re.sub(r"^sequence: .*$", f"sequence: {len(letters) + 1}", text, count=1, flags=re.M)
    added.write_text(text, "utf-8")
    memo = long_case.rebuild()  # the harness compares every page with a fresh build
    assert (
        case_pages(memo.made_paths)
        == {
            f"cases/{LONG_CASE}.md",  # its count, its latest letters and its years
            f"cases/{LONG_CASE}/{later[:4]}.md",  # a new year's page
            f"cases/{LONG_CASE}/{day[:4]}.md",  # its neighbour: a link to the newer year
        }
    )
    assert f"letters/{LONG_CASE}/{added.stem}.md" in memo.made_paths
    added.unlink()
    memo = long_case.rebuild()
    assert f"cases/{LONG_CASE}/{later[:4]}.md" not in long_case.last.pages


def test_a_case_that_becomes_long_or_short_renders_every_letter_of_it_again(tmp_path: Path) -> None:
    """A letter's trail leads to its year on the case's page, or to the year's page once the case has
    more than LONG_LIST letters: crossing that line reaches every letter page of the case (the
    harness compares every page with a fresh build after each save)."""
    root = synthetic.generate(tmp_path / "letters", LONG_LIST + 1, cases=1)
    session = Rebuilds(root)
    session.rebuild()
    assert f"cases/{LONG_CASE}/{letters_of(session, LONG_CASE)[0].name[:4]}.md" in session.last.pages
    victim = letters_of(session, LONG_CASE)[40]
    saved = victim.read_text("utf-8")
    victim.unlink()
    memo = session.rebuild()
    assert not [path for path in session.last.pages if path.startswith(f"cases/{LONG_CASE}/")]
    assert len([path for path in memo.made_paths if path.startswith("letters/")]) == LONG_LIST
    victim.write_text(saved, "utf-8")
    memo = session.rebuild()
    assert len([path for path in memo.made_paths if path.startswith("letters/")]) == LONG_LIST + 1


def test_a_save_citing_a_docket_entry_again_leaves_the_other_letters_citing_it(
    session: Rebuilds, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A letter's page shows of a docket entry its number, date and title, not the letters citing
    it: a save that cites an entry others cite too, or stops citing it, renders none of them again
    (in one case of 100,000 letters, every entry is cited by hundreds); the harness compares every
    page with a fresh build after each save."""
    letters = letters_of(session, "synthetic-case-002")
    saved, other = letters[8], letters[25]
    page = "letters/synthetic-case-002/{}.md".format
    edit(other, "Respectfully submitted", "As Dkt. No. 9393 says. Respectfully submitted")
    session.rebuild()
    # Mentions alone: the entries they name are brought up to date, the docket not gathered again.
    import docket_archive.links.keptlinks as keptlinks

    gathered = []
    monkeypatch.setattr(keptlinks, "case_dockets", lambda *args, **kwargs: gathered.append(args) or {})
    edit(saved, "Respectfully submitted", "As Dkt. No. 9393 says too. Respectfully submitted")
    memo = session.rebuild()
    assert page(saved.stem) in memo.made_paths and page(other.stem) not in memo.compared_paths
    assert gathered == []
    monkeypatch.undo()
    edit(saved, "As Dkt. No. 9393 says too. ", "")
    memo = session.rebuild()
    assert page(other.stem) not in memo.compared_paths
    # The entry described (a letter filed as it): what the citing letters show of it changed.
    edit(saved, "title:", "docket_entry:\n  number: '9393'\ntitle:")
    assert page(other.stem) in session.rebuild().made_paths


def test_a_cases_events_follow_the_letters_that_name_them_or_ask_to_move_them(session: Rebuilds) -> None:
    """A case's hearings and deadlines are kept while the letters naming them or asking to move them
    are the same: each save below changes them or not, and the harness compares every page and
    calendar with a fresh build."""
    letters = letters_of(session, "synthetic-case-002")
    naming, asking, other = letters[5], letters[9], letters[20]
    day = f"{int(naming.name[:4]) + 1}-03-02"
    edit(naming, "title:", f"hearings:\n- date: {day}\n  time: '10:00'\n  what: status conference\ntitle:")
    session.rebuild()
    case_page = "cases/synthetic-case-002.md"
    assert "Status conference" in session.last.pages[case_page].body
    edit(other, "Respectfully submitted", "A sentence more. Respectfully submitted")
    session.rebuild()
    title = next(line for line in asking.read_text("utf-8").splitlines() if line.startswith("title:"))
    edit(asking, title, "title: Letter asking to adjourn the status conference")
    session.rebuild()
    assert f"{asking.stem}/" in session.last.pages[case_page].body.split("Status conference", 1)[1].split("</tr>")[0]
    edit(asking, "title: Letter asking to adjourn the status conference", "title: Letter on the conference")
    session.rebuild()
    naming.unlink()
    session.rebuild()


# A docket number the synthetic letters never cite (they cite 1 to 400), and its page.
PAGED = "9001"
ENTRY_PAGE = f"cases/{LONG_CASE}/docket/{PAGED}.md"
CASE_PAGE = f"cases/{LONG_CASE}.md"


def cite(letter: Path) -> None:
    edit(letter, "Respectfully submitted", f"As ECF No. {PAGED} says. Respectfully submitted")


def uncite(letter: Path) -> None:
    edit(letter, f"As ECF No. {PAGED} says. ", "")


def docket_pages(paths: set[str]) -> set[str]:
    return {path for path in paths if path.startswith(f"cases/{LONG_CASE}/docket/")}


@pytest.fixture
def citing(tmp_path: Path) -> tuple[Rebuilds, list[Path]]:
    """One long case (LONG_LIST + 20 synthetic letters: its page lists the latest ten) and, of its
    earlier letters, those that cite no docket entry (a short entry's row lists its letters' titles),
    DOCKET_INLINE of which cite entry 9001: one citation short of its own page."""
    root = synthetic.generate(tmp_path / "letters", LONG_LIST + 20, cases=1)
    quiet = [path for path in sorted((root / LONG_CASE).glob("2*.md"))[:LONG_LIST] if "Dkt." not in path.read_text()]
    assert len(quiet) > DOCKET_INLINE + 4
    for letter in quiet[:DOCKET_INLINE]:
        cite(letter)
    session = Rebuilds(root)
    session.rebuild()
    assert not docket_pages(set(session.last.pages))
    return session, quiet


def test_an_entry_crossing_the_threshold_gets_its_page_and_loses_it(citing: tuple[Rebuilds, list[Path]]) -> None:
    """A save that makes an entry's citing letters more than DOCKET_INLINE gives it a page and turns
    its row into a link; a save that takes one away again removes the page and brings the folded
    list back (the harness compares every page with a fresh build after each save, the list of
    pages included)."""
    session, quiet = citing
    assert f'id="docket-{PAGED}"' in session.last.pages[CASE_PAGE].body
    cite(quiet[DOCKET_INLINE])
    memo = session.rebuild()
    assert docket_pages(memo.made_paths) == {ENTRY_PAGE} and CASE_PAGE in memo.made_paths
    row = session.last.pages[CASE_PAGE].body.split(f'id="docket-{PAGED}"', 1)[1].split("</tr>", 1)[0]
    assert "docket/9001/" in row and "<details" not in row
    uncite(quiet[2])
    memo = session.rebuild()
    assert ENTRY_PAGE not in session.last.pages and CASE_PAGE in memo.made_paths
    row = session.last.pages[CASE_PAGE].body.split(f'id="docket-{PAGED}"', 1)[1].split("</tr>", 1)[0]
    assert "docket/9001/" not in row and "<details" in row


def test_a_citation_added_or_removed_renders_the_entrys_page_and_its_row_only(
    citing: tuple[Rebuilds, list[Path]],
) -> None:
    """An entry with its own page: a save adding a letter to its citing letters, or taking one away,
    renders its page and the case page (the row's count), and no other entry's page."""
    session, quiet = citing
    cite(quiet[DOCKET_INLINE])
    session.rebuild()
    others = docket_pages(set(session.last.pages)) - {ENTRY_PAGE}
    cite(quiet[DOCKET_INLINE + 1])
    memo = session.rebuild()
    assert docket_pages(memo.made_paths) == {ENTRY_PAGE} and CASE_PAGE in memo.made_paths
    assert f"{quiet[DOCKET_INLINE + 1].stem}/" in session.last.pages[ENTRY_PAGE].body
    assert f"{DOCKET_INLINE + 2} letters; latest" in session.last.pages[CASE_PAGE].body
    uncite(quiet[1])
    memo = session.rebuild()
    assert docket_pages(memo.made_paths) == {ENTRY_PAGE} and CASE_PAGE in memo.made_paths
    assert f"{quiet[1].stem}/" not in session.last.pages[ENTRY_PAGE].body
    assert docket_pages(set(session.last.pages)) - {ENTRY_PAGE} == others


def test_an_edit_to_a_letter_citing_a_paged_entry_renders_its_page_not_the_case_page(
    citing: tuple[Rebuilds, list[Path]],
) -> None:
    """The case page's row of an entry with a page shows its count and latest letter: renaming an
    earlier letter citing it changes the entry's page (its list) and leaves the case page as it was."""
    session, quiet = citing
    cite(quiet[DOCKET_INLINE])
    session.rebuild()
    before = session.last.pages
    title = next(line for line in quiet[2].read_text("utf-8").splitlines() if line.startswith("title:"))
    edit(quiet[2], title, "title: A renamed letter")
    memo = session.rebuild()
    after = session.last.pages
    changed = {path for path in after if before[path].markdown != after[path].markdown}
    assert changed <= memo.made_paths
    assert "A renamed letter" in after[ENTRY_PAGE].body
    assert docket_pages(memo.made_paths) == {ENTRY_PAGE}
    assert CASE_PAGE not in memo.made_paths and CASE_PAGE not in changed

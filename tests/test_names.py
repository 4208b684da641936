"""People sort by surname: nameparser, or the registry's sort_as."""

from __future__ import annotations

from dataclasses import dataclass

from docket_archive.law.personnames import sort_key


@dataclass(frozen=True)
class Someone:
    name: str
    sort_as: str = ""


def names_in_order(*people: Someone) -> list[str]:
    return [person.name for person in sorted(people, key=sort_key)]


def test_a_suffix_does_not_become_the_surname_and_stays_in_the_name() -> None:
    people = (Someone("Seymour Preston, Jr."), Someone("Adam P. Strochak"), Someone("Martin Glenn"))
    assert names_in_order(*people) == ["Martin Glenn", "Seymour Preston, Jr.", "Adam P. Strochak"]


def test_titles_and_case_and_accents_do_not_change_the_order() -> None:
    people = (Someone("Hon. Zelda Abbot"), Someone("élise Aaron"), Someone("Bob Zimmer"))
    assert names_in_order(*people) == ["élise Aaron", "Hon. Zelda Abbot", "Bob Zimmer"]


def test_sort_as_wins_over_the_parser() -> None:
    # nameparser would file "Mary Ellen de la Cruz" under "de la Cruz"; the registry says C.
    people = (Someone("Mary Ellen de la Cruz", sort_as="Cruz, Mary Ellen de la"), Someone("Dan Dawes"))
    assert names_in_order(*people) == ["Mary Ellen de la Cruz", "Dan Dawes"]


def test_same_surname_sorts_by_given_name() -> None:
    assert names_in_order(Someone("Zoe Smith"), Someone("Adam Smith")) == ["Adam Smith", "Zoe Smith"]

"""``primitives.per_project``: what several rules ask of one project is worked out once for it."""

from __future__ import annotations

import attrs

from dreg_lint import parse
from dreg_lint.primitives import per_project, readable_period

PAGE = ("NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"
        "Audit — NIC-50002-HG7FD\nOpt outs honoured: N\nWhen:DSA runs 2019-01-01 — 2020-12-31 2019.02 — 2019.06.\n"
        "Audit — NIC-50003-HG7FD\nOpt outs honoured: Y\nWhen:2016.04 — 2016.13.\n")


def test_the_question_is_asked_once_per_project_in_turn():
    asked = []

    @per_project
    def reference(project):
        """The project's reference."""
        asked.append(project.number)
        return project.reference

    first, second = parse(PAGE).projects
    answers = [reference(first), reference(first), reference(second), reference(second), reference(first)]
    assert answers == ["NIC-50002-HG7FD", "NIC-50002-HG7FD", "NIC-50003-HG7FD", "NIC-50003-HG7FD", "NIC-50002-HG7FD"]
    assert asked == [1, 2, 1]
    assert reference.__doc__ == "The project's reference." and reference.__name__ == "reference"


def test_an_equal_but_other_project_is_asked_again():
    first, second = parse(PAGE).projects
    assert readable_period(first, "release").end.month == 6
    assert readable_period(second, "release") is None  # month 13
    # A project made from another (as a plugin's test may) is another project, even where equal.
    again = attrs.evolve(second)
    assert again == second and again is not second
    assert readable_period(again, "agreement") is None and readable_period(first, "agreement").start.year == 2019


def test_the_engine_lets_go_of_the_page_once_its_rules_have_run():
    # The rules' caches keep the last project they were asked about; a project kept beyond its page
    # would keep, through its blank lines (found when read), the nodes of the whole page.
    import gc
    import weakref

    from dreg_lint.engine import Linter
    from dreg_lint.settings import Settings

    linter = Linter(Settings.coerce({"select": ["ALL"]}))
    collecting = gc.isenabled()
    gc.disable()
    try:
        document = parse(PAGE)
        linter.lint_document(document)
        kept = [weakref.ref(document), *map(weakref.ref, document.projects)]
        del document
        assert [ref() for ref in kept] == [None, None, None]
    finally:
        if collecting:
            gc.enable()

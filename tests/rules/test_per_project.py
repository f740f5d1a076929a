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

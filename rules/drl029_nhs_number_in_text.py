"""A valid NHS number in the free text of a project.

What it checks
The free text (the Objectives, Yielded Benefits, Expected Benefits, Outputs and Processing bodies and
the Purposes statement) is searched for ten digits written 3-3-4, with an optional space or hyphen
between the groups and no digit directly before or after
(`(?<!\\d)(\\d{3})[ -]?(\\d{3})[ -]?(\\d{4})(?!\\d)`, ASCII digits only). A match is reported when it
passes the NHS number Modulus 11 check: multiply digits 1 to 9 by 10 down to 2, sum, take the
remainder r of the sum divided by 11; the check digit is 11 - r (11 becomes 0, 10 means the number
is invalid) and must equal digit 10 [S29]. Numbers in the never-issued test range 999 000 0000 to
999 999 9999 [S29] are reported at info instead of error (see the `test_range` option).

Why
The NHS number is the national patient identifier, printed 3-3-4 [S29]; a valid one in a public data
release register would identify a patient and must never be there.

Known false positives
About 1 in 11 random ten-digit numbers passes the check (10/11 x 1/10), so a reference number or a
count written with spaces can be reported. UK phone numbers with a leading 0 have 11 digits and are
excluded by the digit look-arounds (DRL030 reports them). The seeds contain no ten-digit number.

Options
`test_range` (default `"info"`): what to do with numbers in the 999 test range: `"info"` reports them
at info (the catalogue's downgrade), `"error"` reports them like any other NHS number, `"ignore"`
does not report them.
"""

from __future__ import annotations

import re

from dreg_lint.diagnostics import Severity
from dreg_lint.primitives import free_text_matches, match_span
from dreg_lint.rule import Example, Finding, Option, Rule

#: ``(?<![0-9])([0-9]{3})[ -]?([0-9]{3})[ -]?([0-9]{4})(?![0-9])``, with the look-behind moved after
#: the first digit (no digit before it = not two digits ending at it), so that the pattern starts
#: with a digit and ``re`` skips straight from digit to digit instead of trying every position.
_NHS_NUMBER = re.compile(r"([0-9](?<![0-9]{2})[0-9]{2})[ -]?([0-9]{3})[ -]?([0-9]{4})(?![0-9])")
#: The same digits in the text's shape (every digit a `0`), for ``free_text_matches`` to look for first:
#: searching for `000` is a substring search, while the pattern above is tried at every digit.
_NHS_SHAPE = re.compile(rb"000[ -]?000[ -]?0000")
_TEST_RANGE_CHOICES = ("info", "error", "ignore")

_HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"
_PROJECT = ("Audit of clinic letters — DARS-NIC-20417-QW3RT\n"
            "Opt outs honoured: Y\n"
            "Objectives:\n"
            "Letters were matched, e.g. patient {number}, to clinic records.\n")

RULE = Rule(
    code="DRL029",
    name="nhs-number-in-text",
    severity="error",
    groups=("privacy",),
    scope="project",
    doc=__doc__,
    bad=Example(_HEADER + _PROJECT.format(number="943 476 5919"), expect=("6:36",)),
    good=Example(_HEADER + _PROJECT.format(number="943 476 5918")),
    options=(Option("test_range", "info",
                    "Numbers in the 999 test range: `info` (report at info), `error` (report as any "
                    "other NHS number) or `ignore`."),),
)


def modulus11_valid(digits: str) -> bool:
    """The NHS number check: ten ASCII digits whose tenth is the Modulus 11 check digit of the nine
    before it [S29]."""
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[9])


@RULE.checker
def check(project, context):
    test_range = context.options["test_range"]
    if test_range not in _TEST_RANGE_CHOICES:
        raise ValueError(f"test_range must be one of {', '.join(_TEST_RANGE_CHOICES)}, not {test_range!r}")
    for where, line, match in free_text_matches(project, _NHS_NUMBER, shape=_NHS_SHAPE):
        digits = "".join(match.groups())
        if not modulus11_valid(digits):
            continue
        severity = None
        note = ""
        if digits.startswith("999"):
            if test_range == "ignore":
                continue
            if test_range == "info":
                severity = Severity.INFO
            note = " (in the 999 test range, never issued)"
        yield Finding(match_span(line, match),
                      f"valid NHS number `{match.group(0)}` in {where}{note}", severity=severity)

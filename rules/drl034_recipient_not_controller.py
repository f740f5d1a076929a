"""The organisation whose page this is is not among the project's data controllers.

What it checks
For a project whose `Data-controller type:` has at least one non-empty item, the page organisation
(the title line `<Org> projects`, without ` projects`) is compared with the controllers after NORM
(lower case, dashes folded, only letters and digits kept, so `NHS Greater Manchester Icb - 01d`
equals `NHS GREATER MANCHESTER ICB - 01D`). It is reported, at the controller list, when it equals
no controller item, nor a run of up to six consecutive items (a controller name with a comma in
it, such as `NHS HEYWOOD, MIDDLETON AND ROCHDALE CCG`, is split into items by the comma). Projects
with no or an empty controller field are DRL009's business; pages without an organisation line are
skipped.

Why
The page lists the projects under which the organisation received data; if it is not a controller
of the agreement, it holds the data as a processor, or the data moved with a reorganisation, and the
accountable organisation is someone else. The register names the controllers of each agreement
[S14]; the organisation's role on the page is INFERRED (RULES.md section 1.1).

Known false positives
CCG mergers and renamings (page `NHS Warwickshire North Ccg`, controller `NHS COVENTRY AND
WARWICKSHIRE CCG`); processors such as commissioning support units legitimately hold data for the
commissioners who control it (001:142).

Options
`ignore_location_codes` (default false): drop a trailing organisation code (` - 01D`, ` - B2M3M`,
` - 18C`) from the page organisation and from each controller before comparing, so that a sub-ICB
location page (`NHS Greater Manchester Icb - 02a`) matches its ICB listed under another location code.
"""

from __future__ import annotations

import re

from dreg_lint.model import FieldKey
from dreg_lint.primitives import items, norm
from dreg_lint.rule import Example, Finding, Option, Rule
from dreg_lint.span import Span

_MAX_RUN = 6  # a controller name split by up to five commas

_LOCATION_CODE = re.compile(r"\s[-\u2013\u2014]\s?[A-Za-z0-9]{2,5}$")

_PAGE = ("NHS Digital Data Release Register - reformatted\n"
         "NHS Example Commissioning Support Unit projects\n"
         "Commissioning analytics — DARS-NIC-20417-QW3RT\n"
         "Opt outs honoured: Y\n"
         "Data-controller type: {controllers}\n")

RULE = Rule(
    code="DRL034",
    name="recipient-not-controller",
    severity="info",
    groups=("accountability",),
    scope="project",
    doc=__doc__,
    bad=Example(_PAGE.format(controllers="NHS NORTHTOWN CCG, NHS SOUTHTOWN, EASTBURY AND WESTBURY CCG"),
                expect=("5:23",)),
    good=Example(_PAGE.format(controllers="NHS NORTHTOWN CCG, NHS EXAMPLE COMMISSIONING SUPPORT UNIT")),
    options=(Option("ignore_location_codes", False,
                    "Drop a trailing organisation code (` - 01D`) before comparing names."),),
)


def _key(name: str, ignore_codes: bool) -> str:
    name = name.strip()
    if ignore_codes:
        name = _LOCATION_CODE.sub("", name)
    return norm(name)


def is_listed(organisation: str, controllers: list[str], ignore_codes: bool = False) -> bool:
    """Whether the organisation is one controller item, or a run of consecutive items joined."""
    target = _key(organisation, ignore_codes)
    if not target:
        return True
    keys = [k for k in (_key(c, ignore_codes) for c in controllers) if k]
    if target in keys:
        return True
    # A run of consecutive items (a name with commas in it): at most _MAX_RUN items, and only runs
    # of the right length are joined, so the work stays linear in the length of the field.
    for start in range(len(keys)):
        total = 0
        for end in range(start, min(start + _MAX_RUN, len(keys))):
            total += len(keys[end])
            if total >= len(target):
                if total == len(target) and "".join(keys[start:end + 1]) == target:
                    return True
                break
    return False


def _names(controllers: list[str], limit: int = 3) -> str:
    shown = ", ".join(f"`{c if len(c) <= 60 else c[:57] + '...'}`" for c in controllers[:limit])
    if len(controllers) > limit:
        shown += f" and {len(controllers) - limit} more"
    return shown


@RULE.checker
def check(project, context):
    document = context.document
    if document is None or document.organisation is None:
        return
    controllers = items(project, FieldKey.DATA_CONTROLLERS)
    if controllers is None or not controllers.nonempty:
        return
    organisation = document.organisation.name
    names = [item.text for item in controllers.nonempty]
    if is_listed(organisation, names, context.options["ignore_location_codes"]):
        return
    first, last = controllers.nonempty[0].span, controllers.nonempty[-1].span
    span = Span(first.line, first.column, last.end_line, last.end_column, first.start, last.end)
    shown_org = organisation if len(organisation) <= 80 else organisation[:77] + "..."
    yield Finding(span, f"page organisation `{shown_org}` is not among the data controllers ({_names(names)})")

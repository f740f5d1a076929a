"""DRL036 unknown-enumerated-value."""

import glob

import pytest

from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"

FIELDS = {
    "Type of data": "information not disclosed for TRE projects",
    "Opt outs honoured": "N, Y, No - data flow is not identifiable, Anonymised - ICO Code Compliant "
                         "(Does not include the flow of confidential data)",
    "Purposes": "No (NHS Trust)",
    "Sensitive": "Non Sensitive, and Sensitive, and Non-Sensitive",
    "Access method": "Frequent adhoc flow, Frequent Adhoc Flow, One-Off, Ongoing, System Access",
    "Sublicensing allowed": "No, Yes",
}


def page(**changes):
    values = dict(FIELDS)
    for name, value in changes.items():
        label = "Opt outs honoured" if name == "opt_outs" else name.replace("_", " ").capitalize()
        assert label in values, label
        values[label] = value
    return HEADER + "Clinic audit — DARS-NIC-20417-QW3RT\n" + "".join(
        f"{label}: {value}\n" for label, value in values.items() if value is not None)


def test_examples():
    assert_examples("DRL036")


def test_known_vocabulary_is_clean():
    assert lint_snippet(page(), select="DRL036") == []
    known = page(type_of_data="Pseudonymised, Identifiable, Anonymised - ICO code compliant",
                 opt_outs="Yes - patient objections upheld, Identifiable, Pseudonymised, Yes, No (Section 251)",
                 purposes="Yes, a long statement about customers (CSU)", sensitive="Non-Sensitive",
                 sublicensing_allowed="Yes")
    assert lint_snippet(known, select="DRL036") == []


def test_unknown_values_reported_at_the_item():
    text = page(type_of_data="Aggregated - Anonymised", sensitive="Sensitive, and Secret",
                access_method="One-Off, Carrier Pigeon", sublicensing_allowed="No, yes")
    found = lint_snippet(text, select="DRL036")
    assert [(d.code, d.line, d.column, d.end_column) for d in found] == [
        ("DRL036", 4, 15, 38), ("DRL036", 7, 27, 33), ("DRL036", 8, 25, 39), ("DRL036", 9, 27, 30)]
    assert {d.severity.value for d in found} == {"warning"}
    assert found[0].message == ("unknown Type of data value `Aggregated - Anonymised` (known: information not "
                                "disclosed for TRE projects, Pseudonymised, Identifiable, Anonymised - ICO Code "
                                "Compliant)")
    assert found[2].message == ("unknown Access method value `Carrier Pigeon` (known: One-Off, Ongoing, Frequent "
                                "Adhoc Flow, System Access)")
    assert found[3].message == "unknown Sublicensing allowed value `yes` (known: Yes, No)"


def test_opt_out_tokens():
    found = lint_snippet(page(opt_outs="N, unknown, Maybe - later, Yes - x (Section 251)"), select="DRL036")
    assert positions(found) == ["5:23", "5:32"]
    assert found[0].message.startswith("unknown Opt outs honoured value `unknown` (known: Y, N, Yes, No,")


def test_glued_tokens_are_split_first():
    glued = "N, No - consent provided by participants of research studYes - patient objections upheld"
    assert lint_snippet(page(opt_outs=glued), select="DRL036") == []


def test_purposes_flags():
    found = lint_snippet(page(purposes="yes (Academic)"), select="DRL036")
    assert positions(found) == ["6:11"]
    assert found[0].message == "unknown Purposes flag value `yes` (known: Yes, No)"
    found = lint_snippet(page(purposes="Maybe (Academic)"), select="DRL036")
    assert [(d.line, d.column, d.end_column) for d in found] == [(6, 11, 16)]
    for clean in ("()", "(Research)", "No, Yes (Charity)", "Yes, NHS CSU are the sole controller (CSU)"):
        assert lint_snippet(page(purposes=clean), select="DRL036") == [], clean


def test_empty_items_are_left_to_drl013():
    text = page(sensitive="Sensitive, , Non Sensitive", access_method="One-Off , Ongoing",
                opt_outs="Identifiable (, )", sublicensing_allowed="")
    assert lint_snippet(text, select="DRL036") == []


def test_older_labels_are_checked():
    text = HEADER + "Project 1 — DARS-NIC-10001-AAAA1\nRepeats: Ongoing, Monthly\nCategories: Identifiable\n"
    assert positions(lint_snippet(text, select="DRL036")) == ["4:19"]


def test_extra_values_option():
    text = page(type_of_data="Aggregated - anonymised", access_method="Carrier Pigeon", opt_outs="unknown")
    options = {"DRL036": {"extra_values": ["type_of_data: Aggregated-Anonymised", "opt_outs: unknown"]}}
    found = lint_snippet(text, select="DRL036", options=options)
    assert positions(found) == ["8:16"]
    # opt_outs values are exact: case matters.
    options = {"DRL036": {"extra_values": ["opt_outs: Unknown", "access_method:carrier  pigeon"]}}
    assert positions(lint_snippet(text, select="DRL036", options=options)) == ["4:15", "5:20"]
    with pytest.raises(AssertionError, match="extra_values"):
        lint_snippet(text, select="DRL036", options={"DRL036": {"extra_values": ["colour: blue"]}})


def test_hostile_values():
    text = page(access_method=", ".join(["One-Off"] * 30_000), sensitive="-" * 200_000,
                purposes="a" * 1_000_000 + " (x)")
    found = lint_snippet(text, select="DRL036")
    assert positions(found) == ["7:12"]
    assert len(found[0].message) < 200


SEEDS = sorted(glob.glob("/work/shared/corpus/seeds/*.txt"))


@pytest.mark.skipif(len(SEEDS) != 4, reason="seed pages not available")
def test_seed_counts():
    # RULES.md section 3.2: distinct projects flagged per seed file 000, 001, 002, 003.
    counts = []
    for path in SEEDS:
        found = lint_snippet(open(path, encoding="utf-8").read(), select="DRL036")
        counts.append(len({d.project_line for d in found}))
    assert counts == [0, 0, 0, 0]

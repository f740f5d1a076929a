import pytest

from dreg_lint.reporters import _FORMATS
from reporter_factories import make_diagnostic, make_report, render

HOSTILE = "\x00\x1b[2J\x9b\x85\u2028\u202e\ufffe\udcff%:,\r\n::error::forged"


def test_every_declared_format_has_a_renderer():
    names = [f.name for f in _FORMATS]
    assert names == ["full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit"]
    for output_format in _FORMATS:
        assert callable(output_format.load())


@pytest.mark.parametrize("format_name", [f.name for f in _FORMATS])
def test_hostile_text_renders_as_encodable_text(format_name):
    report = make_report([make_diagnostic(message=HOSTILE, path="data/" + HOSTILE, project=HOSTILE)],
                         lines={3: HOSTILE})
    output = render(format_name, report)
    output.encode("utf-8")  # strict: nothing that cannot be written to a UTF-8 stream
    assert "\x1b" not in output and "\x9b" not in output
    for line in output.splitlines():
        assert not line.startswith("::error::forged")


@pytest.mark.parametrize("format_name", [f.name for f in _FORMATS])
def test_machine_formats_are_never_coloured(format_name):
    output = render(format_name, make_report([make_diagnostic()], color=True))
    if format_name in ("full", "concise"):
        assert "\x1b[" in output
    else:
        assert "\x1b" not in output

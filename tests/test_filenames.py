"""cascade.filenames: which person ids make safe brief file names, and the promise it keeps with
validate and render: an id that validates clean renders, to a file name no other brief or
the index page shares on any system."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cascade
from cascade.filenames import MAX_ID_BYTES, clashes, file_name, name_key, unsafe_reason
from cascade.formats import FORMATS
from cascade.rendering import MANIFEST, RenderError, render
from tests.rendering.plans import AS_OF, plan_of


@pytest.mark.parametrize(
    "person_id",
    [
        *("", ".", "..", "index", "Index", "iNDEX", "CON", "con", "PRN", "aux", "NUL", "nul.txt", "COM0", "com9"),
        *("LPT1", "lpt9.a.b", "COM\u00b9", "CONIN$", "conout$", "a/b", "a\\b", "a\0b", "a:b", "a*b", "a?b", "a\tb"),
        "x" * (MAX_ID_BYTES + 1),
    ],
)
def test_unsafe_ids_have_a_reason(person_id: str) -> None:
    assert unsafe_reason(person_id)


@pytest.mark.parametrize(
    "person_id",
    [
        *("ana", "x.", "...", ".ana", "index2", "index.html", "my-index", "console", "com10", "lpt", "a.con", "_", "-"),
        "x" * MAX_ID_BYTES,
    ],
)
def test_safe_ids_have_none(person_id: str) -> None:
    assert unsafe_reason(person_id) is None


def test_a_device_name_is_named_in_the_reason() -> None:
    assert unsafe_reason("nul.x") == "nul is a device name on Windows, so nul.x.md cannot be a file name there"


def test_file_name_is_the_id_then_the_format() -> None:
    assert file_name("x.", "html") == "x..html"  # a name that ends in the format, never in a dot


def test_names_equal_ignoring_case_and_normalisation_have_one_key() -> None:
    assert name_key("Ana") == name_key("ana") == name_key("ANA")
    assert name_key("Zo\u00eb") == name_key("ZOE\u0308")  # macOS stores the decomposed form
    assert name_key("ana") != name_key("anna")


def test_clashes_name_each_later_id_and_the_first_it_repeats() -> None:
    assert list(clashes(["Ana", "bob", "ana", "ANA", "Bob", "cy"])) == [("ana", "Ana"), ("ANA", "Ana"), ("Bob", "bob")]
    assert list(clashes(["ana", "ana"])) == []  # the very same id is a duplicate id, not a clash of names


# -- the property: clean means renderable, to names that never collide -----------------------

HOSTILE = st.sampled_from(["index", "Index", ".", "..", "CON", "nul", "com1", "Lpt9.x", "Ana", "ana", "x.", "x"])
IDS = st.one_of(HOSTILE, st.from_regex(r"[A-Za-z0-9_.-]{1,8}", fullmatch=True))


def clean(plan: cascade.Plan) -> bool:
    return not cascade.validate(plan, select=["CAS004", "CAS005"], as_of=AS_OF).diagnostics


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.lists(IDS, min_size=1, max_size=6, unique=True))
def test_ids_that_validate_clean_render_to_distinct_names_in_every_format(ids: list[str]) -> None:
    plan = plan_of({"people": [{"id": i, "name": f"Person {n}"} for n, i in enumerate(ids)]})
    names = [file_name(i, fmt) for i in ids for fmt in FORMATS] + ["index.html"]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder, "out")
        if not clean(plan):
            with pytest.raises(RenderError, match=r"^refusing"):  # render refuses what validate reports
                render(plan, out, formats=["md"], as_of=AS_OF)
            assert not out.exists()
            return
        assert len({name_key(n) for n in names}) == len(names)
        written = render(plan, out, formats=["md", "html", "ics"], as_of=AS_OF)
        on_disk = sorted(p.name for p in out.iterdir() if p.name != MANIFEST)
    assert sorted(p.name for p in written) == on_disk
    assert len(on_disk) == 3 * len(ids) + 1

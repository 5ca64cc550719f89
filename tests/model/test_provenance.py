"""Where a plan came from: one immutable value made by the reader, which places every record
by what it is (its id, then identity), so copies and pickles place records as the original."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from pathlib import Path

import pytest

import cascade
from cascade.model.plan import Plan
from cascade.model.provenance import NO_PROVENANCE, Place, Provenance, Written
from tests.conftest import AS_OF, HEADER

TEXT = HEADER + (
    "people:\n"  # 3
    "  - {id: ana, name: Ana Lima}\n"  # 4
    "  - {id: ana, name: Ana Again}\n"  # 5
    "  - {id: ben, name: Ben Okafor, manager: ghost}\n"  # 6
    "objectives:\n"  # 7
    "  - id: win\n"  # 8
    "    title: Win ten logos\n"  # 9
    "    owner: ana\n"  # 10
    "    due: 2027-06-30\n"  # 11
    "    done_when: Ten signed\n"  # 12
    "    children:\n"  # 13
    "      - {id: c1, title: Sign one, owner: ben, due: 2027-03-31, done_when: Signed, bogus: 1}\n"  # 14
)


def places(plan: Plan) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in cascade.validate(plan, as_of=AS_OF)]


def test_the_reader_gives_one_provenance() -> None:
    plan = cascade.loads(TEXT, name="plan.yaml")
    provenance = plan.provenance
    assert isinstance(provenance, Provenance)
    assert provenance.files == ()  # read from text
    assert [s.path for s in provenance.sources] == ["plan.yaml"]
    assert [f.code for f in provenance.findings] == ["CAS003"]  # bogus: an unknown field
    with pytest.raises(dataclasses.FrozenInstanceError):
        provenance.files = ("other.yaml",)  # type: ignore[misc]


def test_records_sharing_an_id_are_told_apart() -> None:
    plan = cascade.loads(TEXT, name="plan.yaml")
    first, second = plan.people[0], plan.people[1]
    assert plan.where(first).line == 4
    assert plan.where(second).line == 5
    assert plan.where(plan.index.nodes["c1"], "owner").line == 14


def test_a_plan_built_in_python_is_written_nowhere() -> None:
    header = cascade.Header.model_validate({"name": "Demo", "start": "2027-01-01", "end": "2027-06-30"})
    plan = cascade.Plan(plan=header, people=[cascade.Person(id="a", name="A")])
    assert plan.provenance is NO_PROVENANCE
    assert plan.place_of(plan.people[0]) is None
    assert plan.where(plan.people[0]).line == 0


@pytest.mark.parametrize(
    "copier",
    [copy.copy, copy.deepcopy, lambda p: pickle.loads(pickle.dumps(p)), lambda p: p.model_copy(deep=True)],
    ids=["copy", "deepcopy", "pickle", "model_copy deep"],
)
def test_a_copy_places_its_records_as_the_original(copier: object) -> None:
    plan = cascade.loads(TEXT, name="plan.yaml")
    expected = places(plan)
    twin = copier(plan)  # type: ignore[operator]
    assert places(twin) == expected
    assert any(line > 0 for _, line, _ in expected)


def test_a_record_put_in_by_a_script_has_no_place() -> None:
    plan = cascade.loads(TEXT, name="plan.yaml")
    newcomer = cascade.Person(id="cara", name="Cara", manager="nobody")
    plan.people.append(newcomer)
    found = [d for d in cascade.validate(plan, as_of=AS_OF) if "cara" in d.message]
    assert found
    assert all(d.line == 0 for d in found)
    assert plan.place_of(newcomer) is None


def test_a_replaced_record_does_not_take_the_old_ones_place() -> None:
    plan = cascade.loads(TEXT, name="plan.yaml")
    ben = plan.people[2]
    other = ben.model_copy()  # equal, and the same id, but not the record that was read
    twin = plan.model_copy(update={"people": [*plan.people[:2], other]})
    assert twin.place_of(other) is None
    assert twin.place_of(plan.people[0]) == plan.place_of(plan.people[0])


def test_a_roster_places_its_people_by_row(tmp_path: Path) -> None:
    (tmp_path / "roster.csv").write_text("id,name,manager\nlea,Lea Berg,\nmo,Mo Diaz,ghost\n", encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(
        HEADER.replace("end: 2027-06-30}", "end: 2027-06-30, roster: roster.csv}"), encoding="utf-8"
    )
    plan = cascade.load(tmp_path / "plan.yaml")
    assert plan.files[-1].endswith("roster.csv")
    written = plan.provenance.written[-1]
    assert isinstance(written, Written)
    assert list(written.offsets) == [0, 1]
    assert plan.place_of(plan.people[1]) == Place(written.source, 1)
    mo = plan.where(plan.people[1])
    assert (Path(mo.file).name, mo.line) == ("roster.csv", 3)


def test_only_the_plan_writes_its_private_fields() -> None:
    """The reader hands the plan its provenance when the plan is built; no module of
    cascade but the plan's own sets a private field of a plan."""
    assert set(Plan.__private_attributes__) == {"_provenance", "_previous_index", "_merged"}
    src = Path(cascade.__file__).parent
    for path in src.rglob("*.py"):
        if path.name == "plan.py" and path.parent.name == "model":
            continue
        text = path.read_text(encoding="utf-8")
        for name in Plan.__private_attributes__:
            assert f".{name}" not in text, f"{path.relative_to(src)} reaches {name}"

"""Which files make up a plan directory (cascade.read.plan_files): YAML files, hidden ones left out, in name order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import cascade
from cascade.read.plan_files import plan_files
from tests.conftest import HEADER, WritePlan


def test_a_directory_plan_reads_yaml_and_yml_and_skips_hidden_and_other_files(
    tmp_path: Path, write_plan: WritePlan
) -> None:
    write_plan(HEADER, "plan.yaml")
    write_plan("people: [{id: a, name: A}]\n", "a.yml")
    write_plan("people: [{id: b, name: B, manager: a}]\n", "sub/b.yaml")
    write_plan("people: [{id: a, name: Hidden}]\n", ".hidden.yaml")
    write_plan("people: [{id: a, name: Hidden}]\n", ".git/x.yaml")
    write_plan("people: [{id: a, name: Text}]\n", "notes.txt")
    plan = cascade.load(tmp_path)
    assert [p.id for p in plan.people] == ["a", "b"]
    assert cascade.validate(plan, select=["CAS0"]).diagnostics == []


def test_each_file_comes_with_its_path_below_the_root_in_name_order(tmp_path: Path, write_plan: WritePlan) -> None:
    """A folder's own files first, then each subfolder in name order, at any depth."""
    for name in ("z.yaml", "b/y.yml", "b/a/x.yaml", "a.yaml", "c/deep/er/w.yaml", "B.yaml"):
        write_plan("people: []\n", name)
    root = str(tmp_path)
    assert plan_files(root) == [
        (os.path.join(root, relative), relative)
        for relative in ("B.yaml", "a.yaml", "z.yaml", "b/y.yml", "b/a/x.yaml", "c/deep/er/w.yaml")
    ]


def test_only_names_ending_in_yaml_or_yml_and_not_hidden_are_plan_files(tmp_path: Path, write_plan: WritePlan) -> None:
    for name in (
        "plan.yaml",
        "team.yml",
        "roster.csv",
        "plan.yaml.bak",
        "plan.json",
        "yaml",
        ".plan.yaml",
        ".cascade_cache/entry.yaml",
        "sub/.git/HEAD.yaml",
        "sub/.hidden/deeper/x.yaml",
        "sub/ok.yaml",
    ):
        write_plan("people: []\n", name)
    assert [relative for _, relative in plan_files(str(tmp_path))] == ["plan.yaml", "team.yml", "sub/ok.yaml"]


def test_a_folder_named_like_a_yaml_file_is_walked_not_listed(tmp_path: Path, write_plan: WritePlan) -> None:
    write_plan("people: []\n", "teams.yaml/emea.yaml")
    assert [relative for _, relative in plan_files(str(tmp_path))] == ["teams.yaml/emea.yaml"]


def test_paths_are_named_from_the_root_as_given(
    tmp_path: Path, write_plan: WritePlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader names each file ``root/relative``, so a relative root gives relative paths."""
    write_plan(HEADER, "plans/plan.yaml")
    write_plan("people: []\n", "plans/teams/emea.yaml")
    monkeypatch.chdir(tmp_path)
    assert plan_files("plans") == [
        (os.path.join("plans", "plan.yaml"), "plan.yaml"),
        (os.path.join("plans", "teams", "emea.yaml"), os.path.join("teams", "emea.yaml")),
    ]


def test_a_folder_without_plan_files_lists_none(tmp_path: Path, write_plan: WritePlan) -> None:
    write_plan("id,name\n", "roster.csv")
    (tmp_path / "empty").mkdir()
    assert plan_files(str(tmp_path)) == []
    assert plan_files(str(tmp_path / "empty")) == []
    assert plan_files(str(tmp_path / "missing")) == []

"""ir.remap renames task, group and component ids everywhere they are referred to."""
from __future__ import annotations


import pytest

from designer.compiler import compile_pipeline
from designer.inputs import load_project, with_readable_ids
from designer.ir.errors import InputError
from designer.ir.remap import remap
from designer.persist import Project
from tests.every_concept import C, G, T, every_concept
from tests.golden.goldens import importable_kfp_files

TIME = "2023-11-14T22:13:20"


def test_every_id_is_renamed_everywhere():
    p = every_concept()
    before = repr(p)
    ids = {**T, **G, **C}
    assert all(before.count(i) for i in ids.values())
    new = remap(p, {v: f"t_{k}" for k, v in T.items()}, {v: f"g_{k}" for k, v in G.items()},
                {v: f"c_{k}" for k, v in C.items()})
    text = repr(new)
    left = [i for i in ids.values() if i in text]
    assert not left, f"ids not renamed: {left}"
    assert repr(p) == before                       # the original is untouched
    # Renaming back gives the original: nothing but ids changed.
    back = remap(new, {f"t_{k}": v for k, v in T.items()}, {f"g_{k}": v for k, v in G.items()},
                 {f"c_{k}": v for k, v in C.items()})
    assert repr(back) == before
    assert new.task("t_use").group == "g_inner" and new.group("g_exit").exit_task == "t_exit"
    assert new.task("t_use").settings.volumes[0].volume_task == "t_vol"


def _outcome(pipeline, target):
    try:
        return compile_pipeline(pipeline, target, compile_time=TIME)
    except InputError as e:
        return f"refused: {e}"
    except Exception as e:  # noqa: BLE001  (v1 crashes on resources_from_values today)
        return f"crashed: {type(e).__name__}"


FILES = importable_kfp_files("features", "features_v2")


@pytest.mark.parametrize("source", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_readable_ids_do_not_change_what_compiles(source):
    before = load_project(source).pipeline
    original = {t: _outcome(before, t) for t in ("v1", "v2")}
    p = with_readable_ids(Project(before, {})).pipeline
    old_ids = [x.id for x in before.tasks + before.groups]
    new_ids = [x.id for x in p.tasks + p.groups]
    assert not set(old_ids) & set(new_ids)
    assert [t.id for t in p.tasks] == [t.name for t in p.tasks]
    # Ids reach the output only in refusals naming an unnamed group: there, the new id.
    for old, new in zip(old_ids, new_ids):
        original = {t: text.replace(f"`{old}`", f"`{new}`") for t, text in original.items()}
    assert {t: _outcome(p, t) for t in ("v1", "v2")} == original

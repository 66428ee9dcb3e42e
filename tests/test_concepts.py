"""The Kubeflow concept pages (designer/concepts.py, resources/concepts/): every page the
brief names exists in English and Korean, its links lead to pages that exist, and a
broken page is refused with its file and line."""
from __future__ import annotations

import re

import pytest

from designer import concepts
from designer.ir.errors import InputError

NAMED = {"component", "task", "pipeline", "parameter", "output", "artifact", "dependency",
         "compile", "yaml", "caching", "local-run"}
HANGUL = re.compile("[가-힣]")


def test_every_named_concept_has_a_page_in_both_languages():
    assert set(concepts.concept_ids()) >= NAMED
    for cid in concepts.concept_ids():
        page = concepts.load(cid)
        assert set(page.title) == {"en", "ko"} and set(page.body) == {"en", "ko"}, cid
        assert HANGUL.search(page.title["ko"]) and HANGUL.search(page.body["ko"]), cid
        assert not HANGUL.search(page.body["en"]), cid
        # Both languages say about as much (a forgotten paragraph shows here).
        ratio = len(page.body["ko"]) / len(page.body["en"])
        assert 0.35 < ratio < 1.2, (cid, ratio)


def test_links_and_see_also_lead_to_pages_that_exist():
    ids = set(concepts.concept_ids())
    for cid in ids:
        page = concepts.load(cid)
        assert set(page.see_also) <= ids, cid
        for lang in ("en", "ko"):
            for target in re.findall(r"\]\(concept:([\w-]+)\)", page.body[lang]):
                assert target in ids, (cid, lang, target)
        # The Korean page links to the same pages as the English one.
        assert re.findall(r"concept:([\w-]+)", page.body["en"]) == \
            re.findall(r"concept:([\w-]+)", page.body["ko"]), cid


@pytest.mark.parametrize("text,where", [
    ("format: 1\ntitle: {en: A}\nbody: [x]\n", ":3:"),
    ("format: 2\ntitle: {en: A}\nbody: {en: b}\n", ":1:"),
    ("format: 1\ntitle: {en: A}\nbody: {en: b}\nsee_also: x\n", ":4:"),
    ("format: 1\ntitle: {en: [A}\n", ":2"),
])
def test_a_broken_page_is_refused_with_its_line(tmp_path, text, where):
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        concepts.parse(path)
    assert str(path) + where in str(info.value)

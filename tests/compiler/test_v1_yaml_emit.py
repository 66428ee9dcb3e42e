"""yaml_emit.dump writes what kfp 1.8.9's dump_yaml writes (PyYAML's pure emitter).

Two oracles: every kfp-compiled fixture must round-trip byte for byte, and random documents
must come out exactly as PyYAML (our runtime dependency) dumps them with kfp's Dumper set-up.
kfp pins PyYAML 5.4.1, whose float resolver differs from 6.x for strings like "._5"; the
reference Dumper here carries the 5.4.1 pattern so either installed PyYAML is a fair oracle.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from designer.compiler.yaml_emit import dump

HERE = Path(__file__).parent
FIXTURES = sorted((HERE / "data" / "v1" / "pipelines").glob("*.yaml")) + [
    HERE.parent / "data" / "reference" / "example_pipeline.yaml"]

_FLOAT_5_4_1 = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9_]+(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""", re.X)


class KfpDumper(yaml.Dumper):
    """kfp.components._yaml_utils.dump_yaml's OrderedDumper."""


def _represent_str(dumper, data):
    style = "|" if "\n" in data else None
    if data.lower() in ["y", "n", "yes", "no", "true", "false", "on", "off"]:
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style)


KfpDumper.add_representer(dict, lambda d, data: d.represent_mapping(
    "tag:yaml.org,2002:map", data.items()))
KfpDumper.add_representer(str, _represent_str)
KfpDumper.yaml_implicit_resolvers = {
    first: [(tag, _FLOAT_5_4_1 if tag == "tag:yaml.org,2002:float" else rx) for tag, rx in rs]
    for first, rs in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}


def pyyaml(data) -> str:
    return yaml.dump(data, Dumper=KfpDumper, default_flow_style=None)


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_kfp_output_round_trips(path):
    text = path.read_text(encoding="utf-8")
    assert dump(yaml.safe_load(text)) == text


_WORDS = ["a", "x", "yes", "No", "true", "off", "y", "n", "1", "0.5", "._5", "1e3", "-", "- a",
          ":", "a: b", "a:b", "#c", "a #c", "{{inputs.parameters.x}}", "'q'", '"dq"', "", " ",
          " lead", "trail ", "a  b", "null", "~", "2021-01-01", "0x1F", "012", "=", "<<", "---",
          "...x", "é", "ünï", "tab\there", "cr\rx", "\u2028", "[x]", "{a}", "a,b", "?", "?x",
          "!tag", "&a", "*a", "|", ">", "%", "@", "`", "long " * 30, "w" * 100, "\\back",
          "nul\0", "\x85", "\ufeff", "😀", "a'b", "it's a 'quoted' long thing " * 5]


def _random_doc(rnd: random.Random) -> dict:
    def text():
        r = rnd.random()
        if r < 0.5:
            return rnd.choice(_WORDS)
        if r < 0.7:
            return " ".join(rnd.choice(_WORDS) for _ in range(rnd.randint(1, 25)))
        if r < 0.9:
            return "\n".join(rnd.choice(_WORDS) for _ in range(rnd.randint(1, 8))) + \
                rnd.choice(["", "\n", "\n\n", " "])
        return "".join(rnd.choice(" abc'\"\n:#-") for _ in range(rnd.randint(0, 120)))

    def scalar():
        if rnd.random() < 0.8:
            return text()
        return rnd.choice([1, -5, 0, True, False, None, 1.5, 1e20, 12345678901234567890])

    def value(depth):
        r = rnd.random()
        if depth > 4 or r < 0.4:
            return scalar()
        if r < 0.7:
            return [value(depth + 1) for _ in range(rnd.randint(0, 5))]
        return {text() if rnd.random() < 0.9 else rnd.choice([1, True, None]): value(depth + 1)
                for _ in range(rnd.randint(0, 5))}

    return {f"k{i}": value(0) for i in range(rnd.randint(1, 6))}


@pytest.mark.parametrize("seed", range(3))
def test_random_documents_match_pyyaml(seed):
    rnd = random.Random(seed)
    for _ in range(60):
        doc = _random_doc(rnd)
        assert dump(doc) == pyyaml(doc), doc


@pytest.mark.parametrize("doc", [
    {"k": "x" * 122}, {("y" * 122): 1}, {("y" * 123): 1}, {"a": [{("z" * 123): "v"}]},
    {"end": "kept\n\n"}, {"a": {"b": "line\n\n"}, "c": 1},
    {"flow": ["a b " * 30, "a b " * 30], "block": ["a b " * 30, "x\ny"]},
    {"same": ["it's " * 30] * 3, "shifted": {"deeper": {"again": "it's " * 30}}},
    {"s": "é" * 50 + " tail " * 20}, {"empty": {}, "none": [], "nested": [[], {}]},
])
def test_edge_cases_match_pyyaml(doc):
    assert dump(doc) == pyyaml(doc)


def test_repeated_long_scalars_are_written_once_per_position():
    long_text = "def f():\n    return 'x'\n" * 200
    doc = {"templates": [{"name": f"t{i}", "command": ["sh", long_text]} for i in range(50)]}
    assert dump(doc) == pyyaml(doc)


def test_the_analysis_shortcuts_agree_with_the_character_loop():
    """Strings the shortcut patterns accept are analysed without PyYAML's character loop;
    the loop must give the same analysis for each of them."""
    from designer.compiler import yaml_emit

    def fields(a):
        return a.empty, a.multiline, a.flow_plain, a.block_plain, a.single, a.block

    rng = random.Random(7)
    alphabet = "aZ09_./$()+;<=\\^~&*!|>'\"%@`- #:,?[]{}\n\t\x85é"
    checked = 0
    for _ in range(40000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        fast = yaml_emit._analyze(text)
        if fast in (yaml_emit._NEUTRAL_ANALYSIS, yaml_emit._FLOWISH_ANALYSIS,
                    yaml_emit._LEADING_ANALYSIS):
            checked += 1
            assert fields(yaml_emit._analyze_chars(text)) == fields(fast), text
    assert checked > 3000


def test_flow_collections_of_short_scalars_break_lines_like_pyyaml():
    """Short scalars without spaces are written as fixed pieces and only the line breaks
    between items are worked out (yaml_emit._flow_fast): at every indent and length, they
    must fall where PyYAML puts them, whatever each piece's style."""
    rnd = random.Random(11)
    tokens = ["a", "name", "{{inputs.parameters.x}}", "'q'", "it's", "a,b", "[x]", "#c", "a#c",
              "-", "-x", ":", "a:b", "yes", "null", "1.5", "0x1F", "=", "é", "w" * 70,
              "\\back", 'd"q', "", "?x", 7, -12, 123456789012]
    for _ in range(300):
        def flow():
            items = [rnd.choice(tokens) for _ in range(rnd.randint(1, 12))]
            if rnd.random() < 0.5:
                return items
            return {str(rnd.choice(tokens)) + str(i): v for i, v in enumerate(items)}
        doc: dict = {"k": flow()}
        for depth in range(rnd.randint(0, 6)):
            doc = {f"level{depth}" * rnd.randint(1, 3): doc} if rnd.random() < 0.6 else \
                {"seq": [doc, flow()]}
        assert dump(doc) == pyyaml(doc), doc

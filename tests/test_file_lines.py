"""`validate` (and `compile`) name the line of the file a problem is about: a line of a
component's source in a .kfpd is offset to the project file's line, a graph error in a .py
names the line of the call that made the task, "no pipeline function" names a line."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from designer import persist
from designer.ir import Component, SignatureError, signature_from_source
from designer.ir.lines import FileLines
from designer.project_lines import project_lines

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "resources" / "examples" / "example_pipeline.kfpd"


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "designer", *map(str, args)],
                          capture_output=True, text=True, cwd=REPO, timeout=120)


def line_number(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_a_source_problem_in_a_kfpd_is_reported_at_the_project_file_line(tmp_path):
    """A component saved mid-edit (its ports kept) whose source no longer parses: the
    problem is at line 3 of the source, which is line N of the file."""
    project = persist.load(EXAMPLE)
    comp = project.pipeline.component("sum_and_print_numbers")
    broken = comp.source + "    total = (number_1 +\n"
    try:
        signature_from_source(broken)
    except SignatureError as e:
        assert e.line == 3
    project.pipeline.components[1] = Component(comp.id, broken, comp.signature)
    path = tmp_path / "mid_edit.kfpd"
    persist.save(project, path)
    out = cli("validate", path)
    assert out.returncode == 1, out.stdout + out.stderr
    want = line_number(path, "total = (number_1 +")
    assert want > 20                               # the file's line, not the source's 3
    assert f"{path}:{want}: error:" in out.stdout, out.stdout


def test_a_source_that_does_not_load_is_refused_at_the_project_file_line(tmp_path):
    text = EXAMPLE.read_text().replace(
        "          print(number_1 + number_2)\n",
        "          print(number_1 + number_2)\n          total = (number_1 +\n")
    path = tmp_path / "bad.kfpd"
    path.write_text(text)
    out = cli("validate", path)
    assert out.returncode == 2
    want = line_number(path, "total = (number_1 +")
    assert out.stderr.startswith(f"{path}:{want}: component `sum_and_print_numbers`: its "
                                 "source, line 3: syntax error"), out.stderr


def test_a_graph_error_in_a_python_file_names_the_line_of_the_call(tmp_path):
    path = tmp_path / "mismatch.py"
    path.write_text(textwrap.dedent('''\
        from kfp import dsl
        from kfp.components import create_component_from_func


        @create_component_from_func
        def make_text() -> str:
            return "x"


        @create_component_from_func
        def double(number: int) -> int:
            return 2 * number


        @dsl.pipeline(name="p")
        def p():
            text = make_text()
            doubled = double(number=text.output)
            again = double(
                number=text.output,
            )
        '''))
    out = cli("validate", path)
    assert out.returncode == 1
    call_line = line_number(path, "doubled = double(number=text.output)")
    arg_line = line_number(path, "    number=text.output,")   # a call over several lines
    assert f"{path}:{call_line}: error: Task `doubled`, input `number` expects int" in out.stdout
    assert f"{path}:{arg_line}: error: Task `again`, input `number`" in out.stdout, out.stdout
    out = cli("compile", path)
    assert out.returncode == 2 and f"{path}:{arg_line}: error:" in out.stderr


def test_no_pipeline_function_names_a_line_and_what_was_looked_for(tmp_path):
    path = tmp_path / "helpers.py"
    path.write_text("from kfp import dsl\n\n\ndef helper():\n    pass\n")
    out = cli("validate", path)
    assert out.returncode == 2
    assert out.stderr.startswith(f"{path}:1: no pipeline function:")
    assert "`@dsl.pipeline(...)`" in out.stderr and "`helper`" in out.stderr


def test_project_lines_of_the_example():
    text = EXAMPLE.read_text()
    lines = project_lines(text)
    rows = text.splitlines()
    assert rows[lines.tasks["sum_result"] - 1] == "  - id: sum_result"
    assert rows[lines.params["number_2"] - 1].startswith("  - {name: number_2")
    first = lines.sources["print_and_return_number"]
    assert rows[first - 1].strip() == "def print_and_return_number(number: int) -> int:"
    assert rows[lines.task_fields[("sum_result", "number_1")] - 1].strip().startswith(
        "number_1:")
    assert isinstance(lines, FileLines)


def test_a_kfp1_container_op_is_compiled_for_v1_and_refused_at_its_line_elsewhere(tmp_path):
    """kfp 1.8's `@dsl.component` over a function that returns a ContainerOp: kfp 1.8.9
    compiles the container, and so does our v1 writer; kfp 2 has no ContainerOp, and the
    Python exporter cannot write this form of one back yet: both refuse at the line that
    built it."""
    path = tmp_path / "container_op.py"
    path.write_text("from kfp import dsl\n@dsl.component\ndef train_op():\n"
                    "    return dsl.ContainerOp(name='train', image='busybox')\n"
                    "@dsl.pipeline(name='p')\ndef p():\n    train_op()\n")
    out_file = tmp_path / "out.yaml"
    v1 = cli("compile", path, "-o", out_file)
    assert v1.returncode == 0, v1.stderr
    assert "image: busybox" in out_file.read_text()
    for command, words in ((["compile", path, "--target", "v2"],
                            "component `train_op` is a kfp 1 dsl.ContainerOp, which kfp 2 "
                            "does not have"),
                           (["export-python", path],
                            "`train_op` is a kfp 1 `@dsl.component` ContainerOp factory")):
        out = cli(*command)
        assert out.returncode == 2 and out.stdout == ""
        assert out.stderr.startswith(f"{path}:4: cannot "), out.stderr   # dsl.ContainerOp(
        assert words in out.stderr



# A kfp 1 component for the pipelines below.
SHOW = textwrap.dedent("""\
    from kfp import dsl
    from kfp.components import create_component_from_func
    @create_component_from_func
    def show(text: str):
        print(text)
    """)


def test_a_setting_kfp_2_lacks_is_refused_at_the_call_that_set_it(tmp_path):
    """Pod anti-affinity (kfp 1 add_affinity): kfp 1.8.9 writes it, kfp-kubernetes 2.17.3
    has no function for it, so the v2 compile and the kfp 2 export refuse at the
    ``add_affinity`` line (not the task's, which may be far above), never dropping it."""
    path = tmp_path / "apart.py"
    path.write_text(SHOW + textwrap.dedent("""\
        from kubernetes.client import V1Affinity, V1PodAffinityTerm, V1PodAntiAffinity
        @dsl.pipeline(name="p")
        def p():
            t = show("x")
            t.set_display_name("apart")
            t.add_affinity(V1Affinity(pod_anti_affinity=V1PodAntiAffinity(
                required_during_scheduling_ignored_during_execution=[
                    V1PodAffinityTerm(topology_key="kubernetes.io/hostname")])))
        """))
    line = line_number(path, "    t.add_affinity(")
    assert cli("compile", path).returncode == 0                  # (kfp 1 writes it)
    for command in (["compile", path, "--target", "v2"], ["export-python", path, "--target", "v2"]):
        out = cli(*command)
        assert out.returncode == 2 and out.stdout == ""
        assert out.stderr.startswith(f"{path}:{line}: cannot "), out.stderr
        assert ("task `t` uses pod anti-affinity, which kfp-kubernetes 2.17.3 "
                "does not have") in out.stderr, out.stderr


def test_a_dns_config_given_to_compile_is_refused_for_kfp_2_at_its_call(tmp_path):
    """kfp's samples/core/dns_config: the configuration is built in ``__main__`` and given
    to ``compile``; kfp 1.8.9 writes it into the workflow (so does our v1 compile), kfp 2 has
    no DNS configuration: refused at the ``set_dns_config`` call."""
    path = tmp_path / "dns.py"
    path.write_text(SHOW + textwrap.dedent("""\
        import kfp
        from kubernetes.client.models import V1PodDNSConfig, V1PodDNSConfigOption
        @dsl.pipeline(name="p")
        def p():
            show("x")
        if __name__ == "__main__":
            conf = kfp.dsl.PipelineConf()
            conf.set_dns_config(dns_config=V1PodDNSConfig(
                nameservers=["1.2.3.4"], options=[V1PodDNSConfigOption(name="ndots", value="2")]))
            kfp.compiler.Compiler().compile(p, __file__ + ".yaml", pipeline_conf=conf)
        """))
    out_file = tmp_path / "out.yaml"
    assert cli("compile", path, "-o", out_file).returncode == 0
    assert "  dnsConfig:\n    nameservers: [1.2.3.4]\n    options:\n    - {name: ndots, value: '2'}\n" \
        in out_file.read_text()
    out = cli("compile", path, "--target", "v2")
    line = line_number(path, "    conf.set_dns_config(")
    assert out.returncode == 2 and out.stderr.startswith(f"{path}:{line}: cannot compile for "
                                                         "KFP 2: the pipeline uses a DNS "
                                                         "configuration, which kfp 2.17.3 "
                                                         "does not have"), out.stderr


def test_a_sidecar_is_refused_for_kfp_2_at_add_sidecar(tmp_path):
    """kfp 1 ``add_sidecar(dsl.Sidecar(...))`` on a function component's task: kfp 1.8.9
    writes the sidecar, kfp 2 has none (a task runs one container): refused at its call."""
    path = tmp_path / "sidecar.py"
    path.write_text(SHOW + textwrap.dedent("""\
        @dsl.pipeline(name="p")
        def p():
            t = show("x")
            t.set_display_name("with a cache")
            t.add_sidecar(dsl.Sidecar(name="cache", image="redis:alpine"))
        """))
    assert cli("compile", path).returncode == 0
    out = cli("compile", path, "--target", "v2")
    line = line_number(path, "    t.add_sidecar(")
    assert out.returncode == 2 and out.stderr.startswith(
        f"{path}:{line}: cannot compile for KFP 2: task `t` uses sidecars (dsl.Sidecar), "
        "which kfp 2 does not have"), out.stderr


def test_a_volume_snapshot_is_refused_for_kfp_2_at_its_line(tmp_path):
    """kfp 1 ``dsl.VolumeSnapshotOp``: kfp-kubernetes makes and deletes claims only."""
    path = tmp_path / "snap.py"
    path.write_text(SHOW + textwrap.dedent("""\
        @dsl.pipeline(name="p")
        def p(claim: str = "data"):
            show("x")
            dsl.VolumeSnapshotOp(name="backup", resource_name="snap", pvc=claim)
        """))
    assert cli("compile", path).returncode == 0
    for command in (["compile", path, "--target", "v2"], ["export-python", path, "--target", "v2"]):
        out = cli(*command)
        line = line_number(path, "    dsl.VolumeSnapshotOp(")
        assert out.returncode == 2 and out.stderr.startswith(f"{path}:{line}: cannot "), \
            out.stderr
        assert ("uses steps that snapshot a volume (VolumeSnapshotOp), which kfp 2 does not "
                "have") in out.stderr, out.stderr

"""What a kfp pipeline file uses, read with ``ast`` (never executed): the corpus's feature
census and the guess of which kfp SDK (1.x or 2.x) a file was written for.

tools/corpus.py uses this to sort collected files into the v1 and v2 corpora and to count,
per kfp feature, how many corpus files use it.
"""
from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field

# Task methods worth counting one by one (kfp 1.8 ContainerOp/BaseOp and kfp 2 PipelineTask).
TASK_SETTINGS = frozenset({
    "set_display_name", "set_caching_options", "set_retry", "set_timeout",
    "set_cpu_limit", "set_cpu_request", "set_memory_limit", "set_memory_request",
    "set_gpu_limit", "set_accelerator_type", "set_accelerator_limit",
    "add_node_selector_constraint", "add_toleration", "add_affinity", "set_image_pull_policy",
    "add_env_variable", "set_env_variable", "add_pod_label", "add_pod_annotation",
    "add_volume", "add_volume_mount", "add_pvolumes", "add_sidecar", "add_init_container",
    "add_port", "set_security_context", "ignore_upstream_failure", "set_container_image",
    "set_ephemeral_storage_limit", "set_ephemeral_storage_request", "set_env",
    "set_retry_strategy",
})

RUN_PLACEHOLDERS = frozenset({
    "RUN_ID_PLACEHOLDER", "EXECUTION_ID_PLACEHOLDER", "PIPELINE_JOB_NAME_PLACEHOLDER",
    "PIPELINE_JOB_RESOURCE_NAME_PLACEHOLDER", "PIPELINE_JOB_ID_PLACEHOLDER",
    "PIPELINE_TASK_NAME_PLACEHOLDER", "PIPELINE_TASK_ID_PLACEHOLDER",
    "PIPELINE_ROOT_PLACEHOLDER", "PIPELINE_JOB_CREATE_TIME_UTC_PLACEHOLDER",
    "PIPELINE_JOB_SCHEDULE_TIME_UTC_PLACEHOLDER", "WORKFLOW_UID_PLACEHOLDER",
})

ARTIFACT_TYPES = frozenset({
    "Artifact", "Dataset", "Model", "Metrics", "ClassificationMetrics",
    "SlicedClassificationMetrics", "HTML", "Markdown",
})

# Names whose use marks a file as kfp 1.x-only or 2.x-only.
V1_ONLY = frozenset({
    "ContainerOp", "create_component_from_func", "func_to_container_op", "VolumeOp",
    "VolumeSnapshotOp", "ResourceOp", "PipelineVolume", "PipelineConf", "get_pipeline_conf",
    "build_python_component", "use_gcp_secret", "use_aws_secret", "use_azure_secret",
    "Sidecar", "UserContainer", "InputArgumentPath",
    "create_graph_component_from_pipeline_func",
})
V2_ONLY = frozenset({
    "container_component", "ContainerSpec", "If", "Elif", "Else", "Collected", "OneOf",
    "PipelineTaskFinalStatus", "set_caching_options", "importer", "pipeline_task",
    "PIPELINE_JOB_NAME_PLACEHOLDER", "PIPELINE_TASK_NAME_PLACEHOLDER", "ConcatPlaceholder",
    "IfPresentPlaceholder", "notebook_component",
})
V1_MODULES = ("kfp.gcp", "kfp.onprem", "kfp.aws", "kfp.azure", "kfp.dsl.types", "kfp.containers",
              "kfp.dsl.extensions", "kfp.components.structures")
V2_MODULES = ("kfp.v2", "kfp.kubernetes", "kfp.dsl.types.artifact_types", "kfp.local",
              "kfp.dsl.structures", "google_cloud_pipeline_components")


def dotted(node: ast.AST) -> str:
    """``a.b.c`` for a Name/Attribute chain ('' for anything else)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def last(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def _decorator_name(dec: ast.expr) -> str:
    return last(dotted(dec.func if isinstance(dec, ast.Call) else dec))


def pipeline_functions(tree: ast.Module) -> list[ast.FunctionDef]:
    """Module-level functions decorated with ``@pipeline`` / ``@dsl.pipeline(...)``."""
    return [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
            and any(_decorator_name(d) == "pipeline" for d in n.decorator_list)]


@dataclass
class FileFacts:
    """Everything the census and the SDK guess look at, gathered in one walk."""
    imports: set[str] = field(default_factory=set)       # modules imported (dotted)
    names: set[str] = field(default_factory=set)         # last segment of every name/attribute
    calls: set[str] = field(default_factory=set)         # last segment of every called name
    methods: set[str] = field(default_factory=set)       # attribute calls x.m(...)
    keywords: set[str] = field(default_factory=set)      # keyword argument names, any call
    subscripts: set[str] = field(default_factory=set)    # X in X[...]
    with_calls: set[str] = field(default_factory=set)    # C in `with C(...)`
    decorators: set[str] = field(default_factory=set)
    pipelines: list[str] = field(default_factory=list)   # decorated pipeline function names
    pipeline_body: set[str] = field(default_factory=set)  # statement kinds in pipeline bodies
    pipeline_calls: set[str] = field(default_factory=set)  # names called in pipeline bodies
    pipeline_expr_args: set[str] = field(default_factory=set)  # f-string, format, concat
    compile_calls: int = 0                               # X.compile(...) calls
    compiles_undecorated: bool = False                   # X.compile(f) of a plain function
    compile_kwargs: set[str] = field(default_factory=set)
    base_classes: set[str] = field(default_factory=set)
    strings_with_workflow: bool = False                  # '{{workflow.' / '{{$.' literals


def facts(tree: ast.Module) -> FileFacts:
    f = FileFacts()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            f.imports.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            f.imports.add(node.module)
            f.imports.update(f"{node.module}.{a.name}" for a in node.names)
            f.names.update(a.name for a in node.names)
        elif isinstance(node, ast.Name):
            f.names.add(node.id)
        elif isinstance(node, ast.Attribute):
            f.names.add(node.attr)
        elif isinstance(node, ast.Call):
            name = dotted(node.func)
            if name:
                f.calls.add(last(name))
            f.keywords.update(k.arg for k in node.keywords if k.arg)
            if isinstance(node.func, ast.Attribute):
                f.methods.add(node.func.attr)
                if node.func.attr == "compile":
                    f.compile_calls += 1
                    f.compile_kwargs.update(k.arg for k in node.keywords if k.arg)
        elif isinstance(node, ast.Subscript):
            name = dotted(node.value)
            if name:
                f.subscripts.add(last(name))
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                ctx = item.context_expr
                if isinstance(ctx, ast.Call):
                    f.with_calls.add(last(dotted(ctx.func)))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            f.decorators.update(_decorator_name(d) for d in node.decorator_list)
            if isinstance(node, ast.ClassDef):
                f.base_classes.update(last(dotted(b)) for b in node.bases)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and ("{{workflow." in node.value or "{{$." in node.value):
            f.strings_with_workflow = True
    f.compiles_undecorated = _compiles_module_function(tree, undecorated_only=True)
    for func in pipeline_functions(tree):
        f.pipelines.append(func.name)
        for node in ast.walk(func):
            if isinstance(node, (ast.For, ast.While, ast.If, ast.ListComp, ast.DictComp,
                                 ast.Try, ast.FunctionDef)) and node is not func:
                f.pipeline_body.add(type(node).__name__)
            if isinstance(node, ast.Call):
                f.pipeline_calls.add(last(dotted(node.func)))
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    f.pipeline_expr_args.update(_expression_kinds(arg))
            if isinstance(node, ast.Return) and node.value is not None:
                f.pipeline_body.add("Return")
    return f


def _expression_kinds(arg: ast.expr) -> Iterable[str]:
    """Strings built at compile time anywhere in one call argument (lists of arguments too)."""
    for node in ast.walk(arg):
        if isinstance(node, ast.JoinedStr):
            yield "f-string"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "format":
            yield "str.format"
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)) and any(
                isinstance(s, ast.JoinedStr)
                or (isinstance(s, ast.Constant) and isinstance(s.value, str))
                for s in (node.left, node.right)):
            yield "string concat"


def _imports_any(f: FileFacts, prefixes: Iterable[str]) -> bool:
    return any(i == p or i.startswith(p + ".") for i in f.imports for p in prefixes)


# Feature name -> predicate. Ordered as the report prints them.
FEATURES: dict[str, object] = {
    "pipeline function (@dsl.pipeline)": lambda f: bool(f.pipelines),
    "several pipelines in one file": lambda f: len(f.pipelines) > 1,
    "sub-pipeline (pipeline called in a pipeline)":
        lambda f: bool(set(f.pipelines) & f.pipeline_calls),
    "undecorated pipeline (Compiler().compile(fn) only)": lambda f: f.compiles_undecorated,
    "component-only file (no pipeline)": lambda f: not f.pipelines and bool(
        {"component", "container_component"} & f.decorators),
    "create_component_from_func / func_to_container_op":
        lambda f: bool({"create_component_from_func", "func_to_container_op"} & f.names),
    "@dsl.component (v2 function component)": lambda f: "component" in f.decorators,
    "ContainerOp": lambda f: "ContainerOp" in f.names,
    "ContainerOp subclass": lambda f: "ContainerOp" in f.base_classes,
    "load_component_from_file": lambda f: "load_component_from_file" in f.calls,
    "load_component_from_url": lambda f: "load_component_from_url" in f.calls,
    "load_component_from_text": lambda f: "load_component_from_text" in f.calls,
    "ComponentStore": lambda f: "ComponentStore" in f.names,
    "InputPath / OutputPath": lambda f: bool({"InputPath", "OutputPath"} & f.names),
    "Input[...] / Output[...] artifacts": lambda f: bool({"Input", "Output"} & f.subscripts),
    "artifact types (Dataset, Model, Metrics...)": lambda f: bool(ARTIFACT_TYPES & f.names),
    "NamedTuple outputs": lambda f: "NamedTuple" in f.names,
    "@dsl.container_component": lambda f: "container_component" in f.names,
    "dsl.Condition": lambda f: "Condition" in f.with_calls,
    "dsl.If / Elif / Else": lambda f: bool({"If", "Elif", "Else"} & f.with_calls),
    "dsl.ParallelFor": lambda f: "ParallelFor" in f.with_calls,
    "dsl.Collected": lambda f: "Collected" in f.names,
    "dsl.OneOf": lambda f: "OneOf" in f.names,
    "dsl.ExitHandler": lambda f: "ExitHandler" in f.with_calls,
    "dsl.SubGraph / graph_component (recursion)":
        lambda f: bool({"graph_component", "SubGraph"} & f.names),
    "for-loop in pipeline body": lambda f: "For" in f.pipeline_body,
    "if-statement in pipeline body": lambda f: "If" in f.pipeline_body,
    "comprehension in pipeline body":
        lambda f: bool({"ListComp", "DictComp"} & f.pipeline_body),
    "pipeline returns outputs": lambda f: "Return" in f.pipeline_body,
    ".after()": lambda f: "after" in f.methods,
    "task settings (set_* / add_*)": lambda f: bool(TASK_SETTINGS & f.methods),
    "execution_options / caching_strategy":
        lambda f: bool({"execution_options", "caching_strategy"} & f.names),
    "VolumeOp / VolumeSnapshotOp / PipelineVolume":
        lambda f: bool({"VolumeOp", "VolumeSnapshotOp", "PipelineVolume"} & f.names),
    "ResourceOp": lambda f: "ResourceOp" in f.names,
    "kfp-kubernetes (kfp.kubernetes)":
        lambda f: _imports_any(f, ["kfp.kubernetes"]) or "kfp.kubernetes" in f.imports,
    "kubernetes client objects (V1EnvVar, V1Toleration...)":
        lambda f: _imports_any(f, ["kubernetes"]) or any(n.startswith("V1") for n in f.names),
    "kfp.gcp / onprem / aws / azure helpers (.apply)":
        lambda f: _imports_any(f, ["kfp.gcp", "kfp.onprem", "kfp.aws", "kfp.azure"]),
    "PipelineConf / get_pipeline_conf":
        lambda f: bool({"PipelineConf", "get_pipeline_conf"} & f.names),
    "f-string / format / concat arguments": lambda f: bool(f.pipeline_expr_args),
    "run placeholders (RUN_ID_PLACEHOLDER, {{workflow.*}}...)":
        lambda f: bool(RUN_PLACEHOLDERS & f.names) or f.strings_with_workflow,
    "importer": lambda f: bool({"importer", "importer_node"} & f.calls),
    "PipelineTaskFinalStatus": lambda f: "PipelineTaskFinalStatus" in f.names,
    "packages_to_install / base_image":
        lambda f: bool({"packages_to_install", "base_image"} & (f.names | f.keywords)),
    "google_cloud_pipeline_components":
        lambda f: _imports_any(f, ["google_cloud_pipeline_components"]),
    "kfp.Client in the file": lambda f: "Client" in f.calls,
    "Compiler().compile kwargs (pipeline_conf, type_check...)":
        lambda f: bool(f.compile_kwargs - {"pipeline_func", "package_path"}),
}


def census(tree: ast.Module) -> tuple[list[str], list[str]]:
    """(features the file uses, task settings it calls), both sorted as FEATURES lists them."""
    f = facts(tree)
    used = [name for name, test in FEATURES.items() if test(f)]  # type: ignore[operator]
    return used, sorted(TASK_SETTINGS & f.methods)


@dataclass
class SdkGuess:
    sdk: str            # "v1" or "v2"
    reason: str


def guess_sdk(tree: ast.Module, era: str) -> SdkGuess:
    """Which kfp SDK the file targets: names only one of them has decide; a file with both
    kinds or neither goes by ``era``, the SDK of the tree it was collected from."""
    f = facts(tree)
    v1 = sorted((V1_ONLY & f.names) | {m for m in V1_MODULES if _imports_any(f, [m])})
    v2 = sorted((V2_ONLY & f.names) | {m for m in V2_MODULES if _imports_any(f, [m])}
                | ({"Input[]/Output[]"} if {"Input", "Output"} & f.subscripts else set()))
    if "component" in f.decorators and not v1:
        v2.append("@component")
    if v1 and not v2:
        return SdkGuess("v1", "kfp 1.x names: " + ", ".join(v1[:4]))
    if v2 and not v1:
        return SdkGuess("v2", "kfp 2.x names: " + ", ".join(v2[:4]))
    if v1 and v2:
        return SdkGuess(era, f"both ({', '.join(v1[:2])} / {', '.join(v2[:2])}): by source era")
    return SdkGuess(era, "no SDK-specific names: by source era")


def is_candidate(tree: ast.Module) -> str | None:
    """Why a parsed file is worth compiling (None: it is not a kfp pipeline/component file)."""
    f = facts(tree)
    if not _imports_any(f, ["kfp"]):
        return None
    if f.pipelines:
        return "pipeline"
    if _compiles_module_function(tree):
        return "compile call"
    if {"component", "container_component"} & f.decorators:
        return "component"
    return None


def _compiles_module_function(tree: ast.Module, undecorated_only: bool = False) -> bool:
    """Whether the file calls ``X.compile(fn, ...)`` on a function it defines at top level
    (kfp 1 compiles an undecorated pipeline function handed over like that)."""
    defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)
               and not (undecorated_only and n.decorator_list)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "compile":
            args = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "pipeline_func")]
            if any(isinstance(a, ast.Name) and a.id in defined for a in args):
                return True
    return False

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>BoolValueEditor</name>
    <message>
        <source>(no value)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CanvasEditor</name>
    <message>
        <source>Not connected: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected {input}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(it uses this pipeline&apos;s own, edited `{name}`)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add that component: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added parameter {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing selected to copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no pipeline nodes ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{action}: %n task(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Edit Parameter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Parameter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit to View</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CanvasScene</name>
    <message>
        <source>its source is gone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CanvasView</name>
    <message>
        <source>Drag components here from the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right-click to add a pipeline parameter · wire outputs to inputs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodeEditorPane</name>
    <message>
        <source>New component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new component from a typed function skeleton</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>used by %n task(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>select a task to edit its component&apos;s code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ports keep their last good state.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Add task {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n wire(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Disconnect {input}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set {input} = {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect {source} → {input}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move wire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set {name} runs after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename task {old} → {new}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add component {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove component {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add parameter {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit parameter {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>function name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit pipeline {fields}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectInteraction</name>
    <message>
        <source>Drop the wire on a highlighted port (Esc cancels).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release to connect to {port}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No wire drawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wire unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wire cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the changes to “{name}” before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your changes will be lost if you don&apos;t save them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipelines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Designer projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kfp Python</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`{text}` is not a literal value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`{name}` is not a valid Python name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a parameter `{name}`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The default {value} is not a {kind}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{name}” could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Designer projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{path}” could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot export {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix these problems first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export KFP {target} YAML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export YAML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The compiler refused the pipeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export kfp {target} Python</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {name}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search components…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundled components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In this pipeline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New empty pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a designer project or kfp Python file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;YAML (KFP v1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compile to KFP v1 YAML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export YAML (KFP &amp;v2)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Python…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type &amp;Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Parameter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a pipeline parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-&amp;layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrange the nodes in layers, left to right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tutorial pipeline (example_pipeline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system&apos;s colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export YAML</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n parameter(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Clear Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>no longer an output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no longer an input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last run: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any type (untyped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(missing component)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from parameter {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, default {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required: connect a wire or set a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pipeline parameter, default {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pipeline parameter, required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parameter · {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pipeline parameter of type {type}, default {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pipeline parameter of type {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to edit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeTexts</name>
    <message numerus="yes">
        <source>%n stale row(s): wires or values the function&apos;s ports no longer match (hover them)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PanesController</name>
    <message>
        <source>Not changed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParamDialog</name>
    <message>
        <source>Edit Parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(untyped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the run must give a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParamEditor</name>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required: this parameter has no default</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PipelineForm</name>
    <message>
        <source>(untyped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this parameter (tasks that use it are flagged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Used by %n task input(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>pipeline name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this pipeline does (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a pipeline parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No parameters. A parameter is a value asked for when the pipeline runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pipeline needs a name; kept the old one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{name}” is not a valid Python identifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a parameter is already named “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem}; the parameter keeps the name “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>This target is not available yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The compiler failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Python for kfp 1.x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Python for kfp 2.x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which kfp DSL the Python preview is written for</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewView</name>
    <message>
        <source>Showing the last result that compiled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsPane</name>
    <message>
        <source>task {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>runs after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>component {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parameter {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; error(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; warning(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>export is blocked until the errors are fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>“{name}” cannot be exported: it has %n error(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more; see the Problems list.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PropertiesPane</name>
    <message>
        <source>parameter {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(missing task)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not run yet (Run ▸ Run…, F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a task to see its properties.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task&apos;s Python variable name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This component takes no inputs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>untyped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`{component}` has no input `{name}` any more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order-only dependencies (.after()): run once these finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{image} (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container image the component runs in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. pandas==2.1, scikit-learn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pip packages installed before the function runs; separate them with commas or spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(missing component)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Shared by %n task(s): {names}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Used by this task only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} runs after this task: this would form a cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already runs after {name}: it uses its output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(missing task {id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{name}” is not a valid Python identifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another task is already named “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunController</name>
    <message>
        <source>A run is already in progress: stop it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to re-run yet: run the pipeline first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>installing {packages} into a cached virtual environment…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <source>{seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run yet. Run the pipeline with F5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuse cached results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks whose component and inputs are unchanged since an earlier run reuse its outputs instead of running again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the run: kill its running tasks (Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run again with the same parameter values (Ctrl+Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task output appears here while the run goes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open run folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not run: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Running {pipeline}: {finished} of %n task(s) done</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Succeeded in {time} ({tally})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed in {time} ({tally})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped in {time} ({tally})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunParamsDialog</name>
    <message>
        <source>Run {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values of the pipeline&apos;s parameters for this local run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This pipeline has no parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>untyped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put every parameter back to its default value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunSession</name>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the pipeline locally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;e-run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run again with the same parameter values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is in progress: stop it first (Shift+F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (see Problems)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pipeline has errors: fix them before running it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running {pipeline}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run succeeded in {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run failed in {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run was stopped in {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run could not start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{state} in {time}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunStates</name>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>installing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaleLinks</name>
    <message>
        <source>select the wire and press Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pipeline parameter `{name}` no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the task it came from no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the component of {task} is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`{output}` is no longer an output of {component} (task {task})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`{input}` is no longer an input of {component}: its value {value} is not passed. Remove it in the Properties pane, or give the function that input back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`{input}` is no longer an input of {component}, and {problem}: delete the wire ({hint}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`{input}` is no longer an input of {component}: connect the wire to another input or delete it (drag it off the `{input}` port onto another input, or {hint}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its wire is broken: {problem}. Connect `{input}` to another source or delete the wire (drag it off the `{input}` port onto an output, or {hint}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`{output}` is no longer an output of {component}, but wires still use it: drag each wire&apos;s input end onto another output, or {hint}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted task</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextValueEditor</name>
    <message>
        <source>a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text (type &quot;&quot; for empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list, e.g. [1, 2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a dict, e.g. {&quot;a&quot;: 1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True or False</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any literal value, or text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{type}: {hint}. Empty uses the default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>untyped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ValueEditor</name>
    <message>
        <source>not a literal value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{text}” is not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{text}” is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write True or False</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid {kind}; write it like {example}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expects a {kind}, not a {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

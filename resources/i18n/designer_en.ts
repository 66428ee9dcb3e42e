<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CanvasEditor</name>
    <message numerus="yes">
        <source>{action}: %n task(s).</source>
        <translation>
            <numerusform>{action}: %n task.</numerusform>
            <numerusform>{action}: %n tasks.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CodeEditorPane</name>
    <message numerus="yes">
        <source>used by %n task(s)</source>
        <translation>
            <numerusform>used by %n task</numerusform>
            <numerusform>used by %n tasks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message numerus="yes">
        <source>Delete %n wire(s)</source>
        <translation>
            <numerusform>Delete %n wire</numerusform>
            <numerusform>Delete %n wires</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n item(s)</source>
        <translation>
            <numerusform>Delete %n item</numerusform>
            <numerusform>Delete %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>Move %n node</numerusform>
            <numerusform>Move %n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Group %n task(s) in a {kind}</source>
        <translation>
            <numerusform>Group %n task in a {kind}</numerusform>
            <numerusform>Group %n tasks in a {kind}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContainerForm</name>
    <message numerus="yes">
        <source>used by %n task(s)</source>
        <translation>
            <numerusform>used by %n task</numerusform>
            <numerusform>used by %n tasks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message numerus="yes">
        <source>%n error(s) inside the designer.</source>
        <translation>
            <numerusform>%n error inside the designer.</numerusform>
            <numerusform>%n errors inside the designer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FoldingSection</name>
    <message numerus="yes">
        <source>%n set</source>
        <translation>
            <numerusform>%n set</numerusform>
            <numerusform>%n set</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message numerus="yes">
        <source>%n file(s) could not be read (hover them)</source>
        <translation>
            <numerusform>%n file could not be read (hover them)</numerusform>
            <numerusform>%n files could not be read (hover them)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoopBadgeText</name>
    <message numerus="yes">
        <source>{done} of %n done</source>
        <translation>
            <numerusform>{done} of %n done</numerusform>
            <numerusform>{done} of %n done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n failed</source>
        <translation>
            <numerusform>, %n failed</numerusform>
            <numerusform>, %n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n task</numerusform>
            <numerusform>%n tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n parameter(s)</source>
        <translation>
            <numerusform>%n parameter</numerusform>
            <numerusform>%n parameters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NodeTexts</name>
    <message numerus="yes">
        <source>%n stale row(s): wires or values the function&apos;s ports no longer match (hover them)</source>
        <translation>
            <numerusform>%n stale row: wires or values the function&apos;s ports no longer match (hover them)</numerusform>
            <numerusform>%n stale rows: wires or values the function&apos;s ports no longer match (hover them)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PipelineForm</name>
    <message numerus="yes">
        <source>Used by %n task input(s)</source>
        <translation>
            <numerusform>Used by %n task input</numerusform>
            <numerusform>Used by %n task inputs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsPane</name>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; error(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; error</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; warning(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; warning</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“{name}” cannot be exported: it has %n error(s).</source>
        <translation>
            <numerusform>“{name}” cannot be exported: it has %n error.</numerusform>
            <numerusform>“{name}” cannot be exported: it has %n errors.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more; see the Problems list.</source>
        <translation>
            <numerusform>… and %n more; see the Problems list.</numerusform>
            <numerusform>… and %n more; see the Problems list.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PropertiesPane</name>
    <message numerus="yes">
        <source>Shared by %n task(s): {names}</source>
        <translation>
            <numerusform>Shared by %n task: {names}</numerusform>
            <numerusform>Shared by %n tasks: {names}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pipeline {name}, %n task(s) inside: {tasks}</source>
        <translation>
            <numerusform>Pipeline {name}, %n task inside: {tasks}</numerusform>
            <numerusform>Pipeline {name}, %n tasks inside: {tasks}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message numerus="yes">
        <source>Running {pipeline}: {finished} of %n task(s) done</source>
        <translation>
            <numerusform>Running {pipeline}: {finished} of %n task done</numerusform>
            <numerusform>Running {pipeline}: {finished} of %n tasks done</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunSession</name>
    <message numerus="yes">
        <source>… and %n more (see Problems)</source>
        <translation>
            <numerusform>… and %n more (see Problems)</numerusform>
            <numerusform>… and %n more (see Problems)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunsDialog</name>
    <message numerus="yes">
        <source>%n run(s) of this pipeline</source>
        <translation>
            <numerusform>%n run of this pipeline</numerusform>
            <numerusform>%n runs of this pipeline</numerusform>
        </translation>
    </message>
</context>
</TS>

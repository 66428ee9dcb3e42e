"""One-step layered layout (a small Sugiyama): parameters left, data flowing right.

1. Layers by longest path from the sources (parameters form layer 0; a task
   with no inputs sits just left of its first consumer).
2. Order within layers by barycentres of neighbours, a few down/up sweeps.
3. Coordinates: columns as wide as their widest node; each node placed where the
   wires into it run straight (median of its inputs' ports), pushed down only as
   far as needed to clear its neighbours; sources then line up with their consumers.
Pure Python, O((V + E) * sweeps); cycles are tolerated (back edges ignored).
"""
from __future__ import annotations

from designer.ir import OutputRef, ParamRef, Pipeline

from .rules import PARAM_PREFIX

Size = tuple[float, float]

H_GAP = 90.0
V_GAP = 36.0
SWEEPS = 4
DEFAULT_SIZE: Size = (160.0, 80.0)
# A group's frame on the canvas: this far around its members, a title bar above them
# (``ui/canvas/group_frame.py`` draws with these). A block adds SLACK on each side for
# what sticks out of a node (its port circles) and the frame's border.
FRAME_PAD = 18.0
FRAME_TITLE = 24.0
SLACK = 10.0
FRAME_SIDE = FRAME_PAD + SLACK
FRAME_TOP = FRAME_PAD + FRAME_TITLE + SLACK
GROUP_PREFIX = "group:"   # a group's block among the nodes it is laid out with


def graph(p: Pipeline) -> tuple[list[str], dict[str, list[str]]]:
    """Nodes (parameter keys, then task ids) and their upstream lists."""
    nodes = [PARAM_PREFIX + prm.name for prm in p.params] + [t.id for t in p.tasks]
    known = set(nodes)
    ups: dict[str, list[str]] = {n: [] for n in nodes}
    for t in p.tasks:
        for a in t.arguments.values():
            if isinstance(a, ParamRef):
                key = PARAM_PREFIX + a.name
            elif isinstance(a, OutputRef):
                key = a.task_id
            else:
                continue
            if key in known and key != t.id:
                ups[t.id].append(key)
        ups[t.id] += [d for d in t.after if d in known and d != t.id]
        ups[t.id] = list(dict.fromkeys(ups[t.id]))
    return nodes, ups


def _layers(nodes: list[str], ups: dict[str, list[str]]) -> dict[str, int]:
    downs: dict[str, list[str]] = {n: [] for n in nodes}
    for n in nodes:
        for u in ups[n]:
            downs[u].append(n)
    has_params = any(n.startswith(PARAM_PREFIX) for n in nodes)
    first_task_layer = 1 if has_params else 0
    # Iterative DFS post-order gives a topological order that ignores back edges.
    order: list[str] = []
    state: dict[str, int] = {}
    for root in nodes:
        if root in state:
            continue
        stack = [(root, iter(ups[root]))]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            nxt = next((u for u in it if u not in state), None)
            if nxt is None:
                stack.pop()
                state[node] = 2
                order.append(node)
            else:
                state[nxt] = 1
                stack.append((nxt, iter(ups[nxt])))
    position = {n: i for i, n in enumerate(order)}
    layer: dict[str, int] = {}
    for n in order:
        if n.startswith(PARAM_PREFIX):
            layer[n] = 0
            continue
        preds = [layer[u] for u in ups[n] if position[u] < position[n]]
        layer[n] = max(preds) + 1 if preds else first_task_layer
    # Sources with consumers move right, next to their nearest consumer.
    for n in reversed(order):
        if n.startswith(PARAM_PREFIX) or any(position[u] < position[n] for u in ups[n]):
            continue
        succ = [layer[d] for d in downs[n] if position[d] > position[n]]
        if succ:
            layer[n] = max(layer[n], min(succ) - 1)
    return layer


def _order(nodes: list[str], ups: dict[str, list[str]], layer: dict[str, int]) -> list[list[str]]:
    n_layers = max(layer.values()) + 1
    rows: list[list[str]] = [[] for _ in range(n_layers)]
    for n in nodes:
        rows[layer[n]].append(n)
    downs: dict[str, list[str]] = {n: [] for n in nodes}
    for n in nodes:
        for u in ups[n]:
            downs[u].append(n)

    def sweep(indices: range, neighbours: dict[str, list[str]]) -> None:
        for li in indices:
            rank = {n: i for i, n in enumerate(rows[li - 1 if neighbours is ups else li + 1])}
            current = {n: i for i, n in enumerate(rows[li])}

            def key(n: str) -> float:
                ranks = [rank[m] for m in neighbours[n] if m in rank]
                return sum(ranks) / len(ranks) if ranks else current[n]
            rows[li].sort(key=key)

    for _ in range(SWEEPS):
        sweep(range(1, n_layers), ups)
        sweep(range(n_layers - 2, -1, -1), downs)
    return rows


# Where a wire meets a node, as y offsets from its top: (inputs by name, outputs by name).
Ports = tuple[dict[str, float], dict[str, float]]


def _edges(p: Pipeline) -> list[tuple[str, str, str, str]]:
    """Data wires as (source key, output name, task id, input name)."""
    known = {t.id for t in p.tasks}
    params = {prm.name for prm in p.params}
    out = []
    for t in p.tasks:
        for name, a in t.arguments.items():
            if isinstance(a, ParamRef) and a.name in params:  # not a deleted parameter
                out.append((PARAM_PREFIX + a.name, a.name, t.id, name))
            elif isinstance(a, OutputRef) and a.task_id in known and a.task_id != t.id:
                out.append((a.task_id, a.output, t.id, name))
    return out


def _stack(row: list[str], desired: dict[str, float], height: dict[str, float]) -> None:
    """Move nodes of one column down as little as needed so none overlap (in place)."""
    bottom = None
    for n in row:
        if bottom is not None and desired[n] < bottom + V_GAP:
            desired[n] = bottom + V_GAP
        bottom = desired[n] + height[n]


def layered_layout(p: Pipeline, sizes: dict[str, Size],
                   origin: tuple[float, float] = (0.0, 0.0),
                   ports: dict[str, Ports] | None = None,
                   frame_widths: dict[str, float] | None = None
                   ) -> dict[str, tuple[float, float]]:
    """Top-left positions for every node of ``p`` (keys as in the document layout).

    With ``ports`` (port offsets per node), nodes line up with the ports that feed
    them, so a wire between neighbouring columns runs straight where it can. With
    control-flow groups, each group is laid out alone and then placed as one block
    (``frame_widths``: the least width of a group's frame, for its title), so a frame
    never covers a node outside it.
    """
    nodes, ups = graph(p)
    if not nodes:
        return {}
    if p.groups:
        return _compound(p, nodes, ups, _edges(p), sizes, origin, ports or {},
                         frame_widths or {})
    return _place(nodes, ups, _edges(p), sizes, origin, ports or {})


def _compound(p: Pipeline, nodes: list[str], ups: dict[str, list[str]],
              edges: list[tuple[str, str, str, str]], sizes: dict[str, Size],
              origin: tuple[float, float], ports: dict[str, Ports],
              frame_widths: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Innermost groups first: a group's members laid out on their own make a block
    (their extent plus the frame's padding and title bar), which its container lays out
    like one node; wires into and out of a group count as wires of its block."""
    from designer.ir.groups import ancestors
    holder: dict[str, str | None] = {n: None for n in nodes}   # node -> its group
    for t in p.tasks:
        holder[t.id] = t.group if p.group(t.group) is not None else None
    filled = {g.id for t in p.tasks for g in ancestors(p, holder[t.id])}

    def chain(key: str) -> list[str]:
        """The blocks holding a node, outermost first, then the node itself."""
        return [GROUP_PREFIX + g.id for g in reversed(ancestors(p, holder[key]))] + [key]

    def at_level(key: str, container: str | None) -> str | None:
        """Which block directly inside ``container`` holds ``key`` (None: none)."""
        path = chain(key)
        if container is None:
            return path[0]
        mark = GROUP_PREFIX + container
        return path[path.index(mark) + 1] if mark in path[:-1] else None

    block_sizes = dict(sizes)

    def place(container: str | None) -> dict[str, tuple[float, float]]:
        """Positions (relative to the block's top-left) of the nodes inside
        ``container``, at any depth; sets the block's size."""
        members = [n for n in nodes if holder[n] == container] + \
            [GROUP_PREFIX + g.id for g in p.groups if g.parent == container and g.id in filled]
        inner: dict[str, dict[str, tuple[float, float]]] = {}
        for key in members:
            if key.startswith(GROUP_PREFIX):
                inner[key] = place(key[len(GROUP_PREFIX):])
        local_ups: dict[str, list[str]] = {m: [] for m in members}
        for n in nodes:
            dst = at_level(n, container)
            for u in ups[n]:
                src = at_level(u, container)
                if dst is not None and src is not None and src != dst:
                    local_ups[dst].append(src)
        local_ups = {m: list(dict.fromkeys(v)) for m, v in local_ups.items()}
        local_edges = []
        for src, out, dst, inp in edges:
            a, b = at_level(src, container), at_level(dst, container)
            if a is not None and b is not None and a != b:
                local_edges.append((a, out if a == src else "", b, inp if b == dst else ""))
        spots = _place(members, local_ups, local_edges, block_sizes, (0.0, 0.0), ports)
        out: dict[str, tuple[float, float]] = {}
        for key, (x, y) in spots.items():
            if key in inner:
                for n, (ix, iy) in inner[key].items():
                    out[n] = (round(x + ix, 1), round(y + iy, 1))
            else:
                out[key] = (x, y)
        if container is not None:
            right = max(x + block_sizes.get(k, DEFAULT_SIZE)[0] for k, (x, _y) in spots.items())
            bottom = max(y + block_sizes.get(k, DEFAULT_SIZE)[1] for k, (_x, y) in spots.items())
            width = max(right + 2 * FRAME_SIDE, frame_widths.get(container, 0.0) + 2 * SLACK)
            block_sizes[GROUP_PREFIX + container] = (width, bottom + FRAME_TOP + FRAME_SIDE)
            out = {n: (round(x + FRAME_SIDE, 1), round(y + FRAME_TOP, 1))
                   for n, (x, y) in out.items()}
        return out

    laid = place(None)
    return {n: (round(x + origin[0], 1), round(y + origin[1], 1)) for n, (x, y) in laid.items()}


def _place(nodes: list[str], ups: dict[str, list[str]],
           edges: list[tuple[str, str, str, str]], sizes: dict[str, Size],
           origin: tuple[float, float], ports: dict[str, Ports]
           ) -> dict[str, tuple[float, float]]:
    """The layered layout of one graph (see the module docstring)."""
    if not nodes:
        return {}
    rows = _order(nodes, ups, _layers(nodes, ups))
    default = DEFAULT_SIZE
    height = {n: sizes.get(n, default)[1] for n in nodes}

    def in_off(n: str, name: str) -> float:
        return ports.get(n, ({}, {}))[0].get(name, height[n] / 2)

    def out_off(n: str, name: str) -> float:
        return ports.get(n, ({}, {}))[1].get(name, height[n] / 2)

    incoming: dict[str, list[tuple[str, str, str]]] = {n: [] for n in nodes}
    outgoing: dict[str, list[tuple[str, str, str]]] = {n: [] for n in nodes}
    for src, out_name, dst, in_name in edges:
        incoming[dst].append((src, out_name, in_name))
        outgoing[src].append((dst, out_name, in_name))
    # Columns left to right: each node goes where its inputs' wires would run straight
    # (the median), then the column is unstacked; sources then align with their consumers.
    y: dict[str, float] = {}
    stacked = 0.0
    for n in rows[0]:
        y[n] = stacked
        stacked += height[n] + V_GAP
    for row in rows[1:]:
        fallback = 0.0
        for n in row:
            wants = sorted(y[s] + out_off(s, o) - in_off(n, i)
                           for s, o, i in incoming[n] if s in y)
            y[n] = (wants[len(wants) // 2] if len(wants) % 2 else
                    (wants[len(wants) // 2 - 1] + wants[len(wants) // 2]) / 2) \
                if wants else fallback
            fallback = y[n] + height[n] + V_GAP
        _stack(row, y, height)
    for row in reversed(rows):
        moved = False
        for n in row:
            if incoming[n] or not outgoing[n]:
                continue
            wants = sorted(y[d] + in_off(d, i) - out_off(n, o) for d, o, i in outgoing[n])
            y[n] = wants[(len(wants) - 1) // 2]
            moved = True
        if moved:
            row.sort(key=lambda n: y[n])
            _stack(row, y, height)
    top = min(y.values())
    out: dict[str, tuple[float, float]] = {}
    x = origin[0]
    for row in rows:
        width = 0.0
        for n in row:
            out[n] = (round(x, 1), round(origin[1] + y[n] - top, 1))
            width = max(width, sizes.get(n, default)[0])
        if row:
            x += width + H_GAP
    return out

"""The SOP AP flowchart as SVG, drawn by our own code.

The SOP AP format draws the flow inside the procedure table: one column per actor, one row per
step, the standard's five symbols (terminator, process, decision, flow line, off-page connector),
rows that never split across pages. Diagram libraries (graphviz, mermaid) place nodes where their
layout algorithm likes and need JavaScript or a binary; here each symbol's place is fixed by its
row and its actor column, so the geometry is a few lines of arithmetic and the same SVG serves the
web page and the PDF (WeasyPrint). All lengths are millimetres (the SVG user unit).

Routing: a forward flow leaves a symbol at its bottom, turns in the gap above the next row's
symbol and enters it from the top (orthogonal lines between the actor columns). A return leaves a
decision at its side ("Tidak"), climbs a channel along the edge of an actor column and enters
the target step from the side. An edge between two pages goes through a numbered pair of off-page
connectors: one in a band under the last row of a page, its twin in a band over the first row of
the page where the flow continues. A decision whose "Tidak" ends the procedure (Step.ends_if_not) leaves
by a side free of its returns to a Selesai terminator of its own in the same row: in the neighbouring
column, below the line's level; in a chart of one column, below the decision beside the forward line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING

from .measure import clamp, wrap

if TYPE_CHECKING:
    from kinerja.sop.models import SopVersion

FONT = "DejaVu Sans, Verdana, sans-serif"
INK = "#000"
GRID = "#000"
GRID_WIDTH = 0.2
LINE_WIDTH = 0.3
ARROW = 1.6  # arrowhead length
# Total width of the actor columns, and the widest one column may be (4 actors leave Uraian Prosedur room).
FLOW_WIDTH = 128.0
COLUMN_MAX = 26.0
SINGLE_COLUMN = 40.0
PROCESS_H = 7.0
DECISION_H = 10.0
TERMINATOR_H = 6.0
TERMINATOR_BAND = 10.0  # extra height of the first and last rows, where Mulai and Selesai sit
END_EXTRA = 7.0  # extra height of a row whose decision's "Tidak" ends the procedure at a Selesai of its own
PROCESS_ROW = 14.0
DECISION_ROW = 17.0
CONNECTOR_BAND = 9.0
CONNECTOR_W = 5.0
CONNECTOR_H = 5.5
LABEL_SIZE = 2.2
NUMBER_SIZE = 2.4
# The standalone SVG (web page, `sop render --format svg`) adds the actor names and the step numbers.
HEADER_H = 11.0
HEADER_SIZE = 2.5
NUMBER_W = 8.0
PAGE_GAP = 8.0

START, END = "start", "end"
STOP = "stop"  # the Selesai a decision's "Tidak" ends at, before the last step
YES, NO = "Ya", "Tidak"  # SOP AP format words, not translated
BEGIN_LABEL, END_LABEL = "Mulai", "Selesai"


@dataclass(frozen=True)
class FlowStep:
    number: int
    actor: int  # index of the actor column
    returns_to: tuple[int, ...]  # indexes of the steps the work goes back to
    branch_to: int | None = None  # index of the later step a "Tidak" goes on to (skipping those between)
    label: str = ""  # the number as the document prints it ("3.1"), when not `number`
    ends: bool = False  # its "Tidak" ends the procedure (a Selesai of its own)

    @property
    def display_number(self) -> str:
        return self.label or str(self.number)

    @property
    def no_targets(self) -> tuple[int, ...]:
        """Where the decision's "Tidak" lines go: back (returns) or ahead (a branch); drawn alike."""
        return self.returns_to if self.branch_to is None else (*self.returns_to, self.branch_to)

    @property
    def is_decision(self) -> bool:
        return bool(self.no_targets) or self.ends


@dataclass(frozen=True)
class Flow:
    """What the flowchart needs of a version: the actor columns and, per step, its column and returns."""

    actors: tuple[str, ...]
    steps: tuple[FlowStep, ...]

    def edges(self) -> list[tuple[int | str, int | str, str]]:
        """Every flow line as (from, to, kind): start, the steps in order, end, the returns (and branches),
        and the "Tidak" lines that end the procedure (to STOP, kind "end")."""
        n = len(self.steps)
        found: list[tuple[int | str, int | str, str]] = [(START, 0, "forward")] if n else []
        found += [(i, i + 1, "forward") for i in range(n - 1)]
        found += [(n - 1, END, "forward")] if n else []
        found += [(i, t, "return") for i, s in enumerate(self.steps) for t in s.no_targets]
        found += [(i, STOP, "end") for i, s in enumerate(self.steps) if s.ends]
        return found


def flow_of(version: SopVersion) -> Flow:
    actors = list(version.actors.order_by("order"))
    column = {a.pk: i for i, a in enumerate(actors)}
    steps = list(version.steps.order_by("number").prefetch_related("returns_to"))
    index = {s.pk: i for i, s in enumerate(steps)}
    return Flow(
        actors=tuple(a.name for a in actors),
        steps=tuple(FlowStep(number=s.number, label=s.label, actor=column[s.actor_id],
                             returns_to=tuple(sorted(index[r.pk] for r in s.returns_to.all() if r.pk in index)),
                             branch_to=index.get(s.branch_to_id) if s.branch_to_id else None,
                             ends=s.ends_if_not)
                    for s in steps))


@lru_cache(maxsize=16)
def channel_slots(flow: Flow) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """For every return (step, target): the column boundary its channel runs along, on which side of that
    boundary (-1 left, +1 right), the side of the decision it leaves by, and its slot (0 nearest the line).

    A return to another column climbs inside the decision's column, on the side facing the target. A
    return within one column climbs just outside it (in the neighbour's margin), so the arrow into the
    target's side has room. Returns whose step ranges overlap get different slots of a channel, for the
    whole chart at once, so both pages of a return that crosses a page use the same channel."""
    last = len(flow.actors) - 1
    found: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    taken: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    returns = sorted(((i, t) for i, s in enumerate(flow.steps) for t in s.no_targets),
                     key=lambda e: (min(e), max(e)))
    for i, t in returns:
        source, dest = flow.steps[i].actor, flow.steps[t].actor
        if dest < source:
            boundary, inside, side = source, 1, -1
        elif dest > source or last == 0:  # (a single column has no neighbour to borrow)
            boundary, inside, side = source + 1, -1, 1
        elif source < last and not (t > i and source > 0):
            boundary, inside, side = source + 1, 1, 1
        else:
            # (Also a "Tidak" that skips ahead within one column: it runs down the left, so it does not
            # meet a decision below whose return leaves by the right.)
            boundary, inside, side = source, -1, -1
        low, high = min(i, t), max(i, t)
        used = taken.setdefault((boundary, inside), [])
        slot = 0
        while any(s == slot and a <= high and low <= b for a, b, s in used):
            slot += 1
        used.append((low, high, slot))
        found[(i, t)] = (boundary, inside, side, slot)
    return found


def column_width(actor_count: int) -> float:
    if actor_count <= 1:
        # A lone column has no neighbour to lend the "Tidak" label room beside a decision.
        return SINGLE_COLUMN
    return min(COLUMN_MAX, FLOW_WIDTH / actor_count)


def min_row_height(flow: Flow, i: int) -> float:
    """The least height of step row `i` that holds its symbol, its labels and any terminator."""
    height = DECISION_ROW if flow.steps[i].is_decision else PROCESS_ROW
    if i == 0:
        height += TERMINATOR_BAND
    if i == len(flow.steps) - 1:
        height += TERMINATOR_BAND
    if flow.steps[i].ends:
        height += END_EXTRA + (2.0 if len(flow.actors) == 1 else 0.0)  # one column: the Selesai under it
    return height


def default_heights(flow: Flow) -> list[float]:
    return [min_row_height(flow, i) for i in range(len(flow.steps))]


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _text(x: float, y: float, text: str, size: float, *, anchor: str = "middle", weight: str = "normal",
          cls: str = "label") -> str:
    return (f'<text class="{cls}" x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{INK}">{escape(text)}</text>')


@dataclass
class Symbol:
    cx: float
    cy: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.cy - self.h / 2

    @property
    def bottom(self) -> float:
        return self.cy + self.h / 2

    def side(self, direction: float) -> tuple[float, float]:
        return (self.cx + (self.w / 2 if direction > 0 else -self.w / 2), self.cy)


@dataclass
class _Page:
    """Coordinates of one page of the chart, offset by (ox, oy) inside the SVG."""

    flow: Flow
    rows: range
    heights: list[float]
    col_w: float
    ox: float
    oy: float
    out: list[str] = field(default_factory=list)
    # Where each crossing edge's connector goes (plan_connectors), and how wide a band's connectors are
    planned: dict[tuple[str, tuple[int, int]], float] = field(default_factory=dict)
    connector_w: dict[str, float] = field(default_factory=lambda: {"top": CONNECTOR_W, "bottom": CONNECTOR_W})
    band_jogs: dict[str, int] = field(default_factory=lambda: {"top": 0, "bottom": 0})

    @property
    def has_top_band(self) -> bool:
        return self.rows.start > 0

    @property
    def has_bottom_band(self) -> bool:
        return self.rows.stop < len(self.flow.steps)

    @property
    def width(self) -> float:
        return self.col_w * len(self.flow.actors)

    @property
    def height(self) -> float:
        return (sum(self.heights[i] for i in self.rows) + CONNECTOR_BAND * self.has_top_band
                + CONNECTOR_BAND * self.has_bottom_band)

    def row_top(self, i: int) -> float:
        y = self.oy + CONNECTOR_BAND * self.has_top_band
        return y + sum(self.heights[j] for j in range(self.rows.start, i))

    def rows_bottom(self) -> float:
        return self.row_top(self.rows.stop)

    def column_x(self, actor: int) -> float:
        return self.ox + (actor + 0.5) * self.col_w

    def symbol(self, i: int) -> Symbol:
        step = self.flow.steps[i]
        top = self.row_top(i) + (TERMINATOR_BAND if i == 0 else 0)
        bottom = self.row_top(i) + self.heights[i] - (TERMINATOR_BAND if i == len(self.flow.steps) - 1 else 0)
        if step.is_decision:
            w, h = min(self.col_w - 5, 18.0), DECISION_H
        else:
            w, h = min(self.col_w - 6, 22.0), PROCESS_H
        return Symbol(self.column_x(step.actor), (top + bottom) / 2, w, h)

    def terminator(self, which: str) -> Symbol:
        w = min(self.col_w - 3, 20.0)
        if which == START:
            return Symbol(self.column_x(self.flow.steps[0].actor), self.row_top(0) + TERMINATOR_BAND / 2 + 0.5,
                          w, TERMINATOR_H)
        last = len(self.flow.steps) - 1
        return Symbol(self.column_x(self.flow.steps[last].actor),
                      self.row_top(last) + self.heights[last] - TERMINATOR_BAND / 2 - 0.5, w, TERMINATOR_H)

    def stop(self, i: int) -> tuple[Symbol, list[tuple[float, float]], int]:
        """Where the "Tidak" of decision `i` that ends the procedure goes: its Selesai terminator, the line
        to it, and the side of the decision it leaves by. It leaves by a side no return or branch of the
        step leaves or enters by, into the neighbouring column on that side, and turns down into the
        terminator there, which sits below the line (its "Tidak" label stays clear). Alone in one column, it
        turns down beside the decision, left of the forward line, inside the channels' margin."""
        d = self.symbol(i)
        widest = max(min(self.col_w - 5, 18.0), min(self.col_w - 6, 22.0))
        if len(self.flow.actors) == 1:
            margin = (self.col_w - widest) / 2
            w = min(widest / 2 - 1.0, 10.0)
            t = Symbol(d.cx - 1.0 - w / 2, d.bottom + 1.0 + TERMINATOR_H / 2, w, TERMINATOR_H)
            x = max(t.cx - w / 2 + 1.2, self.column_x(0) - self.col_w / 2 + margin + 0.2)
            x = min(x, d.cx - d.w / 2 - 0.8)
            exit_point = d.side(-1)
            return t, [exit_point, (x, d.cy), (x, t.top)], -1
        used = self._sides_used(i)
        actor, last = self.flow.steps[i].actor, len(self.flow.actors) - 1
        sides = [side for side in (1, -1) if 0 <= actor + side <= last]
        side = next((side for side in sides if side not in used), sides[0])
        cx = self.column_x(actor + side)
        # Below the label a return that leaves by the same side (when no other side is free) writes under
        # its line.
        t = Symbol(cx, d.cy + 3.4 + TERMINATOR_H / 2, widest, TERMINATOR_H)
        exit_point = d.side(side)
        return t, [exit_point, (cx, d.cy), (cx, t.top)], side

    def _sides_used(self, i: int) -> set[int]:
        """The sides of decision `i` its own returns and branches leave by, and those that arrive at it."""
        used = {self.channel(i, target)[1] for target in self.flow.steps[i].no_targets}
        cx = self.column_x(self.flow.steps[i].actor)
        for d, step in enumerate(self.flow.steps):
            if i in step.no_targets:
                used.add(1 if self.channel(d, i)[0] > cx else -1)
        return used

    def channel(self, i: int, target: int) -> tuple[float, int]:
        """x of the vertical channel the return from step i to `target` climbs, and the side of the
        decision it leaves by (-1 left, +1 right)."""
        boundary, inside, side, slot = channel_slots(self.flow)[(i, target)]
        # A channel stays in the margin that any symbol of the column leaves free.
        widest = max(min(self.col_w - 5, 18.0), min(self.col_w - 6, 22.0))
        offset = min(0.8 + 0.8 * slot, (self.col_w - widest) / 2 - 0.3)
        return self.ox + boundary * self.col_w + inside * offset, side

    def band_y(self, band: str) -> float:
        """Top of the connector symbol in the top or bottom band."""
        top = self.oy if band == "top" else self.rows_bottom()
        return top + (CONNECTOR_BAND - CONNECTOR_H) / 2

    def plan_connectors(self, page_of: list[int]) -> None:
        """Place every connector of the page's two bands at once, each as near its line as the others
        allow: in order of where their lines come from, at least a connector and a margin apart, moved
        left from the band's right end when they run out of room. When a band has more connectors than
        fit side by side, they are spaced evenly and drawn narrower so none overlaps another."""
        flow, here, n = self.flow, page_of[self.rows.start], len(self.flow.steps)
        wants: dict[str, list[tuple[float, tuple[int, int]]]] = {"top": [], "bottom": []}
        if self.has_top_band:
            first = self.rows.start
            wants["top"].append((self.symbol(first).cx, (first - 1, first)))
        for i in self.rows:
            if i + 1 < n and page_of[i + 1] != here:
                wants["bottom"].append((self.symbol(i).cx, (i, i + 1)))
            for target in flow.steps[i].no_targets:
                if page_of[target] != here:
                    band = "top" if page_of[target] < here else "bottom"
                    wants[band].append((self.channel(i, target)[0], (i, target)))
        for d, step in enumerate(flow.steps):
            for target in step.no_targets:
                if page_of[target] == here and page_of[d] != here:
                    band = "bottom" if page_of[target] < page_of[d] else "top"
                    wants[band].append((self.channel(d, target)[0], (d, target)))
        low, high = self.ox + CONNECTOR_W / 2 + 0.3, self.ox + self.width - CONNECTOR_W / 2 - 0.3
        for band, items in wants.items():
            items.sort()
            gap = CONNECTOR_W + 1.0
            if len(items) > 1 and (len(items) - 1) * gap > high - low:
                gap = (high - low) / (len(items) - 1)
                self.connector_w[band] = min(CONNECTOR_W, gap - 0.05)
            xs: list[float] = []
            for want, _key in items:
                xs.append(max(want, low, xs[-1] + gap) if xs else max(want, low))
            for k in range(len(xs) - 1, -1, -1):
                xs[k] = min(xs[k], high - (len(xs) - 1 - k) * gap)
            for x, (_want, key) in zip(xs, items, strict=True):
                self.planned[(band, key)] = x

    def place_connector(self, band: str, key: tuple[int, int]) -> float:
        """The x of the connector of edge `key` in the band, as plan_connectors placed it."""
        return self.planned[(band, key)]

    def jog_y(self, band: str) -> float:
        """A level between the band's edge and its connectors where a return's line turns towards a
        connector that could not sit on its channel; each such line of the band gets its own level."""
        k = self.band_jogs[band]
        self.band_jogs[band] = k + 1
        depth = min(0.5 + 0.4 * k, (CONNECTOR_BAND - CONNECTOR_H) / 2 - 0.2)
        if band == "top":
            return self.oy + CONNECTOR_BAND - depth
        return self.rows_bottom() + depth


def _arrow(edge: str, points: list[tuple[float, float]], kind: str) -> str:
    """A flow line with an arrowhead at its last point; the line stops at the head's base."""
    (x1, y1), (x2, y2) = points[-2], points[-1]
    length = max(abs(x2 - x1), abs(y2 - y1)) or 1.0
    dx, dy = (x2 - x1) / length, (y2 - y1) / length
    base = (x2 - dx * ARROW, y2 - dy * ARROW)
    px, py = -dy * ARROW * 0.38, dx * ARROW * 0.38
    head = [(x2, y2), (base[0] + px, base[1] + py), (base[0] - px, base[1] - py)]
    line = [*points[:-1], base]
    return (f'<g class="flow {kind}" data-edge="{edge}">'
            f'<polyline points="{_points(line)}" fill="none" stroke="{INK}" stroke-width="{LINE_WIDTH}"/>'
            f'<polygon class="arrowhead" points="{_points(head)}" fill="{INK}"/></g>')


def _process(s: Symbol, step: FlowStep) -> str:
    return (f'<g class="symbol process" data-step="{step.number}">'
            f'<rect x="{_n(s.cx - s.w / 2)}" y="{_n(s.top)}" width="{_n(s.w)}" height="{_n(s.h)}" fill="#fff" '
            f'stroke="{INK}" stroke-width="{LINE_WIDTH}"/>'
            f'{_text(s.cx, s.cy + NUMBER_SIZE * 0.36, step.display_number, NUMBER_SIZE)}</g>')


def _decision(s: Symbol, step: FlowStep) -> str:
    corners = [(s.cx, s.top), (s.cx + s.w / 2, s.cy), (s.cx, s.bottom), (s.cx - s.w / 2, s.cy)]
    return (f'<g class="symbol decision" data-step="{step.number}">'
            f'<polygon points="{_points(corners)}" fill="#fff" stroke="{INK}" stroke-width="{LINE_WIDTH}"/>'
            f'{_text(s.cx, s.cy + NUMBER_SIZE * 0.36, step.display_number, NUMBER_SIZE)}</g>')


def _terminator(s: Symbol, label: str, which: str) -> str:
    return (f'<g class="symbol terminator" data-terminator="{which}">'
            f'<rect x="{_n(s.cx - s.w / 2)}" y="{_n(s.top)}" width="{_n(s.w)}" height="{_n(s.h)}" '
            f'rx="{_n(s.h / 2)}" ry="{_n(s.h / 2)}" fill="#fff" stroke="{INK}" stroke-width="{LINE_WIDTH}"/>'
            f'{_text(s.cx, s.cy + LABEL_SIZE * 0.36, label, LABEL_SIZE)}</g>')


def _connector(x: float, top: float, number: int, w: float = CONNECTOR_W) -> str:
    h = CONNECTOR_H
    shape = [(x - w / 2, top), (x + w / 2, top), (x + w / 2, top + h * 0.62), (x, top + h), (x - w / 2, top + h * 0.62)]
    return (f'<g class="symbol connector" data-connector="{number}">'
            f'<polygon points="{_points(shape)}" fill="#fff" stroke="{INK}" stroke-width="{LINE_WIDTH}"/>'
            f'{_text(x, top + h * 0.36 + LABEL_SIZE * 0.36, str(number), LABEL_SIZE)}</g>')


def _edge_name(src: int | str, dst: int | str, flow: Flow) -> str:
    def name(v: int | str) -> str:
        return v if isinstance(v, str) else str(flow.steps[v].number)

    return f"{name(src)}-{name(dst)}"


def _draw_grid(page: _Page, frame: bool) -> None:
    """The table lines of the actor columns: column borders and the bottom of every row and band."""
    top, bottom, right = page.oy, page.oy + page.height, page.ox + page.width
    half = GRID_WIDTH / 2
    lines: list[tuple[float, float, float, float]] = []
    for k in range(1, len(page.flow.actors) + 1):
        x = page.ox + k * page.col_w - half
        lines.append((x, top, x, bottom))
    ys = [page.row_top(i) + page.heights[i] for i in page.rows]
    if page.has_top_band:
        ys.append(page.oy + CONNECTOR_BAND)
    if page.has_bottom_band:
        ys.append(bottom)
    lines += [(page.ox, y - half, right, y - half) for y in ys]
    if frame:
        lines += [(page.ox + half, top, page.ox + half, bottom), (page.ox, top + half, right, top + half)]
    page.out.append('<g class="grid">' + "".join(
        f'<line x1="{_n(a)}" y1="{_n(b)}" x2="{_n(c)}" y2="{_n(d)}" stroke="{GRID}" stroke-width="{GRID_WIDTH}"/>'
        for a, b, c, d in lines) + "</g>")


def _draw_page(page: _Page, numbers: dict[tuple[int | str, int | str], int], page_of: list[int],
               frame: bool) -> None:
    flow, out = page.flow, page.out
    n = len(flow.steps)
    here = page_of[page.rows.start] if n else 0
    _draw_grid(page, frame)
    page.plan_connectors(page_of)
    # The forward flow arriving from the previous page.
    if page.has_top_band:
        first = page.rows.start
        s = page.symbol(first)
        number = numbers[(first - 1, first)]
        x = page.place_connector("top", (first - 1, first))
        top = page.band_y("top")
        out.append(_connector(x, top, number, page.connector_w["top"]))
        out.append(_arrow(_edge_name(first - 1, first, flow), [(x, top + CONNECTOR_H), (s.cx, s.top)]
                          if x == s.cx else [(x, top + CONNECTOR_H), (x, s.top - 1.5), (s.cx, s.top - 1.5), (s.cx, s.top)],
                          "forward"))
    for i in page.rows:
        step = flow.steps[i]
        s = page.symbol(i)
        out.append(_decision(s, step) if step.is_decision else _process(s, step))
        if i == 0:
            t = page.terminator(START)
            out.append(_terminator(t, BEGIN_LABEL, START))
            out.append(_arrow(_edge_name(START, 0, flow), [(t.cx, t.bottom), (s.cx, s.top)], "forward"))
        if i == n - 1:
            t = page.terminator(END)
            out.append(_terminator(t, END_LABEL, END))
            out.append(_arrow(_edge_name(i, END, flow), [(s.cx, s.bottom), (t.cx, t.top)], "forward"))
        if step.is_decision:
            out.append(_text(s.cx + 0.8, s.bottom + LABEL_SIZE + 0.2, YES, LABEL_SIZE, anchor="start"))
        if step.ends:
            _draw_stop(page, i)
        if i + 1 < n:
            _draw_forward(page, i, numbers, page_of)
        for target in step.no_targets:
            _draw_return(page, i, target, numbers, page_of)
    # Returns arriving from other pages, into this page's rows.
    for d, dstep in enumerate(flow.steps):
        for target in dstep.no_targets:
            if page_of[target] == here and page_of[d] != here:
                _draw_return_arrival(page, d, target, numbers, page_of)


def _draw_stop(page: _Page, i: int) -> None:
    """The "Tidak" that ends the procedure at decision `i`: its line, its label and its Selesai."""
    t, points, side = page.stop(i)
    x, y = points[0]
    if len(page.flow.actors) == 1:
        page.out.append(_text(points[1][0] - 0.5, y - 0.8, NO, LABEL_SIZE, anchor="end"))
    elif side not in page._sides_used(i):  # (else the line shares its start with one labelled "Tidak" already)
        page.out.append(_text(x + side * 0.5, y - 0.8, NO, LABEL_SIZE, anchor="start" if side > 0 else "end"))
    page.out.append(_arrow(_edge_name(i, STOP, page.flow), points, "end"))
    page.out.append(_terminator(t, END_LABEL, STOP))


def _draw_forward(page: _Page, i: int, numbers: dict[tuple[int | str, int | str], int], page_of: list[int]) -> None:
    flow = page.flow
    a = page.symbol(i)
    name = _edge_name(i, i + 1, flow)
    if page_of[i + 1] != page_of[i]:
        x = page.place_connector("bottom", (i, i + 1))
        top = page.band_y("bottom")
        page.out.append(_connector(x, top, numbers[(i, i + 1)], page.connector_w["bottom"]))
        points = ([(a.cx, a.bottom), (x, top)] if x == a.cx
                  else [(a.cx, a.bottom), (a.cx, top - 1.5), (x, top - 1.5), (x, top)])
        page.out.append(_arrow(name, points, "forward"))
        return
    b = page.symbol(i + 1)
    if abs(a.cx - b.cx) < 0.01:
        page.out.append(_arrow(name, [(a.cx, a.bottom), (b.cx, b.top)], "forward"))
        return
    turn = page.row_top(i + 1) + (b.top - page.row_top(i + 1)) / 2
    page.out.append(_arrow(name, [(a.cx, a.bottom), (a.cx, turn), (b.cx, turn), (b.cx, b.top)], "forward"))


def _draw_return(page: _Page, i: int, target: int, numbers: dict[tuple[int | str, int | str], int],
                 page_of: list[int]) -> None:
    flow = page.flow
    d = page.symbol(i)
    ch, side = page.channel(i, target)
    exit_point = d.side(side)
    # The label sits on the side of the exit line the channel does not climb, so no line crosses it.
    upwards = page_of[target] < page_of[i] or (page_of[target] == page_of[i] and target <= i)
    label_y = d.cy + LABEL_SIZE + 0.4 if upwards else d.cy - 0.8
    page.out.append(_text(exit_point[0] + side * 0.5, label_y, NO, LABEL_SIZE, anchor="start" if side > 0 else "end"))
    name = _edge_name(i, target, flow)
    if target == i:
        # Back to itself (the step is done again): out by its side, up, and into the line coming down into
        # its top, which the loop joins between the row's top and the symbol.
        join = d.top - (d.top - page.row_top(i)) / 4
        page.out.append(_arrow(name, [exit_point, (ch, d.cy), (ch, join), (d.cx, join)], "return"))
        return
    if page_of[target] == page_of[i]:
        t = page.symbol(target)
        entry = t.side(1 if ch > t.cx else -1)
        page.out.append(_arrow(name, [exit_point, (ch, d.cy), (ch, t.cy), entry], "return"))
        return
    band = "top" if page_of[target] < page_of[i] else "bottom"
    x = page.place_connector(band, (i, target))
    top = page.band_y(band)
    page.out.append(_connector(x, top, numbers[(i, target)], page.connector_w[band]))
    end_y = top + CONNECTOR_H if band == "top" else top
    if x == ch:
        points = [exit_point, (ch, d.cy), (ch, end_y)]
    else:
        jog = page.jog_y(band)
        points = [exit_point, (ch, d.cy), (ch, jog), (x, jog), (x, end_y)]
    page.out.append(_arrow(name, points, "return"))


def _draw_return_arrival(page: _Page, i: int, target: int, numbers: dict[tuple[int | str, int | str], int],
                         page_of: list[int]) -> None:
    """The part of a return that continues on the target's page: from its connector to the target."""
    t = page.symbol(target)
    band = "bottom" if page_of[target] < page_of[i] else "top"
    ch, _side = page.channel(i, target)
    x = page.place_connector(band, (i, target))
    top = page.band_y(band)
    page.out.append(_connector(x, top, numbers[(i, target)], page.connector_w[band]))
    start_y = top if band == "bottom" else top + CONNECTOR_H
    entry = t.side(1 if ch > t.cx else -1)
    if x == ch:
        points = [(x, start_y), (ch, t.cy), entry]
    else:
        jog = page.jog_y(band)
        points = [(x, start_y), (x, jog), (ch, jog), (ch, t.cy), entry]
    page.out.append(_arrow(_edge_name(i, target, page.flow), points, "return"))


def _pagination(flow: Flow, page_rows: list[range] | None) -> tuple[list[range], list[int],
                                                                     dict[tuple[int | str, int | str], int]]:
    n = len(flow.steps)
    pages = page_rows or [range(0, n)]
    if [i for r in pages for i in r] != list(range(n)):
        raise ValueError("page_rows must cover the steps in order, each once")
    page_of = [p for p, r in enumerate(pages) for _ in r]
    numbers: dict[tuple[int | str, int | str], int] = {}
    crossing = [(src, dst) for src, dst, _kind in flow.edges()
                if isinstance(src, int) and isinstance(dst, int) and page_of[src] != page_of[dst]]
    for src, dst in sorted(crossing, key=lambda e: (min(page_of[e[0]], page_of[e[1]]), e[0], e[1])):
        numbers[(src, dst)] = len(numbers) + 1
    return pages, page_of, numbers


def _svg(width: float, height: float, body: str, label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" role="img" aria-label="{escape(label)}" '
            f'width="{_n(width)}mm" height="{_n(height)}mm" viewBox="0 0 {_n(width)} {_n(height)}" '
            f'font-family="{FONT}">{body}</svg>')


def page_svgs(flow: Flow, pages: list[range], heights: list[float], col_w: float, label: str) -> list[str]:
    """One SVG per page for the sheet: exactly the actor columns of that page's rows and bands."""
    pages, page_of, numbers = _pagination(flow, pages)
    found = []
    for rows in pages:
        page = _Page(flow, rows, heights, col_w, 0.0, 0.0)
        _draw_page(page, numbers, page_of, frame=False)
        found.append(_svg(page.width, page.height, "".join(page.out), label))
    return found


def _header(flow: Flow, col_w: float, oy: float) -> str:
    parts = [f'<rect x="0" y="{_n(oy)}" width="{_n(NUMBER_W + col_w * len(flow.actors))}" height="{_n(HEADER_H)}" '
             f'fill="#f2f2f2" stroke="{GRID}" stroke-width="{GRID_WIDTH}"/>',
             _text(NUMBER_W / 2, oy + HEADER_H / 2 + HEADER_SIZE * 0.36, "No.", HEADER_SIZE, weight="bold",
                   cls="heading")]
    for k, name in enumerate(flow.actors):
        width = col_w - 1.2
        lines = clamp(wrap(name, width, HEADER_SIZE), 3, width, HEADER_SIZE)
        first = oy + HEADER_H / 2 - (len(lines) - 1) * HEADER_SIZE * 0.6 + HEADER_SIZE * 0.36
        x = NUMBER_W + (k + 0.5) * col_w
        parts += [_text(x, first + j * HEADER_SIZE * 1.2, line, HEADER_SIZE, weight="bold", cls="heading")
                  for j, line in enumerate(lines)]
        parts.append(f'<line x1="{_n(NUMBER_W + k * col_w)}" y1="{_n(oy)}" x2="{_n(NUMBER_W + k * col_w)}" '
                     f'y2="{_n(oy + HEADER_H)}" stroke="{GRID}" stroke-width="{GRID_WIDTH}"/>')
    return "".join(parts)


def render_svg(version: SopVersion, *, page_rows: list[range] | None = None) -> str:
    """The version's flowchart as one standalone SVG with the actor names and step numbers.

    With `page_rows` (step indexes per page, in order) the pages are stacked one under another, joined
    by numbered off-page connectors, as they print on the sheet."""
    return render_flow(flow_of(version), page_rows=page_rows, label=str(version))


def render_flow(flow: Flow, *, page_rows: list[range] | None = None, label: str = "") -> str:
    pages, page_of, numbers = _pagination(flow, page_rows)
    col_w = column_width(len(flow.actors))
    heights = default_heights(flow)
    body: list[str] = []
    y = 0.0
    for p, rows in enumerate(pages):
        if p:
            y += PAGE_GAP
        body.append(_header(flow, col_w, y))
        y += HEADER_H
        page = _Page(flow, rows, heights, col_w, NUMBER_W, y)
        _draw_page(page, numbers, page_of, frame=True)
        body.append(f'<rect x="0" y="{_n(y)}" width="{_n(NUMBER_W)}" height="{_n(page.height)}" fill="none" '
                    f'stroke="{GRID}" stroke-width="{GRID_WIDTH}"/>')
        for i in rows:
            body.append(_text(NUMBER_W / 2, page.symbol(i).cy + NUMBER_SIZE * 0.36, flow.steps[i].display_number,
                              NUMBER_SIZE, cls="number"))
        body += page.out
        y += page.height
    return _svg(NUMBER_W + col_w * len(flow.actors), y, "".join(body), label)


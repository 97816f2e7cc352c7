"""The command line's plain-text tables (`kinerja sop plan`, `kinerja sop compliance`): each column as wide as
its longest cell, header included. Fixed widths cut an office's actor names ("Kepala Bidang Pelaya") and
slid the values away from the Indonesian headers, which are longer than the English ones."""

from __future__ import annotations

from collections.abc import Collection, Sequence


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Collection[int] = ()) -> list[str]:
    """The lines of a table; the columns numbered in `right` (from 0) are aligned to the right."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.rjust(width) if i in right else cell.ljust(width)
                         for i, (cell, width) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return [line(header), *(line(row) for row in rows)]

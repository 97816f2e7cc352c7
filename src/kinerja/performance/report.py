"""The compiled Data Kinerja report: what one office achieved in one year (or quarter), as plain data.

`build_report()` reads the performance models once (a fixed number of queries, whatever the number of
indicators) into `ReportData`; the renderers (PDF, XLSX, DOCX), the charts, the dashboard and the JSON of
`kinerja data report` all draw from that one structure, so they can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

Value = Decimal | str | None


@dataclass
class YearValue:
    """One earlier year of an indicator, for the comparison with previous years."""

    year: int
    target: Value
    actual: Value
    achievement: Decimal | None


@dataclass
class IndicatorRow:
    code: str
    objective: str
    name: str
    unit: str
    negative: bool  # lower is better
    target: Value
    actual: Value
    achievement: Decimal | None  # rounded half up to 2 places; None for text or zero/missing target
    predicate: str | None
    # Text targets are met or not; numbers get a percentage instead.
    met: bool | None = None
    # Why there is no achievement ("target nol", "belum ada realisasi"), or other remarks.
    note: str = ""
    division: str = ""
    obstacles: str = ""
    solutions: str = ""
    history: list[YearValue] = field(default_factory=list)
    strategic_target: Value = None
    progress: Decimal | None = None  # actual against the Renstra end-of-period target
    national_standard: Value = None

    @property
    def is_text(self) -> bool:
        return isinstance(self.target, str)

    @property
    def previous(self) -> YearValue | None:
        """The latest earlier year with a value, for "naik dari 85,00% pada 2024"."""
        for past in reversed(self.history):
            if past.achievement is not None or past.actual is not None:
                return past
        return None


@dataclass
class ObjectiveRow:
    number: int
    name: str
    indicators: list[IndicatorRow]
    achievement: Decimal | None  # average of its indicators that have one
    predicate: str | None


@dataclass
class BudgetRow:
    program: str
    budget: Decimal
    spent: Decimal
    absorption: Decimal | None  # spent ÷ budget × 100
    achievement: Decimal | None  # of the objective(s) the program serves
    efficiency: Decimal | None  # achievement − absorption
    efficient: bool | None
    activities: list[BudgetRow] = field(default_factory=list)


@dataclass
class Approver:
    """A box in the approval block: the position as the office names it and its holder that day."""

    key: str  # subsection_head | secretary | head
    position: str
    name: str = ""
    nip: str = ""
    acting: str = ""  # "Plt." / "Plh."


@dataclass
class ReportData:
    office_code: str
    office_name: str
    city: str
    letterhead: list[str]
    year: int
    quarter: int | None
    objectives: list[ObjectiveRow]
    budget: list[BudgetRow]
    initials: list[Approver]
    signer: Approver | None
    made_on: dt.date
    history_years: list[int] = field(default_factory=list)
    is_demo: bool = False

    @property
    def indicators(self) -> list[IndicatorRow]:
        return [i for o in self.objectives for i in o.indicators]

    @property
    def period(self) -> str:
        """The period as the document names it (Indonesian: it is printed data, not UI)."""
        return f"Triwulan {self.quarter} Tahun {self.year}" if self.quarter else f"Tahun {self.year}"

    def to_json(self) -> dict[str, Any]:
        """Numbers as JSON numbers, text targets as strings, achievement null where there is none."""
        return {
            "office": self.office_code,
            "office_name": self.office_name,
            "year": self.year,
            "quarter": self.quarter,
            "objectives": [{"number": o.number, "name": o.name, "achievement": _num(o.achievement),
                            "predicate": o.predicate} for o in self.objectives],
            "indicators": [{
                "code": i.code, "objective": i.objective, "name": i.name, "unit": i.unit,
                "polarity": "negative" if i.negative else "positive",
                "target": _num(i.target), "actual": _num(i.actual),
                "achievement": _num(i.achievement), "predicate": i.predicate, "met": i.met, "note": i.note,
                "division": i.division,
                "history": [{"year": h.year, "target": _num(h.target), "actual": _num(h.actual),
                             "achievement": _num(h.achievement)} for h in i.history],
            } for i in self.indicators],
            "budget": [{"program": b.program, "budget": _num(b.budget), "spent": _num(b.spent),
                        "absorption": _num(b.absorption), "efficiency": _num(b.efficiency),
                        "efficient": b.efficient} for b in self.budget],
        }


def _num(value: Value) -> int | float | str | None:
    """Decimal → JSON number (an int when whole, so 1725 stays 1725); text stays text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value

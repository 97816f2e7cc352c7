"""Printed numbers the Indonesian way (1.725,50; 90,63%) and the words the documents print, whatever
language the request or CLI runs in: a printed report is Indonesian in every case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from kinerja.performance.models import Indicator, quarter_name
from kinerja.performance.numbers import (
    DASH,
    NumberError,
    format_number,
    format_percent,
    format_value,
    parse_number,
)
from kinerja.performance.report import EvidenceRow, IndicatorRow, ReportData
from kinerja.sop.renderers.sheet import indonesian_date


def percent(value: Decimal | None) -> str:
    """A percentage as the documents print it: numbers.format_percent with its sign, "87,50%"; "–" for none."""
    return DASH if value is None else format_percent(value) + "%"


# Beside a quarterly report's target that is the year's, for want of a target of the quarter (target_annual).
ANNUAL_TARGET_LABEL = "tahunan"
ANNUAL_TARGET_LEGEND = ("Target bertanda \"tahunan\": target tahun penuh, karena indikator tidak memiliki target "
                        "triwulan.")


def target_label(row: IndicatorRow) -> str:
    """The label a quarterly report prints under a target that is the year's ("tahunan"); "" otherwise."""
    return ANNUAL_TARGET_LABEL if row.target_annual else ""


def achievement_text(row: IndicatorRow) -> str:
    """What the Capaian column shows: a percentage, or for a text target whether it was met."""
    if row.is_text:
        if row.met is None:
            return DASH
        return "Tercapai" if row.met else "Tidak tercapai"
    return percent(row.achievement)


def remark(row: IndicatorRow) -> str:
    """Keterangan: the reason when there is no percentage, and the polarity when lower is better."""
    parts = []
    if row.negative:
        parts.append("Polaritas negatif")
    if row.note:
        parts.append(row.note)
    return "; ".join(parts)


# The formulas of negative polarity as the legend prints them (Indicator.NegativeMethod).
NEGATIVE_FORMULAS = {Indicator.NegativeMethod.STANDARD: "(2 × target − realisasi) ÷ target × 100",
                     Indicator.NegativeMethod.RATIO: "target ÷ realisasi × 100"}


def negative_legend(rows: Iterable[IndicatorRow]) -> str:
    """The legend's "Polaritas negatif: …" with the formula the report's negative indicators use (each
    indicator chooses its own), naming the indicators of each when they use both; "" with none negative."""
    codes: dict[str, list[str]] = {}
    for row in rows:
        if row.negative:
            codes.setdefault(row.negative_method, []).append(row.code)
    if not codes:
        return ""
    if len(codes) == 1:
        return f"Polaritas negatif: capaian = {NEGATIVE_FORMULAS[next(iter(codes))]}."
    return "Polaritas negatif: capaian = " + "; ".join(
        f"{NEGATIVE_FORMULAS[method]} ({', '.join(codes[method])})" for method in NEGATIVE_FORMULAS
        if method in codes) + "."


# The annex of bukti dukung (PDF, XLSX, DOCX): its title, and what an indicator without a file says.
ANNEX_TITLE = "Lampiran: Daftar Bukti Dukung"
NO_EVIDENCE = "Belum ada bukti dukung"
# Hex digits of the SHA-256 printed where the whole does not fit: 64 bits tell any two files apart.
SHORT_HASH = 16


def evidence_period(evidence: EvidenceRow) -> str:
    """The actual a file supports: "Triwulan II", or "Tahunan" for a value measured once for the year."""
    return quarter_name(evidence.quarter) if evidence.quarter else "Tahunan"


def file_size(size: int) -> str:
    """850 → "850 B", 12_700 → "12,4 KB", 1_310_720 → "1,25 MB" (binary units, as file managers show)."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return format_number(Decimal(size) / 1024, 1) + " KB"
    return format_number(Decimal(size) / (1024 * 1024), 2) + " MB"


def short_hash(sha256: str) -> str:
    return sha256[:SHORT_HASH]


def timestamp(at: dt.datetime) -> str:
    """15-01-2026 10.30 WIB: the dot Indonesians write the time with, and the office's zone (WIB, WITA, WIT)."""
    return at.strftime("%d-%m-%Y %H.%M %Z").strip()


PREDICATE_CLASS = {
    "Sangat Tinggi": "p-very-high",
    "Tinggi": "p-high",
    "Sedang": "p-medium",
    "Rendah": "p-low",
    "Sangat Rendah": "p-very-low",
}
PREDICATE_COLOUR = {
    "Sangat Tinggi": "#1b6e34",
    "Tinggi": "#3f9a4f",
    "Sedang": "#c99500",
    "Rendah": "#d4691b",
    "Sangat Rendah": "#b3261e",
}
NO_PREDICATE_COLOUR = "#8a96a3"


def revision_text(report: ReportData) -> dict[str, Any] | None:
    """What a revision prints: on its cover and in each page's footer which signed version it replaces, and
    the corrections that made it (document text, Indonesian in every language)."""
    found = report.revision
    if found is None:
        return None
    signed_on = indonesian_date(found.signed_at.date())
    return {
        "number": found.number,
        "footer": f" · Revisi {found.number}, menggantikan versi yang ditandatangani {signed_on}",
        "replaces": (f"Revisi {found.number} ini menggantikan {found.document} versi {found.version} yang "
                     f"ditandatangani secara elektronik oleh {found.signer}, {found.position}, pada {signed_on} "
                     f"(SHA-256 berkas bertanda tangan {short_hash(found.signed_sha256)}). Dokumen yang digantikan "
                     f"tetap tersimpan dan tetap dapat diverifikasi."),
        "corrections": [{"no": n, "indicator": f"{c.indicator} {c.name}", "period": c.period,
                         "before": _as_printed(c.before) or "– (belum ada realisasi)", "after": _as_printed(c.after) or "–",
                         "reason": c.reason,
                         "by": c.by or "–", "at": timestamp(c.at)} for n, c in enumerate(found.corrections, start=1)],
    }


def _as_printed(value: str) -> str:
    """A value of a correction, as recorded ("61,2"), printed as the report's tables print it ("61,20")."""
    try:
        return format_value(parse_number(value)) if value else ""
    except NumberError:
        return value  # a text value (WTP)

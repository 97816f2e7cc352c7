"""Demo performance data of the demo office (Dinas Koperasi dan UKM): three Renstra objectives,
fifteen indicators with targets and actuals for the current year and the two before it, some
evidence PDFs, and programs with their budget and spending. Every figure is invented, and the office
is flagged as demo; the figures are shaped like a real Dinas Koperasi dan UKM's so the pages and
reports read naturally.

Among the indicators are one of each difficult kind: negative polarity (koperasi tidak aktif), a
zero target (kasus KSP bermasalah) and a text target (opini BPK "WTP"). `load` is idempotent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kinerja.org.holding import today_in
from kinerja.org.models import Assignment, Office, Position, Unit

from . import actions
from .models import (
    ActionPlanItem,
    Activity,
    Actual,
    ActualRevision,
    Evidence,
    Indicator,
    Objective,
    PerformanceSettings,
    Program,
    Target,
)
from .numbers import format_plain

OBJECTIVES = [
    ("S1", "Meningkatnya kualitas kelembagaan dan usaha koperasi"),
    ("S2", "Meningkatnya daya saing usaha mikro, kecil dan menengah"),
    ("S3", "Meningkatnya akuntabilitas kinerja Dinas Koperasi dan UKM"),
]
RETURN_REASON = "Bukti dukung belum memuat daftar nama; mohon dilengkapi."
POS, NEG = Indicator.Polarity.HIGHER_IS_BETTER, Indicator.Polarity.LOWER_IS_BETTER
# code, objective, name, unit, polarity, aggregation, division index (None: Subbag Program), key,
# targets for the three years, actuals for the three years, places, national standard
INDICATORS: list[tuple] = [
    ("IK-01", "S1", "Jumlah koperasi aktif", "unit", POS, "last", 0, True,
     (1700, 1725, 1750), (1652, 1698, 1711), 0, None),
    ("IK-02", "S1", "Persentase koperasi sehat", "%", POS, "last", 0, True,
     ("60", "62.5", "65"), ("58.2", "61", "63.4"), 2, "60"),
    ("IK-03", "S1", "Persentase koperasi tidak aktif", "%", NEG, "last", 0, False,
     ("22", "20", "18"), ("24.5", "21", "19.2"), 2, None),
    ("IK-04", "S1", "Jumlah koperasi yang melaksanakan RAT tepat waktu", "unit", POS, "sum", 1, False,
     (700, 750, 800), (655, 742, 790), 0, None),
    ("IK-05", "S1", "Jumlah koperasi baru berbadan hukum", "unit", POS, "sum", 1, False,
     (40, 45, 50), (43, 39, 47), 0, None),
    ("IK-06", "S1", "Jumlah kasus koperasi simpan pinjam bermasalah", "kasus", NEG, "sum", 0, False,
     (0, 0, 0), (3, 1, 2), 0, None),
    ("IK-07", "S2", "Jumlah UMKM naik kelas", "unit usaha", POS, "sum", 2, True,
     (150, 175, 200), (141, 180, 168), 0, None),
    ("IK-08", "S2", "Persentase UMKM binaan yang memiliki NIB", "%", POS, "last", 2, False,
     ("55", "60", "70"), ("57.3", "64.1", "68.9"), 2, "60"),
    ("IK-09", "S2", "Jumlah wirausaha baru", "orang", POS, "sum", 3, True,
     (300, 325, 350), (288, 340, 262), 0, None),
    ("IK-10", "S2", "Jumlah pelaku UMKM yang mengikuti pelatihan", "orang", POS, "sum", 3, False,
     (600, 650, 700), (612, 655, 480), 0, None),
    ("IK-11", "S2", "Persentase UMKM binaan yang mengakses pembiayaan", "%", POS, "last", 2, False,
     ("25", "27.5", "30"), ("22.4", "26.8", "24.1"), 2, None),
    ("IK-12", "S2", "Nilai omzet UMKM binaan", "juta rupiah", POS, "sum", 2, False,
     (45000, 48000, 52000), (46250, 49875.5, 51120), 2, None),
    ("IK-13", "S3", "Nilai SAKIP Dinas Koperasi dan UKM", "nilai", POS, "annual", None, True,
     ("65", "67", "70"), ("62.15", "64.8", "66.52"), 2, None),
    ("IK-14", "S3", "Opini BPK atas laporan keuangan", "opini", POS, "annual", None, False,
     ("WTP", "WTP", "WTP"), ("WTP", "WTP", "WTP"), 0, None),
    ("IK-15", "S3", "Persentase realisasi anggaran", "%", POS, "last", None, False,
     ("95", "95", "96"), ("91.2", "93.47", "94.1"), 2, "90"),
]
# Shares of the year per quarter: a "sum" indicator's quarters add up to its year; a "last" one grows to it.
SUM_SHARES = [Decimal("0.15"), Decimal("0.25"), Decimal("0.25"), Decimal("0.35")]
LAST_SHARES = [Decimal("0.93"), Decimal("0.96"), Decimal("0.98"), Decimal(1)]
OBSTACLES = {
    "IK-01": ("Sebagian koperasi belum menyampaikan laporan RAT.", "Pendampingan dan jemput bola oleh penyuluh."),
    "IK-03": ("Banyak koperasi tidak aktif belum dibubarkan secara resmi.", "Pendataan ulang dan pembubaran oleh tim."),
    "IK-09": ("Anggaran pelatihan dipangkas pada perubahan APBD.", "Kolaborasi dengan perbankan dan CSR."),
    "IK-10": ("Pelatihan triwulan IV bergeser karena refocusing anggaran.", "Pelatihan daring bersama inkubator."),
    "IK-11": ("Agunan UMKM tidak memenuhi syarat bank.", "Fasilitasi KUR dan penjaminan kredit daerah."),
}
PROGRAMS = [
    ("2.17.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "S3",
     [("2.17.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", 185_000_000),
      ("2.17.01.2.02", "Administrasi Keuangan Perangkat Daerah", 1_450_000_000)]),
    ("2.17.03", "Program Pengawasan dan Pemeriksaan Koperasi", "S1",
     [("2.17.03.2.01", "Pemeriksaan dan Pengawasan Koperasi", 320_000_000),
      ("2.17.03.2.02", "Penilaian Kesehatan KSP/USP Koperasi", 145_000_000)]),
    ("2.17.05", "Program Pemberdayaan dan Perlindungan Koperasi", "S1",
     [("2.17.05.2.01", "Pemberdayaan dan Perlindungan Koperasi", 410_000_000)]),
    ("2.17.07", "Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)", "S2",
     [("2.17.07.2.01", "Pemberdayaan Usaha Mikro melalui Pendataan dan Kemitraan", 560_000_000),
      ("2.17.07.2.02", "Pelatihan Kewirausahaan", 380_000_000)]),
]
# The Rencana Aksi: per indicator, the activities of the year with their own quarter targets (cumulative,
# in their own measure) and budget; one indicator plans a different activity in each quarter instead.
ACTION_PLAN: dict[str, list[tuple[str, tuple[int, int, int, int] | None, int | None]]] = {
    "IK-01": [("Pendataan dan pemutakhiran data koperasi aktif (persen pekerjaan)", (25, 50, 75, 100), 45_000_000),
              ("Pendampingan penyelenggaraan RAT koperasi (koperasi)", (40, 160, 260, 300), 60_000_000)],
    "IK-02": [("Penilaian kesehatan KSP/USP koperasi (koperasi)", (20, 60, 100, 140), 145_000_000),
              ("Pembinaan koperasi berpredikat kurang sehat (koperasi)", (5, 15, 25, 35), None)],
    "IK-03": [("Verifikasi lapangan koperasi tidak aktif (kecamatan)", (5, 10, 15, 20), 30_000_000),
              ("Usulan pembubaran koperasi tidak aktif (dokumen)", (0, 1, 1, 2), None)],
    "IK-04": [("Sosialisasi jadwal RAT tepat waktu (kali)", (2, 3, 4, 4), 25_000_000)],
    "IK-05": [("Fasilitasi pendirian dan pengesahan badan hukum koperasi (koperasi)", (8, 20, 35, 50), 40_000_000)],
    "IK-06": [("Pemeriksaan khusus koperasi simpan pinjam (koperasi)", (6, 12, 18, 24), 320_000_000)],
    "IK-07": [("Pendampingan UMKM naik kelas (unit usaha)", (30, 80, 140, 200), 210_000_000),
              ("Kurasi produk dan fasilitasi pameran UMKM (kali)", (1, 2, 3, 4), 90_000_000)],
    "IK-08": [("Pendampingan pendaftaran NIB melalui OSS (pelaku usaha)", (150, 350, 550, 700), 35_000_000)],
    "IK-09": [("Pelatihan kewirausahaan pemula (angkatan)", (2, 5, 8, 10), 380_000_000)],
    "IK-10": [("Pelatihan teknis dan manajemen UMKM (orang)", (150, 350, 550, 700), None)],
    "IK-11": [("Temu bisnis UMKM dengan perbankan dan penyalur KUR (kali)", (1, 2, 3, 4), 60_000_000)],
    "IK-12": [("Pendataan omzet UMKM binaan (persen pekerjaan)", (25, 50, 75, 100), 20_000_000)],
    "IK-15": [("Rapat evaluasi realisasi anggaran triwulanan (kali)", (1, 2, 3, 4), 12_000_000)],
}
# An activity for each quarter (no quarter targets of its own): the plan of the SAKIP score.
QUARTER_ACTIONS = {
    "IK-13": ["Penyusunan Perjanjian Kinerja dan Rencana Aksi", "Pengumpulan dan verifikasi data kinerja triwulan",
              "Evaluasi internal akuntabilitas kinerja", "Tindak lanjut rekomendasi evaluasi SAKIP"],
}
SPENT_SHARES = [Decimal("0.912"), Decimal("0.947"), Decimal("0.884"), Decimal("0.965"), Decimal("0.931")]
PLACES = {0: Decimal(1), 2: Decimal("0.01")}


def evidence_pdf(title: str) -> bytes:
    """A one-page PDF saying what it stands for, with a correct cross-reference table."""
    text = title.replace("\\", "").replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 56 780 Td (DEMO - {text}) Tj ET".encode("latin-1", "replace")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _value(raw: object) -> tuple[Decimal | None, str]:
    if isinstance(raw, str) and not raw.replace(".", "").isdigit():
        return None, raw
    return Decimal(str(raw)), ""


def _quarter_values(total: Decimal, aggregation: str, places: int) -> list[Decimal]:
    quantum = PLACES[places]
    if aggregation == "sum":
        parts = [(total * s).quantize(quantum, ROUND_HALF_UP) for s in SUM_SHARES[:3]]
        return [*parts, total - sum(parts)]
    return [(total * s).quantize(quantum, ROUND_HALF_UP) for s in LAST_SHARES]


def _users(office: Office) -> tuple[dict[int, object], object, object]:
    """The contact of each division, the Kasubbag and the Kepala Dinas of the office."""
    held = Assignment.objects.filter(position__office=office, kind=Assignment.Kind.DEFINITIVE).select_related(
        "person__user", "position__unit")
    contacts: dict[int, object] = {}
    kasubbag = head = None
    for a in held:
        if a.position.kind == Position.Kind.DIVISION_CONTACT:
            contacts.setdefault(a.position.unit_id, a.person.user)
        elif a.position.kind == Position.Kind.UNIT_HEAD and a.position.unit.kind == Unit.Kind.SUBSECTION \
                and kasubbag is None:
            kasubbag = a.person.user
        elif a.position.kind == Position.Kind.HEAD:
            head = a.person.user
    return contacts, kasubbag, head


@transaction.atomic
def load(office: Office, today: dt.date | None = None) -> bool:
    """Add the demo performance data to `office` unless it has objectives already, and the Rencana Aksi of
    the year unless it has one. Returns whether anything was added."""
    today = today or today_in(office.time_zone)
    added = False
    if not Objective.objects.filter(office=office).exists():
        _indicators(office, today)
        added = True
    # The year of the quarter being collected (the input page's) and this year, where they differ.
    open_year = today.year if (today.month - 1) // 3 else today.year - 1
    for year in sorted({open_year, today.year}):
        added = _action_plan(office, year) or added
    return added


def _action_plan(office: Office, year: int) -> bool:
    """The office's Rencana Aksi for `year`, unless it has one (or none of the demo's indicators)."""
    if ActionPlanItem.objects.filter(indicator__office=office, year=year).exists():
        return False
    items = []
    for indicator in Indicator.objects.filter(office=office, code__in=[*ACTION_PLAN, *QUARTER_ACTIONS]):
        for order, (name, targets, budget) in enumerate(ACTION_PLAN.get(indicator.code, []), start=1):
            quarters = dict(zip(("target_q1", "target_q2", "target_q3", "target_q4"),
                                [Decimal(t) for t in targets] if targets else [None] * 4, strict=True))
            items.append(ActionPlanItem(indicator=indicator, year=year, order=order, name=name,
                                        budget=Decimal(budget) if budget is not None else None, **quarters))
        for quarter, name in enumerate(QUARTER_ACTIONS.get(indicator.code, []), start=1):
            items.append(ActionPlanItem(indicator=indicator, year=year, order=quarter, name=name, quarter=quarter))
    for item in items:
        item.full_clean()
    ActionPlanItem.objects.bulk_create(items)
    return bool(items)


def _indicators(office: Office, today: dt.date) -> None:
    """Objectives, indicators with targets, actuals and evidence, a correction, programs."""
    year = today.year
    years = [year - 2, year - 1, year]
    # The quarter being collected is the last one that has ended; earlier ones are signed and locked.
    open_quarter = (today.month - 1) // 3 or 4
    open_year = year if (today.month - 1) // 3 else year - 1
    divisions = list(Unit.objects.filter(office=office, kind=Unit.Kind.DIVISION).order_by("pk"))
    subsection = Unit.objects.filter(office=office, kind=Unit.Kind.SUBSECTION).order_by("pk").first()
    contacts, kasubbag, head = _users(office)
    objectives = {code: Objective.objects.create(office=office, code=code, name=name, order=i,
                                                 plan_start_year=year - 4, plan_end_year=year + 1)
                  for i, (code, name) in enumerate(OBJECTIVES, start=1)}
    PerformanceSettings.objects.get_or_create(office=office, defaults={"efficiency_threshold": Decimal(0)})
    now = timezone.now()
    targets: list[Target] = []
    revisions: list[tuple[Actual, str, object, str]] = []
    evidence_for: list[tuple[Actual, str, bool]] = []
    to_return: list[Actual] = []
    for order, (code, objective, name, unit, polarity, aggregation, division_index, key, year_targets, year_actuals,
                places, standard) in enumerate(INDICATORS, start=1):
        division = divisions[division_index] if division_index is not None and division_index < len(divisions) \
            else subsection
        indicator = Indicator.objects.create(
            office=office, objective=objectives[objective], code=code, name=name, unit=unit, order=order,
            polarity=polarity, is_key=key, division=division,
            quarter_aggregation="last" if aggregation == "annual" else aggregation,
            national_standard=Decimal(standard) if standard else None,
            definition=f"{name} pada akhir periode pelaporan (data demo).",
            data_source=f"Laporan {division.short_name or division.name}" if division else "")
        end_number, end_text = _value(year_targets[-1])
        if end_number is not None:  # the plan's last year reaches a little further than this year
            end_number = (end_number * (Decimal("1.05") if polarity == POS else Decimal("0.9"))).quantize(PLACES[places])
        targets.append(Target(indicator=indicator, year=year + 1, kind=Target.Kind.RENSTRA_END,
                              value_number=end_number, value_text=end_text))
        contact = contacts.get(division.pk) if division else None
        for y, raw_target, raw_actual in zip(years, year_targets, year_actuals, strict=True):
            t_number, t_text = _value(raw_target)
            a_number, a_text = _value(raw_actual)
            for kind in (Target.Kind.RENSTRA, Target.Kind.AGREEMENT):
                targets.append(Target(indicator=indicator, year=y, kind=kind, value_number=t_number, value_text=t_text))
            if aggregation == "annual":
                if y == year and (open_year, open_quarter) != (year, 4):
                    continue  # the year's grade or opinion comes after the year ends
                actual = Actual.objects.create(indicator=indicator, year=y, quarter=None, value_number=a_number,
                                               value_text=a_text, status=Actual.Status.LOCKED, entered_by=kasubbag,
                                               submitted_at=now, checked_by=kasubbag, checked_at=now, locked_at=now)
                revisions += [(actual, "saved", kasubbag, ""), (actual, "submitted", kasubbag, ""),
                              (actual, "checked", kasubbag, ""), (actual, "locked", head, "")]
                evidence_for.append((actual, f"{code} {y}", False))
                continue
            quarter_targets = _quarter_values(t_number, aggregation, places)
            quarter_actuals = _quarter_values(a_number, aggregation, places)
            for q in range(1, 5):
                targets.append(Target(indicator=indicator, year=y, kind=Target.Kind.QUARTER, quarter=q,
                                      value_number=quarter_targets[q - 1]))
                if (y, q) > (open_year, open_quarter):
                    continue
                status = Actual.Status.LOCKED if (y, q) < (open_year, open_quarter) else \
                    [Actual.Status.CHECKED, Actual.Status.SUBMITTED, Actual.Status.SUBMITTED,
                     Actual.Status.RETURNED, Actual.Status.DRAFT][order % 5]
                # A returned figure is submitted here and returned by the Kasubbag through actions.return_actual
                # below, once its evidence is there: what a real return writes (the revision, the division's
                # notifications) is there too.
                returned = status == Actual.Status.RETURNED
                status = Actual.Status.SUBMITTED if returned else status
                obstacles, solutions = OBSTACLES.get(code, ("", ""))
                actual = Actual.objects.create(
                    indicator=indicator, year=y, quarter=q, value_number=quarter_actuals[q - 1],
                    obstacles=obstacles if q == 4 or (y, q) == (open_year, open_quarter) else "",
                    solutions=solutions if q == 4 or (y, q) == (open_year, open_quarter) else "",
                    status=status, entered_by=contact,
                    submitted_at=now if status != Actual.Status.DRAFT else None,
                    checked_by=kasubbag if status in (Actual.Status.CHECKED, Actual.Status.LOCKED) else None,
                    checked_at=now if status in (Actual.Status.CHECKED, Actual.Status.LOCKED) else None,
                    locked_at=now if status == Actual.Status.LOCKED else None)
                revisions.append((actual, "saved", contact, ""))
                if status != Actual.Status.DRAFT:
                    revisions.append((actual, "submitted", contact, ""))
                if returned:
                    to_return.append(actual)
                if status in (Actual.Status.CHECKED, Actual.Status.LOCKED):
                    revisions.append((actual, "checked", kasubbag, ""))
                if status == Actual.Status.LOCKED:
                    revisions.append((actual, "locked", head, ""))
                is_open = (y, q) == (open_year, open_quarter) and status != Actual.Status.DRAFT
                if q == 4 or is_open:
                    evidence_for.append((actual, f"{code} {y} TW{q}", is_open))
    Target.objects.bulk_create(targets)
    ActualRevision.objects.bulk_create(ActualRevision(actual=a, action=action, user=user, reason=reason)
                                       for a, action, user, reason in revisions)
    # Evidence for everything submitted this quarter, and for every third of the earlier ones.
    for actual, title, _open in [e for i, e in enumerate(evidence_for) if e[2] or i % 3 == 0]:
        data = evidence_pdf(f"Bukti dukung {title}")
        evidence = Evidence(actual=actual, original_name=f"Bukti dukung {title}.pdf", content_type="application/pdf",
                            size=len(data), sha256=hashlib.sha256(data).hexdigest(), uploaded_by=actual.entered_by)
        evidence.file.save(evidence.original_name, ContentFile(data), save=False)
        evidence.save()
    for actual in to_return if kasubbag is not None else []:
        actions.return_actual(actual.pk, user=kasubbag, reason=RETURN_REASON)
    _correct_one(office, head, kasubbag)
    _programs(office, years, objectives)


def _correct_one(office: Office, head: object, kasubbag: object) -> None:
    """One locked actual corrected with its reason, to show the history of a correction."""
    old = (Actual.objects.filter(indicator__office=office, indicator__code="IK-05", status=Actual.Status.LOCKED,
                                 quarter__isnull=False).order_by("-year", "-quarter").first())
    if old is None:
        return
    old.is_current = False
    old.save(update_fields=["is_current"])
    new = Actual.objects.create(
        indicator=old.indicator, year=old.year, quarter=old.quarter, value_number=old.value_number + 2,
        obstacles=old.obstacles, solutions=old.solutions, status=Actual.Status.LOCKED, version=2,
        correction_reason="Dua akta pendirian koperasi terbit akhir triwulan dan terlewat dalam rekap.",
        entered_by=kasubbag, submitted_at=old.submitted_at, checked_by=kasubbag, checked_at=timezone.now(),
        locked_at=timezone.now())
    ActualRevision.objects.create(actual=new, action="corrected", user=kasubbag, reason=new.correction_reason,
                                  changes={"version": ["1", "2"],
                                           "value": [format_plain(old.value_number), format_plain(new.value_number)]})
    ActualRevision.objects.create(actual=new, action="locked", user=head)


def _programs(office: Office, years: list[int], objectives: dict[str, Objective]) -> None:
    for y_index, y in enumerate(years):
        growth = Decimal(1) + Decimal("0.04") * y_index
        for order, (code, name, objective, activities) in enumerate(PROGRAMS, start=1):
            program = Program.objects.create(office=office, year=y, code=code, name=name, order=order)
            program.objectives.add(objectives[objective])
            budget = spent = Decimal(0)
            for a_index, (a_code, a_name, amount) in enumerate(activities):
                share = SPENT_SHARES[(order + a_index + y_index) % len(SPENT_SHARES)]
                a_budget = (Decimal(amount) * growth).quantize(Decimal(1000))
                a_spent = (a_budget * share).quantize(Decimal(1))
                Activity.objects.create(program=program, code=a_code, name=a_name, budget=a_budget, spent=a_spent)
                budget, spent = budget + a_budget, spent + a_spent
            program.budget, program.spent = budget, spent
            program.save(update_fields=["budget", "spent"])


def load_city() -> None:
    """`kinerja demo --city`: a city of demo offices for benchmarks (see city.py)."""
    from .city import generate_city

    generate_city()

"""A generated city for scale: 40 offices × 60 indicators × 5 years × 4 quarters, with targets, actuals,
evidence records (rows with a name, size and SHA-256, not real files), programs and activities.

Used by `kinerja demo --city` (through kinerja.performance.demo.load_city) and by the benchmark, to show
that reports and the dashboard stay fast and constant in queries at a city's size. Every office is
flagged demo and every name says it is invented. Rows are written with bulk_create in large batches:
going through the one-row actions would take minutes for ~100 000 rows and prove nothing more.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from kinerja.org import actions as org_actions
from kinerja.org.models import Office, Position, Unit

from .models import Activity, Actual, Evidence, Indicator, Objective, Program, Target

CITY = "Kota Contoh"
CODE_PREFIX = "kota-contoh-"
# Typical perangkat daerah of an Indonesian city; the city itself is fictional.
OFFICE_NAMES = [
    "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Perumahan dan Permukiman",
    "Satuan Polisi Pamong Praja", "Dinas Sosial", "Dinas Tenaga Kerja", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Dinas Ketahanan Pangan", "Dinas Lingkungan Hidup", "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pengendalian Penduduk dan Keluarga Berencana", "Dinas Perhubungan", "Dinas Komunikasi dan Informatika",
    "Dinas Koperasi dan UKM", "Dinas Penanaman Modal dan PTSP", "Dinas Kepemudaan dan Olahraga", "Dinas Pariwisata",
    "Dinas Perpustakaan dan Kearsipan", "Dinas Perikanan", "Dinas Pertanian", "Dinas Perdagangan", "Dinas Perindustrian",
    "Dinas Pemadam Kebakaran", "Dinas Kebudayaan", "Badan Perencanaan Pembangunan Daerah", "Badan Keuangan Daerah",
    "Badan Pendapatan Daerah", "Badan Kepegawaian dan Pengembangan SDM", "Badan Penanggulangan Bencana Daerah",
    "Badan Kesatuan Bangsa dan Politik", "Inspektorat", "Sekretariat DPRD", "Kecamatan Utara", "Kecamatan Selatan",
    "Kecamatan Timur", "Kecamatan Barat", "Kecamatan Tengah", "Rumah Sakit Umum Daerah", "Dinas Pertanahan",
]
UNITS = ["%", "unit", "orang", "dokumen", "kegiatan", "indeks"]
BATCH = 5000


@dataclass(frozen=True)
class CitySize:
    offices: int = 40
    objectives: int = 6
    indicators_per_objective: int = 10
    years: int = 5
    programs: int = 5
    activities_per_program: int = 3
    divisions: int = 4


def _office(n: int, divisions: int = 4) -> Office:
    """One office with its units and the positions the report's approval block names (no people: the
    benchmark signs nothing)."""
    name = OFFICE_NAMES[n % len(OFFICE_NAMES)] + ("" if n < len(OFFICE_NAMES) else f" {n // len(OFFICE_NAMES) + 1}")
    office = org_actions.create_office(code=f"{CODE_PREFIX}{n + 1:02d}", name=f"{name} {CITY}", short_name=name[:80],
                                       city=CITY, is_demo=True,
                                       letterhead=f"PEMERINTAH {CITY.upper()} (DEMO)\n{name.upper()}")
    root = Unit.objects.create(office=office, name=name, kind=Unit.Kind.OFFICE)
    secretariat = Unit.objects.create(office=office, name="Sekretariat", kind=Unit.Kind.SECRETARIAT, parent=root)
    program = Unit.objects.create(office=office, name="Subbagian Program dan Keuangan", kind=Unit.Kind.SUBSECTION,
                                  parent=secretariat)
    Unit.objects.bulk_create(Unit(office=office, name=f"Bidang {i + 1}", kind=Unit.Kind.DIVISION, parent=root)
                             for i in range(divisions))
    Position.objects.bulk_create([
        Position(office=office, unit=root, title=f"Kepala {name}", kind=Position.Kind.HEAD),
        Position(office=office, unit=secretariat, title="Sekretaris", kind=Position.Kind.SECRETARY),
        Position(office=office, unit=program, title="Kepala Subbagian Program dan Keuangan", kind=Position.Kind.UNIT_HEAD),
    ])
    return office


def _number(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


@transaction.atomic
def generate_city(year: int | None = None, size: CitySize = CitySize(), *, seed: int = 2025) -> list[Office]:
    """Create the city's offices (those missing) with `size.years` years of data ending at `year`
    (default: last year). Returns every office of the city. Idempotent: an existing office is kept."""
    rng = random.Random(seed)
    last = year or dt.date.today().year - 1
    years = list(range(last - size.years + 1, last + 1))
    existing = set(Office.objects.filter(code__startswith=CODE_PREFIX).values_list("code", flat=True))
    made = [_office(n, size.divisions) for n in range(size.offices) if f"{CODE_PREFIX}{n + 1:02d}" not in existing]
    for office in made:
        _fill(office, years, size, rng)
    return list(Office.objects.filter(code__startswith=CODE_PREFIX).order_by("code"))


def _fill(office: Office, years: list[int], size: CitySize, rng: random.Random) -> None:
    divisions = list(Unit.objects.filter(office=office, kind=Unit.Kind.DIVISION).order_by("pk"))
    objectives = Objective.objects.bulk_create(
        Objective(office=office, code=f"S{i + 1}", name=f"Sasaran strategis contoh {i + 1}", order=i + 1,
                  plan_start_year=years[0], plan_end_year=years[-1] + 1) for i in range(size.objectives))
    indicators = []
    for o in objectives:
        for j in range(size.indicators_per_objective):
            k = len(indicators)
            indicators.append(Indicator(
                office=office, objective=o, code=f"IK-{k + 1:03d}", name=f"Indikator contoh {k + 1}",
                unit=UNITS[k % len(UNITS)], order=j,
                polarity="lower_is_better" if k % 6 == 5 else "higher_is_better",
                quarter_aggregation="sum" if UNITS[k % len(UNITS)] in ("unit", "orang", "kegiatan") else "last",
                division=divisions[k % len(divisions)], is_key=j == 0))
    indicators = Indicator.objects.bulk_create(indicators)
    targets: list[Target] = []
    actuals: list[Actual] = []
    for k, indicator in enumerate(indicators):
        text = k == 1  # one audit-opinion indicator per office: a text target
        zero = k == 2  # and one with a zero target
        base = rng.randint(20, 2000)
        targets.append(Target(indicator=indicator, year=years[-1] + 1, kind=Target.Kind.RENSTRA_END,
                              value_text="WTP" if text else "", value_number=None if text else Decimal(base * 2)))
        for y in years:
            target = Decimal(0) if zero else Decimal(base + (y - years[0]) * rng.randint(1, 50))
            targets.append(Target(indicator=indicator, year=y, kind=Target.Kind.AGREEMENT,
                                  value_text="WTP" if text else "", value_number=None if text else target))
            status = Actual.Status.LOCKED if y < years[-1] else Actual.Status.CHECKED
            if text:
                actuals.append(Actual(indicator=indicator, year=y, quarter=None, status=status,
                                      value_text=rng.choice(["WTP", "WTP", "WDP"])))
                continue
            share = target / 4 if indicator.quarter_aggregation == "sum" else target
            for q in range(1, 5):
                value = ((share * _number(rng, 55, 115) / 100).quantize(Decimal("0.01")) if share
                         else Decimal(rng.randint(0, 3)))
                actuals.append(Actual(indicator=indicator, year=y, quarter=q, status=status, value_number=value,
                                      obstacles="Contoh kendala: data bidang terlambat." if q == 4 and rng.random() < .2
                                      else "", solutions="Contoh solusi: jadwal pengiriman data." if q == 4 else ""))
    Target.objects.bulk_create(targets, batch_size=BATCH)
    actuals = Actual.objects.bulk_create(actuals, batch_size=BATCH)
    evidence = []
    for a in actuals:
        digest = hashlib.sha256(f"{office.code}-{a.indicator_id}-{a.year}-{a.quarter}".encode()).hexdigest()
        evidence.append(Evidence(actual=a, file=f"evidence/{office.pk}/{a.year}/{digest}.pdf",
                                 original_name=f"bukti-contoh-{a.year}-tw{a.quarter or 0}.pdf",
                                 content_type="application/pdf", size=rng.randint(40_000, 900_000), sha256=digest))
    Evidence.objects.bulk_create(evidence, batch_size=BATCH)
    for y in years:
        programs = Program.objects.bulk_create(
            Program(office=office, year=y, code=f"P{p + 1}", name=f"Program contoh {p + 1}", order=p,
                    budget=Decimal(rng.randint(500, 5000)) * 1_000_000, spent=Decimal(0))
            for p in range(size.programs))
        activities = []
        for p in programs:
            parts = [p.budget / size.activities_per_program] * size.activities_per_program
            spent = [(b * _number(rng, 70, 100) / 100).quantize(Decimal("1")) for b in parts]
            p.spent = sum(spent, Decimal(0))
            activities += [Activity(program=p, code=f"{p.code}.{i + 1}", name=f"Kegiatan contoh {i + 1}",
                                    budget=b.quantize(Decimal("1")), spent=s)
                           for i, (b, s) in enumerate(zip(parts, spent, strict=True))]
        Program.objects.bulk_update(programs, ["spent"])
        Activity.objects.bulk_create(activities, batch_size=BATCH)
        through = Program.objectives.through
        through.objects.bulk_create(through(program_id=p.pk, objective_id=objectives[i % len(objectives)].pk)
                                    for i, p in enumerate(programs))

"""The demo office: Dinas Koperasi dan UKM Kota Bandar Lampung with fictional people.

`load()` is idempotent: the office is found by its code and nothing is added twice. The tests build
the same office through `build()` (see tests/base.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from . import actions
from .models import Assignment, Office, Person, Position, Unit

CODE = "diskopukm-bdl"

LETTERHEAD = """PEMERINTAH KOTA BANDAR LAMPUNG
DINAS KOPERASI DAN USAHA KECIL MENENGAH
Jl. Dr. Susilo No. 2, Sumur Batu, Teluk Betung Utara, Bandar Lampung 35214"""

# (username, full name, NIP, grade, position key). Names are invented and say so.
PEOPLE = [
    ("kadis", "Dr. Contoh Kadis Demo, S.E., M.M.", "197504272000032001", "IV/c", "head"),
    ("sekretaris", "Contoh Sekretaris Demo, S.Sos., M.Si.", "197803152003121002", "IV/a", "secretary"),
    ("kasubbag", "Contoh Kasubbag Demo, S.E.", "198201102006042003", "III/d", "subsection_head"),
    ("jfu", "Contoh Staf Demo Satu, A.Md.", "199005052015031001", "II/c", "staff"),
    ("jfu2", "Contoh Staf Demo Dua, S.Kom.", "199207122019032002", "III/a", "staff"),
    ("bidang1", "Contoh Operator Bidang Satu", "198811202012121001", "III/b", "contact:0"),
    ("bidang2", "Contoh Operator Bidang Dua", "198906142014022002", "III/a", "contact:1"),
    ("bidang3", "Contoh Operator Bidang Tiga", "199101012017031003", "II/d", "contact:2"),
    ("bidang4", "Contoh Operator Bidang Empat", "199309092020122001", "II/c", "contact:3"),
    # The heads of the divisions, so that an SOP with a "Kepala Bidang" column runs for any division.
    ("kabid1", "Contoh Kabid Demo Satu, S.E., M.M.", "197606062002121001", "IV/a", "division_head:0"),
    ("kabid2", "Contoh Kabid Demo Dua, S.H.", "197707072003122002", "IV/a", "division_head:1"),
    ("kabid3", "Contoh Kabid Demo Tiga, S.T., M.T.", "197808082004121003", "IV/a", "division_head:2"),
    ("kabid4", "Contoh Kabid Demo Empat, S.Sos.", "197909092005012004", "III/d", "division_head:3"),
]
DIVISIONS = [
    ("Bidang Kelembagaan dan Pengawasan Koperasi", "Bidang Kelembagaan"),
    ("Bidang Pemberdayaan Koperasi", "Bidang Pemberdayaan"),
    ("Bidang Usaha Mikro, Kecil dan Menengah", "Bidang UMKM"),
    ("Bidang Kewirausahaan", "Bidang Kewirausahaan"),
]


@dataclass
class DemoOffice:
    office: Office
    positions: dict[str, Position] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    divisions: list[Unit] = field(default_factory=list)


def build(*, password: str, today: dt.date, code: str = CODE, is_demo: bool = True) -> DemoOffice:
    """Create the office, its units, positions and people (no check for an existing one).

    Another `code` builds a second office of the same shape; its usernames start with the code and
    its people have no NIP (a NIP is unique across the installation)."""
    prefix = "" if code == CODE else f"{code}-"
    office = actions.create_office(
        code=code, name="Dinas Koperasi dan UKM Kota Bandar Lampung", short_name="Diskop UKM",
        city="Kota Bandar Lampung", address="Jl. Dr. Susilo No. 2, Bandar Lampung", letterhead=LETTERHEAD,
        is_demo=is_demo)
    demo = DemoOffice(office)
    root = actions.add_unit(office, "Dinas Koperasi dan UKM", "office", short_name="Dinas")
    secretariat = actions.add_unit(office, "Sekretariat", "secretariat", parent=root)
    pka = actions.add_unit(office, "Subbagian Program, Keuangan dan Aset", "subsection", parent=secretariat,
                           short_name="Subbag PKA")
    umpeg = actions.add_unit(office, "Subbagian Umum dan Kepegawaian", "subsection", parent=secretariat,
                             short_name="Subbag Umpeg")
    p = demo.positions
    p["head"] = actions.add_position(root, "Kepala Dinas Koperasi dan UKM", "head", short_title="Kepala Dinas",
                                     aliases=("Kadis", "Kepala Dinas"))
    p["secretary"] = actions.add_position(secretariat, "Sekretaris Dinas", "secretary", short_title="Sekretaris",
                                          aliases=("Sekdis",))
    p["subsection_head"] = actions.add_position(
        pka, "Kepala Sub Bagian Program, Keuangan dan Aset", "unit_head", short_title="Kasubbag",
        aliases=("Kepala Sub Bagian", "Kasubbag PKA", "Kasubag"))
    p["umpeg_head"] = actions.add_position(umpeg, "Kepala Sub Bagian Umum dan Kepegawaian", "unit_head",
                                           short_title="Kasubbag Umpeg")
    p["staff"] = actions.add_position(pka, "Jabatan Fungsional Umum Subbagian Program", "staff", short_title="JFU",
                                      aliases=("Jabatan Fungsional Umum", "staf", "Staf"), single_holder=False)
    for i, (name, short) in enumerate(DIVISIONS):
        unit = actions.add_unit(office, name, "division", parent=root, short_name=short)
        demo.divisions.append(unit)
        p[f"division_head:{i}"] = actions.add_position(unit, f"Kepala {name}", "unit_head",
                                                       short_title=f"Kabid {short.removeprefix('Bidang ')}")
        p[f"contact:{i}"] = actions.add_position(unit, f"Pengelola Data {name}", "division_contact",
                                                 short_title=f"Pengelola Data {short}", single_holder=False)
    start = dt.date(today.year - 2, 1, 2)
    for username, full_name, nip, grade, key in PEOPLE:
        person = actions.add_person(office, username=prefix + username, full_name=full_name, password=None,
                                    nip="" if prefix else nip, grade=grade, email=f"{prefix}{username}@demo.invalid")
        actions.assign(person, p[key], starts_on=start)
        demo.people[username] = person
    demo.people["admin"] = actions.add_person(office, username=prefix + "admin", full_name="Administrator Demo",
                                              password=None, is_staff=True, email="admin@demo.invalid")
    demo.people["auditor"] = actions.add_person(office, username=prefix + "auditor", full_name="Auditor Inspektorat Demo",
                                                password=None, extra_role="auditor")
    # Everyone signs in with the one published password: hashed once (each hash takes about half a second
    # by design, so fifteen of them were the slowest part of loading the demo).
    hashed = make_password(password)
    for person in demo.people.values():
        person.user.password = hashed  # the instances the caller gets back say the same as their rows
    get_user_model().objects.filter(pk__in=[p.user_id for p in demo.people.values()]).update(password=hashed)
    # The Kepala Dinas is on leave for a week and the Sekretaris stands in as Plh, to show acting holders. A Plh,
    # not a Plt: the head is only temporarily away and keeps the position (SE Kepala BKN 1/2021;
    # holding.plt_beside_holder).
    actions.assign(demo.people["sekretaris"], p["head"], starts_on=today, ends_on=today + dt.timedelta(days=6),
                   kind=Assignment.Kind.PLH, decree_number="800/123/III.07/2025")
    return demo


@transaction.atomic
def load(today: dt.date | None = None) -> tuple[Office, bool]:
    """The demo office, created unless it exists. Returns (office, created)."""
    existing = Office.objects.filter(code=CODE).first()
    if existing:
        return existing, False
    from .holding import today_in

    return build(password=settings.DEMO_PASSWORD, today=today or today_in()).office, True


DEMO_LOGINS = [(u, key) for u, _n, _nip, _g, key in PEOPLE] + [("admin", "admin"), ("auditor", "auditor")]

"""The seed SOP "Pengumpulan Data Kinerja" built with the ORM, for the workflow tests (they must not
depend on the importer): six steps, step 3 coordinates with the divisions, the Kasubbag (step 4) and
the Sekretaris (step 5) may send the work back one step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kinerja.org.demo import DemoOffice
from kinerja.sop.models import Actor, Sop, SopVersion, Step

STEPS = [
    (1, "Menerima surat dari Kepala Dinas dan menyampaikan kepada Kasubbag untuk menyusun data kinerja",
     "Sekretaris", "2", "minute"),
    (2, "Menerima, menelaah dan memberi petunjuk kepada JFU untuk menyusun data kinerja", "Kasubbag", "10", "minute"),
    (3, "Menginventarisir bahan data kinerja dan berkoordinasi dengan bidang-bidang dan melaporkan kepada Kassubbag",
     "JFU", "5", "day"),
    (4, "Menerima, memeriksa, menyusun, memaraf draft data kinerja dan menyampaikan kepada Sekretaris", "Kasubbag",
     "5", "day"),
    (5, "Menerima, memeriksa, memaraf draft data kinerja dan menyampaikan kepada Kepala Dinas", "Sekretaris", "1", "day"),
    (6, "Menerima, memeriksa, menandatangani data kinerja", "Kadis", "1", "day"),
]
# As the SOP's Output column writes them: step 1's disposition must be written or attached (workflow.outputs).
OUTPUTS = {1: "disposisi", 6: "Data kinerja"}
ACTORS = [("Sekretaris", "secretary"), ("Kasubbag", "subsection_head"), ("JFU", "staff"), ("Kadis", "head")]
NAME = "Pengumpulan Data Kinerja Dinas Koperasi dan UKM Kota Bandar Lampung"


def build_seed_sop(built: DemoOffice, *, status: str = SopVersion.Status.IN_FORCE, version: int = 1,
                   sop: Sop | None = None) -> SopVersion:
    sop = sop or Sop.objects.create(office=built.office, name=NAME)
    sv = SopVersion.objects.create(sop=sop, version=version, status=status, name=NAME,
                                   effective_on=dt.date(2023, 2, 1))
    actors = {name: Actor.objects.create(version=sv, name=name, order=i, position=built.positions[key])
              for i, (name, key) in enumerate(ACTORS, start=1)}
    steps = {}
    for number, activity, actor, value, unit in STEPS:
        steps[number] = Step.objects.create(version=sv, number=number, activity=activity, actor=actors[actor],
                                            duration_value=Decimal(value), duration_unit=unit,
                                            coordinates_divisions=number == 3,
                                            output=OUTPUTS.get(number, ""))
    steps[4].returns_to.add(steps[3])
    steps[5].returns_to.add(steps[4])
    return sv

"""Demo correspondence of the demo office, made through the real actions: the register with the head's
letter on performance data collection, its disposition to the Kasubbag, a data request to a
division, minutes of the coordination meeting with follow-ups (all of the previous quarter, which the
workflow demo's running cases collect), and the compiled Data Kinerja of the quarter before it,
initialled by the Kasubbag and the Sekretaris and signed by the head with the demo certificate (every
signature it makes says DEMO). The previous quarter is left unsigned, so a visitor can run its case to
the signature. Idempotent: nothing is added once the office has letters.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from kinerja.org.holding import holder, today_in
from kinerja.org.models import Office, Position

from . import actions
from .models import Document, Letter, RegisterSettings
from .renderers.documents import outgoing_pdf
from .signing import install_demo_keys

SUBSECTION_HEAD = "Kepala Sub Bagian Program, Keuangan dan Aset"
# Where the demo's verification links point; a real installation passes its public address.
PUBLIC_URL = settings.PUBLIC_URL


def _previous_quarter(day: dt.date) -> tuple[int, int]:
    quarter = (day.month - 1) // 3 + 1
    return (day.year, quarter - 1) if quarter > 1 else (day.year - 1, 4)


def _user(office: Office, position: Position, day: dt.date) -> AbstractBaseUser:
    person = holder(position, day)
    if person is None:
        raise RuntimeError(f"demo: nobody holds {position} on {day}")
    return person.user


def _heads_letter(office: Office, day: dt.date, period: str) -> bytes:
    """The scanned letter of the head, as the demo's stand-in for a real scan."""
    letter = Document(office=office, kind=Document.Kind.MEMO, number=f"005/{day:%m}/III.07/{day.year}",
                      title=f"Penyusunan Data Kinerja {period}", addressee="Sekretaris Dinas",
                      body=(f"Dalam rangka penyusunan Data Kinerja {period}, Saudara diminta mengoordinasikan "
                            "pengumpulan data realisasi indikator kinerja dari seluruh bidang beserta bukti "
                            "dukungnya.\n\nData disampaikan kepada kami paling lambat 10 hari kerja sejak surat "
                            "ini diterima.\n\n(Surat contoh untuk demo.)"))
    return outgoing_pdf(letter, day)


@transaction.atomic
def load(office: Office) -> None:
    if Letter.objects.filter(office=office).exists():
        return
    install_demo_keys()
    day = today_in(office.time_zone)
    positions = {p.kind: p for p in Position.objects.filter(office=office).order_by("-pk")}
    subsection = Position.objects.get(office=office, title=SUBSECTION_HEAD)
    secretary, head, staff = positions["secretary"], positions["head"], positions["staff"]
    contacts = list(Position.objects.filter(office=office, kind=Position.Kind.DIVISION_CONTACT).order_by("pk"))
    secretary_user, kasubbag_user = _user(office, secretary, day), _user(office, subsection, day)
    staff_user = _user(office, staff, day)
    # Whoever holds the head's position today signs: in the demo's first week that is the Plt.
    head_user = _user(office, head, day)

    from kinerja.workflow.demo import seed_version

    version = seed_version(office)
    RegisterSettings.objects.update_or_create(office=office, defaults={
        "agenda_format": "005/{seq:03d}/III.07/{year}", "outgoing_format": "{code}/{seq:03d}/III.07/{year}",
        "data_collection_sop": version.sop if version else None})
    actions.set_required_initials(office, [subsection, secretary])

    year, quarter = _previous_quarter(day)
    period = actions.report_title(year, quarter).removeprefix("Data Kinerja ")
    scan = SimpleUploadedFile("surat-kadis.pdf", _heads_letter(office, day, period), content_type="application/pdf")
    letter = actions.register_letter(office, actions.LetterInput(
        number=f"005/{day:%m}/III.07/{day.year}", letter_date=day, sender="Kepala Dinas Koperasi dan UKM",
        subject=f"Penyusunan Data Kinerja {period}", received_on=day, classification="005",
        kind=Letter.Kind.DATA_COLLECTION, period=period), user=secretary_user, scan=scan)
    actions.dispose_letter(letter.pk, user=secretary_user, recipients=[subsection],
                           instructions=["follow_up", "coordinate", "prepare"],
                           note="Mohon segera disusun bersama JFU dan dikoordinasikan dengan seluruh bidang.",
                           disposed_on=day)
    actions.create_outgoing(office, actions.OutgoingInput(
        kind=Document.Kind.DATA_REQUEST, title=f"Permintaan Data Realisasi Kinerja {period}",
        addressee="Kepala Bidang Usaha Mikro, Kecil dan Menengah", classification="005", letter=letter,
        body=(f"Menindaklanjuti surat Kepala Dinas tentang penyusunan Data Kinerja {period}, kami mohon Saudara "
              "menyampaikan realisasi indikator kinerja bidang beserta bukti dukungnya.\n\nData kami terima paling "
              "lambat 5 hari kerja sejak surat ini diterima. Atas perhatiannya kami ucapkan terima kasih.")),
        user=kasubbag_user)
    actions.record_minutes(office, actions.MinutesInput(
        title=f"Rapat Koordinasi Pengumpulan Data Kinerja {period}", held_on=day, place="Ruang Rapat Sekretariat",
        chair=subsection, agenda=f"Pengumpulan realisasi dan bukti dukung indikator kinerja {period}.",
        discussion=("1. JFU menyampaikan format isian data kinerja.\n2. Bidang UMKM menyampaikan data omzet binaan "
                    "masih direkap.\n3. Bidang Kewirausahaan meminta tambahan waktu dua hari."),
        decisions="Seluruh bidang menyerahkan realisasi dan bukti dukung melalui kinerja sebelum batas waktu.",
        present=[subsection, staff, *contacts[:3]], absent=contacts[3:],
        follow_ups=[actions.FollowUpInput(f"Serahkan realisasi dan bukti dukung {period}", c, day + dt.timedelta(days=7))
                    for c in contacts[:3]] + [actions.FollowUpInput("Rekap data seluruh bidang untuk Kasubbag", staff,
                                                                      day + dt.timedelta(days=9))],
        letter=letter), user=staff_user)

    # The quarter before: the previous one is still being collected by the running cases.
    earlier_year, earlier_quarter = _previous_quarter(dt.date(year, 3 * quarter - 2, 1))
    _signed_report(office, earlier_year, earlier_quarter, kasubbag_user, secretary_user, head_user)


def _signed_report(office: Office, year: int, quarter: int, kasubbag: AbstractBaseUser, secretary: AbstractBaseUser,
                   head: AbstractBaseUser) -> None:
    """A quarter's compiled Data Kinerja, initialled and signed."""
    from kinerja.performance.report import compile_report

    report = compile_report(office, year, quarter, user=kasubbag)
    version = actions.take_report(report.pk, user=kasubbag)
    actions.initial_version(version.pk, user=kasubbag)
    actions.initial_version(version.pk, user=secretary)
    actions.sign_version(version.pk, user=head, password=settings.DEMO_PASSWORD,
                         verify_url_for=lambda token: f"{PUBLIC_URL}/v/{token}/")

"""Demo correspondence of the demo office, made through the real actions as the pages make them:

- the compiled Data Kinerja of the quarter before the one being collected, initialled by the Kasubbag
  and the Sekretaris and signed by the head with the demo certificate (every signature it makes says
  DEMO);
- the head's letter asking for last year's Data Kinerja: registering it starts its case of the seed SOP
  (workflow_link, as the register page does), the Sekretaris's disposition completes step 1, the
  Kasubbag and the JFU do steps 2 and 3 on the workflow demo's clock, and today the Kasubbag compiles
  the report and puts it up for initials; his and the Sekretaris's initials complete steps 4 and 5, so
  the case waits at step 6 for the head's signature (in the demo's first week the Plh signs; `kadis`
  reads who acts for him);
- the head's letter on the quarter being collected (the quarter of the workflow demo's running cases),
  run the same way to step 4: its Data Kinerja waits for the Kasubbag's initials; with it a data
  request to a division and the minutes of the coordination meeting with follow-ups;
- the head's letter on the quarter under way, received today: its case waits at step 1 for the
  Sekretaris's disposition.

Without the seed SOP in force the letter on the quarter is only registered and disposed, and no case
runs. Idempotent: each part is found by its letter (the signed report by its signature), so a second run,
or a run on an office an earlier demo loaded, adds nothing twice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from kinerja.org.holding import holder, today_in
from kinerja.org.models import Office, Position
from kinerja.workflow.models import Case

from . import actions, workflow_link
from .models import Document, Letter, RegisterSettings, Signature
from .renderers.documents import outgoing_pdf
from .signing import install_demo_keys

SUBSECTION_HEAD = "Kepala Sub Bagian Program, Keuangan dan Aset"
DISPOSITION_NOTE = "Mohon segera disusun bersama JFU dan dikoordinasikan dengan seluruh bidang."


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


def load(office: Office) -> None:
    """Each part once, found by its letter: a rerun, or an office loaded by an earlier demo, adds nothing
    twice. Not one transaction: the workflow engine's actions are durable (each its own transaction), so
    each part is made as the pages make it, action after action."""
    first = not Letter.objects.filter(office=office).exists()
    install_demo_keys()
    day = today_in(office.time_zone)
    positions = {p.kind: p for p in Position.objects.filter(office=office).order_by("-pk")}
    subsection = Position.objects.get(office=office, title=SUBSECTION_HEAD)
    secretary, head, staff = positions["secretary"], positions["head"], positions["staff"]
    contacts = list(Position.objects.filter(office=office, kind=Position.Kind.DIVISION_CONTACT).order_by("pk"))
    secretary_user, kasubbag_user = _user(office, secretary, day), _user(office, subsection, day)
    staff_user = _user(office, staff, day)
    # Whoever holds the head's position today signs: in the demo's first week that is the Plh.
    head_user = _user(office, head, day)

    from kinerja.workflow.demo import Runner, seed_version

    version = seed_version(office)
    # The cases the head's letters start run by the workflow demo's clock and performers; without the seed
    # SOP in force (or with a step nobody holds) the letter is only registered and disposed.
    run = Runner(office, version) if version is not None else None
    if run is not None and (run.starter is None or any(s.actor.position_id is None for s in run.steps.values())):
        run = None
    year, quarter = _previous_quarter(day)
    if first:
        RegisterSettings.objects.update_or_create(office=office, defaults={
            "agenda_format": "005/{seq:03d}/III.07/{year}", "outgoing_format": "{code}/{seq:03d}/III.07/{year}",
            "data_collection_sop": version.sop if version else None})
        actions.set_required_initials(office, [subsection, secretary])
    if not Signature.objects.filter(office=office).exists():
        # The quarter before: the previous one is still being collected by the running cases. Signed
        # first: the initials below are given after it.
        earlier_year, earlier_quarter = _previous_quarter(dt.date(year, 3 * quarter - 2, 1))
        _signed_report(office, earlier_year, earlier_quarter, kasubbag_user, secretary_user, head_user)
    users = (secretary_user, kasubbag_user, subsection)

    last_year = actions.report_title(year - 1, None).removeprefix("Data Kinerja ")
    if run is not None and not _has_letter(office, last_year):
        # Last year's Data Kinerja: initialled by the Kasubbag and the Sekretaris, the head's signature owed.
        _letter_case(office, run, day, last_year, received_back=7, users=users,
                     initials=[kasubbag_user, secretary_user])

    period = actions.report_title(year, quarter).removeprefix("Data Kinerja ")
    if not _has_letter(office, period):
        if run is not None:
            # The quarter being collected: compiled and put up by the Kasubbag, his initials owed.
            letter = _letter_case(office, run, day, period, received_back=5, users=users, initials=[])
        else:
            letter = _register(office, day, day, period, secretary_user)
            actions.dispose_letter(letter.pk, user=secretary_user, recipients=[subsection],
                                   instructions=["follow_up", "coordinate", "prepare"], note=DISPOSITION_NOTE,
                                   disposed_on=day)
        _request_and_minutes(office, day, period, letter, kasubbag_user, staff_user,
                             positions=(subsection, staff, contacts))

    # The quarter under way, asked for ahead of its end: received today, its case waits at step 1 for the
    # Sekretaris's disposition.
    current = actions.report_title(day.year, (day.month - 1) // 3 + 1).removeprefix("Data Kinerja ")
    if run is not None and not _has_letter(office, current):
        letter = _register(office, day, day, current, secretary_user)
        workflow_link.start_case_for_letter(letter, user=secretary_user)


def _has_letter(office: Office, period: str) -> bool:
    return Letter.objects.filter(office=office, kind=Letter.Kind.DATA_COLLECTION, period=period).exists()


@transaction.atomic
def _request_and_minutes(office: Office, day: dt.date, period: str, letter: Letter, kasubbag: AbstractBaseUser,
                         staff_user: AbstractBaseUser, *, positions: tuple[Position, Position, list[Position]]) -> None:
    """The Kasubbag's data request to a division and the minutes of the coordination meeting, on `letter`."""
    subsection, staff, contacts = positions
    actions.create_outgoing(office, actions.OutgoingInput(
        kind=Document.Kind.DATA_REQUEST, title=f"Permintaan Data Realisasi Kinerja {period}",
        addressee="Kepala Bidang Usaha Mikro, Kecil dan Menengah", classification="005", letter=letter,
        body=(f"Menindaklanjuti surat Kepala Dinas tentang penyusunan Data Kinerja {period}, kami mohon Saudara "
              "menyampaikan realisasi indikator kinerja bidang beserta bukti dukungnya.\n\nData kami terima paling "
              "lambat 5 hari kerja sejak surat ini diterima. Atas perhatiannya kami ucapkan terima kasih.")),
        user=kasubbag)
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


def _register(office: Office, letter_date: dt.date, received_on: dt.date, period: str,
              secretary: AbstractBaseUser) -> Letter:
    """The head's letter asking for the Data Kinerja of `period`, in the register."""
    scan = SimpleUploadedFile("surat-kadis.pdf", _heads_letter(office, letter_date, period),
                              content_type="application/pdf")
    return actions.register_letter(office, actions.LetterInput(
        number=f"005/{letter_date:%m}/III.07/{letter_date.year}", letter_date=letter_date,
        sender="Kepala Dinas Koperasi dan UKM", subject=f"Penyusunan Data Kinerja {period}", received_on=received_on,
        classification="005", kind=Letter.Kind.DATA_COLLECTION, period=period), user=secretary, scan=scan)


def _letter_case(office: Office, run: Any, day: dt.date, period: str, *, received_back: int,
                 users: tuple[AbstractBaseUser, AbstractBaseUser, Position],
                 initials: list[AbstractBaseUser]) -> Letter:
    """The head's letter on `period`, received `received_back` working days ago, and its case run as the
    pages run it: registering starts the case, the Sekretaris's disposition completes step 1
    (workflow_link), the Kasubbag and the JFU do steps 2 and 3 by the workflow demo's clock; today the
    Kasubbag compiles the period's Data Kinerja and puts it up for initials (it joins the case), and each
    of `initials` initials it, which completes their step."""
    from kinerja.performance.report import compile_report
    from kinerja.workflow.demo import morning, working_days_back

    secretary, kasubbag, subsection = users
    received = working_days_back(run.cal, day, received_back)
    moment = morning(run.cal, received, 9)
    letter = _register(office, received, received, period, secretary)
    workflow_link.start_case_for_letter(letter, user=secretary, at=moment)
    disposition = actions.dispose_letter(letter.pk, user=secretary, recipients=[subsection],
                                         instructions=["follow_up", "coordinate", "prepare"], note=DISPOSITION_NOTE,
                                         disposed_on=received)
    moment += dt.timedelta(minutes=20)
    workflow_link.disposition_done(disposition, user=secretary, at=moment)
    case = Case.objects.get(pk=letter.case_id)
    for share in (Decimal("0.5"), Decimal("0.6")):  # step 2 (10 menit) and step 3 (5 hari)
        moment = run.step(case, moment, share) + dt.timedelta(minutes=5)
    parsed = actions.data_period(period)
    report_year, report_quarter = _period_numbers(parsed or period)
    report = compile_report(office, report_year, report_quarter, user=kasubbag)
    version = actions.take_report(report.pk, user=kasubbag)
    for user in initials:
        initial = actions.initial_version(version.pk, user=user)
        workflow_link.initial_done(initial, user=user)
    letter.refresh_from_db()
    return letter


def _period_numbers(period: str) -> tuple[int, int | None]:
    """(year, quarter) of a period as the report names it ("Triwulan III 2025", "Tahun 2025")."""
    words = period.split()
    if words[0] == "Tahun":
        return int(words[-1]), None
    return int(words[-1]), {"I": 1, "II": 2, "III": 3, "IV": 4}[words[1]]


@transaction.atomic
def _signed_report(office: Office, year: int, quarter: int, kasubbag: AbstractBaseUser, secretary: AbstractBaseUser,
                   head: AbstractBaseUser) -> None:
    """A quarter's compiled Data Kinerja, initialled and signed."""
    from kinerja.performance.report import compile_report

    report = compile_report(office, year, quarter, user=kasubbag)
    version = actions.take_report(report.pk, user=kasubbag)
    actions.initial_version(version.pk, user=kasubbag)
    actions.initial_version(version.pk, user=secretary)
    actions.sign_version(version.pk, user=head, password=settings.DEMO_PASSWORD,
                         verify_url_for=actions.verify_url)

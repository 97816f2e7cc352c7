"""Values of the SOP AP form: standard times, dates, numbered items, the approval line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kinerja.sop.importers.values import format_duration, parse_approval, parse_date, parse_duration, split_items

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("2 menit", "2", "minute"), ("5 Hari", "5", "day"), ("½ hari", "0.5", "day"), ("0,5 hari", "0.5", "day"),
    ("1 jam", "1", "hour"), ("2 minggu", "2", "week"), ("1 bulan", "1", "month"), ("1 JAM", "1", "hour"),
    ("5 hari kerja", "5", "day"), ("1½ hari", "1.5", "day"), ("1/2 hari", "0.5", "day"), ("10  Menit", "10", "minute"),
    ("0.25 jam", "0.25", "hour"), ("1 mgg", "1", "week"), ("2 Mgg", "2", "week"),
    # Written as other offices write them.
    ("1 x 24 jam", "1", "day"), ("3x24 Jam", "3", "day"), ("2 x 8 jam", "16", "hour"), ("2×8 Jam", "16", "hour"),
    ("1 x 12 jam", "12", "hour"), ("3 x 15 menit", "45", "minute"), ("2-3 hari", "3", "day"), ("1 – 2 jam", "2", "hour"),
    ("15 s.d. 30 menit", "30", "minute"), ("1 sampai dengan 2 hari", "2", "day"), ("30 menit - 1 jam", "1", "hour"),
    ("1 jam s.d. 2 jam", "2", "hour"), ("2 hari kerja – 3 hari kerja", "3", "day"), ("1 (satu) hari", "1", "day"),
    ("3 HK", "3", "day"), ("2 (dua) hari kerja", "2", "day"), ("1 s/d 3 hari", "3", "day"),
    ("30 menit S/D 1 jam", "1", "hour"),
    # Numbers written out, and seconds (in minutes).
    ("lima hari", "5", "day"), ("Dua Belas jam", "12", "hour"), ("empat puluh lima menit", "45", "minute"),
    ("seratus dua puluh menit", "120", "minute"), ("sebelas hari kerja", "11", "day"), ("setengah hari", "0.5", "day"),
    ("satu setengah jam", "1.5", "hour"), ("tiga perempat jam", "0.75", "hour"), ("sehari", "1", "day"),
    ("seminggu", "1", "week"), ("sebulan", "1", "month"), ("dua sampai tiga hari", "3", "day"),
    ("30 detik", "0.5", "minute"), ("90 Detik", "1.5", "minute"),
    # The minute mark, hours and minutes together, an upper bound in words.
    ("30'", "30", "minute"), ("5 ’", "5", "minute"), ("15′", "15", "minute"), ("1 jam 30 menit", "90", "minute"),
    ("2 jam 15'", "135", "minute"), ("± 15 menit", "15", "minute"), ("+/- 2 jam", "2", "hour"),
    ("maks. 2 hari", "2", "day"), ("Maksimal 5 HK", "5", "day"), ("paling lama 3 hari kerja", "3", "day"),
    ("kurang lebih 1 jam", "1", "hour"), ("selambat-lambatnya 7 (tujuh) hari", "7", "day"),
    # The upper bound alone ("up to"), and "jam" shortened as "hari" is ("Hr").
    ("s.d. 2 hari", "2", "day"), ("s/d 3 hari kerja", "3", "day"), ("sampai dengan 2 jam", "2", "hour"),
    ("hingga 5 hari", "5", "day"), ("Sd. 30 menit", "30", "minute"), ("2 Jm", "2", "hour"), ("1 jm.", "1", "hour"),
    # A clock's hours and minutes, as Excel's time cells read.
    ("0:30", "30", "minute"), ("1:30", "90", "minute"), ("1:30 jam", "90", "minute"), ("2:00", "2", "hour"),
    # The time of one item of the work; a fraction's "/" is no item.
    ("10 menit/berkas", "10", "minute"), ("10 Menit / Berkas", "10", "minute"), ("15 menit per pemohon", "15", "minute"),
    ("5 menit tiap dokumen", "5", "minute"), ("2 menit untuk setiap 1 berkas", "2", "minute"),
    ("30'/berkas", "30", "minute"), ("1 hari kerja/berkas", "1", "day"), ("5-10 menit/berkas", "10", "minute"),
    ("1/2 jam", "0.5", "hour"), ("1 1/2 jam", "1.5", "hour"),
])
def test_it_reads_standard_times(text: str, value: str, unit: str) -> None:
    assert parse_duration(text) == (Decimal(value), unit)


@pytest.mark.parametrize("text", ["sebentar saja", "menit", "5", "0 hari", "2 tahun", "-1 hari",
                                  "2 kali", "2 x jam", "x 8 jam", "0 x 8 jam", "3 - hari", "(dua) hari", "1-0 hari",
                                  "lima", "dua tiga hari",
                                  "puluh menit", "banyak hari", "0 detik", "sesuai kebutuhan", "'", "30''", "30″",
                                  "maks", "± menit", "1 jam 75 menit", "paling lama", "0:00", "menit/berkas",
                                  "2:75"])
def test_it_refuses_unreadable_times(text: str) -> None:
    with pytest.raises(ValueError, match="standard time"):
        parse_duration(text)


@pytest.mark.parametrize(("text", "number"), [("5", "5"), ("1,5", "1,5"), ("2 (dua)", "2"), ("½", "½")])
def test_a_number_without_its_unit_is_refused_asking_for_the_unit(text: str, number: str) -> None:
    with pytest.raises(ValueError, match=rf"^is not a standard time: the number has no unit; write menit, jam, hari, "
                                         rf"minggu or bulan after it, such as {number} jam$"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["14 hari kalender", "7 (tujuh) Hari Kalender", "paling lama 3 hari kalender"])
def test_a_time_in_calendar_days_is_refused_asking_for_working_days(text: str) -> None:
    with pytest.raises(ValueError, match=r"^is in calendar days \(hari kalender\), which count weekends and holidays: "
                                         "write the standard time in working days"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["", " ", "-", "–"])
def test_a_missing_time_is_called_missing(text: str) -> None:
    with pytest.raises(ValueError, match="^the standard time is missing: write it, such as 15 menit"):
        parse_duration(text)


@pytest.mark.parametrize(("text", "shown"), [("10 menit", "10"), ("60 mnt", "60"), ("100 hari", "100"),
                                             ("0,5 hari", "0.50"), ("2 jam", "2")])
def test_a_whole_number_is_kept_as_written_not_in_exponent_notation(text: str, shown: str) -> None:
    assert str(parse_duration(text)[0]) == shown


def test_it_writes_times_back_as_the_document_does() -> None:
    assert format_duration(Decimal("2.00"), "minute") == "2 menit"
    assert format_duration(Decimal("0.50"), "day") == "0,5 hari"


@pytest.mark.parametrize(("text", "day"), [
    ("9 Januari 2023", dt.date(2023, 1, 9)), ("1 Februari 2023", dt.date(2023, 2, 1)),
    ("17 agustus 2024", dt.date(2024, 8, 17)),
    ("2 Nopember 2022", dt.date(2022, 11, 2)), ("2023-01-09", dt.date(2023, 1, 9)), ("09-01-2023", dt.date(2023, 1, 9)),
    ("-", None), ("", None),
])
def test_it_reads_indonesian_dates(text: str, day: dt.date | None) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["31 Februari 2023", "9 Janvier 2023", "kemarin"])
def test_it_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_date(text)


def test_it_splits_numbered_items_written_on_one_line() -> None:
    assert split_items("1. SOP Penyusunan Renja 2. SOP Penanganan Penetapan Kinerja (TAPKIN) 3. SOP Penyusunan DPA") == [
        "SOP Penyusunan Renja", "SOP Penanganan Penetapan Kinerja (TAPKIN)", "SOP Penyusunan DPA"]


def test_it_keeps_numbers_inside_an_item() -> None:
    assert split_items("1. PERMENPAN Nomor 53 Tahun 2014 tentang Juknis 2. UU No. 5 Tahun 2014") == [
        "PERMENPAN Nomor 53 Tahun 2014 tentang Juknis", "UU No. 5 Tahun 2014"]


def test_it_keeps_an_unnumbered_block_as_one_item() -> None:
    assert split_items("Apabila SOP tidak dilaksanakan maka 2. hal tertunda") == [
        "Apabila SOP tidak dilaksanakan maka 2. hal tertunda"]
    assert split_items("-") == []


def test_it_reads_the_rest_of_a_list_whose_first_items_stand_above() -> None:
    # A label cell merged down over rows of one item each: "1. UU …" on one row, "2. PP …" on the next.
    assert split_items("2. PP Nomor 96 Tahun 2012") == ["PP Nomor 96 Tahun 2012"]
    assert split_items("3. Perda Nomor 5 Tahun 2020 4. Perwali Nomor 1") == ["Perda Nomor 5 Tahun 2020", "Perwali Nomor 1"]


def test_it_splits_the_approval_into_position_name_and_nip() -> None:
    assert parse_approval("KEPALA DINAS KOPERASI DAN UKM RIANA AFRIANA, AP.MM NIP. 19750427 199311 2 001") == (
        "KEPALA DINAS KOPERASI DAN UKM", "RIANA AFRIANA, AP.MM", "197504271993112001")


def test_it_uses_the_lines_of_the_approval_when_there_are_some() -> None:
    assert parse_approval("Kepala Dinas Koperasi dan UKM\nRiana Afriana, AP.MM\nNIP. 19750427 199311 2 001") == (
        "Kepala Dinas Koperasi dan UKM", "Riana Afriana, AP.MM", "197504271993112001")


@pytest.mark.parametrize(("text", "position", "name"), [
    ("KEPALA DINAS KOMUNIKASI DAN INFORMATIKA Drs. HERMAN SUSANTO, M.Si NIP. 19700312 199403 1 005",
     "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA", "Drs. HERMAN SUSANTO, M.Si"),
    ("Kepala Badan Perencanaan Pembangunan Daerah Ir. H. Ahmad Yani, M.T.",
     "Kepala Badan Perencanaan Pembangunan Daerah", "Ir. H. Ahmad Yani, M.T."),
    ("KEPALA DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK SITI AMINAH, S.Sos",
     "KEPALA DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK", "SITI AMINAH, S.Sos"),
    ("Kepala Dinas Kesehatan dr. Rina Wati", "Kepala Dinas Kesehatan", "dr. Rina Wati"),
    ("KEPALA DINAS PERKEBUNAN DAN HORTIKULTURA Hj. NURLELA", "KEPALA DINAS PERKEBUNAN DAN HORTIKULTURA",
     "Hj. NURLELA"),
])
def test_it_splits_the_approval_of_other_offices(text: str, position: str, name: str) -> None:
    assert parse_approval(text)[:2] == (position, name)


@pytest.mark.parametrize(("text", "expected"), [
    # The signature block of a Word cell: "ttd" where the signature stands, the rank under the name.
    ("KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL\n\nttd\n\nDrs. H. SUPRIYADI, M.M.\nPembina Utama Muda\n"
     "NIP. 19680512 199303 1 004",
     ("KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "Drs. H. SUPRIYADI, M.M.", "196805121993031004")),
    ("Camat Teluk Betung Utara\n( TTD )\nHendra Gunawan, S.STP\nPenata Tk. I (III/d)\nNIP. 19820314 200112 1 002",
     ("Camat Teluk Betung Utara", "Hendra Gunawan, S.STP", "198203142001121002")),
])
def test_the_signature_lines_of_an_approval_are_neither_position_nor_name(
        text: str, expected: tuple[str, str, str]) -> None:
    assert parse_approval(text) == expected


@pytest.mark.parametrize("text", ["KEPALA BKPSDM KOTA METRO", "Kepala Dinas Penanaman Modal dan PTSP",
                                  "Kepala UPTD Puskesmas Kota Gajah", "KEPALA DINAS PERKIM"])
def test_an_approval_naming_only_the_position_has_no_name(text: str) -> None:
    assert parse_approval(text) == (text, "", "")

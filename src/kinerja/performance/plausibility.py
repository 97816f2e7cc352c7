"""Whether a figure is plausible for its indicator: the rules the input form, the answer to a division
request and the XLSX/CSV import all apply, here in one plain function (`implausible`).

Warnings, never refusals: a growth or ratio percentage may pass 100, a target may be beaten tenfold. The
forms ask the user to confirm the figure before saving it (typed input is kept); the import saves it as
written and lists the warning in its Summary, as it does for a polarity it doubts.

The rules:
- a percentage (Satuan "%", "persen") above 100 or below 0;
- a count (Satuan naming things counted: "unit", "orang", "dokumen", "koperasi", "kali", …) that is not
  a whole number, or below 0;
- a figure more than 10 times its target, or less than a tenth of it, where both are above zero (a zero
  actual is a real figure: nothing yet, no cases).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from .numbers import format_plain

FAR = Decimal(10)  # more than FAR times the target, or less than 1/FAR of it, is far from it
PERCENT_WORDS = {"%", "persen", "prosen", "percent", "persentase", "prosentase"}
# The first word of a Satuan that counts whole things. Words of measure (hari, jam, tahun, ton, rupiah,
# indeks, nilai, poin, rasio) are not here: 2,5 hari or 3,8 poin are real figures.
COUNT_WORDS = {
    "unit", "orang", "dokumen", "koperasi", "kali", "kegiatan", "laporan", "buah", "jiwa", "paket", "umkm",
    "usaha", "kelompok", "desa", "kelurahan", "lembaga", "kasus", "perkara", "produk", "peserta", "pelaku",
    "sertifikat", "izin", "rekomendasi", "event", "pameran", "pelatihan", "sekolah", "rumah", "keluarga",
    "kk", "pasar", "toko", "gerai", "badan", "perusahaan", "ikm", "koperasi/umkm", "naskah", "berkas",
    "surat", "aplikasi", "sistem", "inovasi", "regulasi", "perda", "perbup", "perwal", "sk", "kajian",
    "titik", "lokasi", "bidang", "pegawai", "asn", "tenaga", "pengaduan", "aduan", "layanan", "fasilitas",
    "kios", "los", "wirausaha", "pengusaha", "anggota", "lulusan", "siswa", "pendamping", "kabupaten",
    "kecamatan", "kota", "instansi", "opd", "perangkat", "kendaraan", "set", "eksemplar", "judul", "rekaman",
}


def _words(unit: str) -> list[str]:
    return unit.lower().replace("(", " ").replace(")", " ").replace(".", " ").split()


def is_percent(unit: str) -> bool:
    """Whether the Satuan is a percentage ("%", "persen", "Persen (%)")."""
    words = set(_words(unit))
    return bool(words) and words <= PERCENT_WORDS


def allows_percent_sign(unit: str) -> bool:
    """Whether a value of an indicator measured in `unit` may be written with a "%": a percentage ("%",
    "Persentase (%)"), or a unit naming one ("% per tahun", "persen poin"). "12,5%" for a unit of "kali",
    "indeks" or "per 1.000 KH" is a value in the wrong unit."""
    return "%" in unit or bool(PERCENT_WORDS & set(_words(unit.replace("/", " "))))


def is_count(unit: str) -> bool:
    """Whether the Satuan counts whole things ("orang", "Dokumen", "unit usaha", "koperasi")."""
    words = _words(unit)
    return bool(words) and words[0] in COUNT_WORDS


def implausible(value: Decimal | None, *, unit: str, target: Decimal | str | None = None) -> list[str]:
    """What is implausible about `value` for an indicator measured in `unit` against `target` (a text
    target and a missing one are not compared): one message per rule broken, [] for a plausible figure."""
    if value is None:
        return []
    shown = {"value": format_plain(value), "unit": unit}
    found: list[str] = []
    if is_percent(unit):
        if value > 100:
            found.append(_("%(value)s is above 100 for a unit of %(unit)s: right for a growth or a ratio, otherwise "
                           "check that it is not a typo (850 for 85,0)") % shown)
        elif value < 0:
            found.append(_("%(value)s is below 0 for a unit of %(unit)s") % shown)
    elif is_count(unit):
        if value != value.to_integral_value():
            found.append(_("%(value)s %(unit)s is not a whole number, though %(unit)s are counted") % shown)
        if value < 0:
            found.append(_("%(value)s %(unit)s is below 0, though %(unit)s are counted") % shown)
    if isinstance(target, Decimal) and target > 0 and value > 0:
        if value > target * FAR or value * FAR < target:
            found.append(_("%(value)s is far from the target of %(target)s %(unit)s (more than 10 times it or less "
                           "than a tenth of it)") % {**shown, "target": format_plain(target)})
    return found

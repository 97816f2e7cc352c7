"""Comparing two SOP versions matches steps by their text (actions.align_steps), so a step added or
removed in the middle is one change, not a change of every step after it."""

from __future__ import annotations

from decimal import Decimal

from kinerja.sop.actions import StepFacts, align_steps, compare_versions
from kinerja.sop.importers.draft import SopDraft, StepDraft

Row = tuple[str, str, tuple[int, ...], str, str]  # actor, activity, returns to, time, unit

TEXTS: list[Row] = [
    ("Sekretaris", "Menerima surat Kepala Dinas dan mendisposisikan kepada Kasubbag", (), "2", "minute"),
    ("Kasubbag", "Memerintahkan JFU untuk menghimpun data kinerja", (), "10", "minute"),
    ("JFU", "Berkoordinasi dengan bidang-bidang dan menyusun draft data kinerja", (), "10", "day"),
    ("Kasubbag", "Memeriksa, menyusun dan memaraf draft data kinerja", (3,), "5", "day"),
    ("Sekretaris", "Memeriksa dan memaraf draft data kinerja", (4,), "1", "day"),
    ("Kepala Dinas", "Memeriksa dan menandatangani data kinerja", (5,), "4", "day"),
]


def draft(rows: list[Row]) -> SopDraft:
    return SopDraft(path=None, name="SOP Pengumpulan Data Kinerja",  # type: ignore[arg-type]
                    actors=sorted({r[0] for r in rows}),
                    steps=[StepDraft(number=i, actor=a, activity=t, duration_value=Decimal(v), duration_unit=u,
                                     returns_to=list(r)) for i, (a, t, r, v, u) in enumerate(rows, start=1)])


def renumbered(rows: list[Row], at: int, by: int) -> list[Row]:
    """The rows with return targets from step `at` on moved by `by` (as a revision that adds or removes
    a step before them writes them)."""
    return [(a, t, tuple(n + by if n >= at else n for n in r), v, u) for a, t, r, v, u in rows]


def test_a_step_inserted_in_the_middle_is_one_addition() -> None:
    rows = renumbered(TEXTS, 3, 1)
    rows.insert(2, ("Kasubbag", "Menyiapkan format isian data kinerja untuk bidang", (), "1", "day"))
    diff = compare_versions(draft(TEXTS), draft(rows))
    assert [(s.number, s.activity) for s in diff.added] == [(3, "Menyiapkan format isian data kinerja untuk bidang")]
    assert diff.removed == []
    assert diff.changed == []


def test_a_step_removed_in_the_middle_is_one_removal() -> None:
    rows = renumbered([r for i, r in enumerate(TEXTS) if i != 1], 3, -1)
    diff = compare_versions(draft(TEXTS), draft(rows))
    assert [s.number for s in diff.removed] == [2]
    assert diff.added == [] and diff.changed == []


def test_a_moved_step_that_also_changed_shows_its_old_number() -> None:
    rows = renumbered(TEXTS, 2, 1)
    rows.insert(1, ("Sekretaris", "Mencatat surat dalam buku agenda", (), "5", "minute"))
    rows[5] = ("Sekretaris", rows[5][1], rows[5][2], "2", "day")  # step 5, now 6: 1 hari → 2 hari
    diff = compare_versions(draft(TEXTS), draft(rows))
    assert [s.number for s in diff.added] == [2]
    assert [(c.number, c.old.number, c.renumbered, c.time_changed, c.returns_changed) for c in diff.changed] == [
        (6, 5, True, True, False)]


def test_an_edited_text_at_the_same_place_is_a_change() -> None:
    rows = list(TEXTS)
    rows[3] = ("Kasubbag", "Memeriksa, menyusun, memaraf dan mengunggah draft data kinerja", (3,), "5", "day")
    diff = compare_versions(draft(TEXTS), draft(rows))
    assert [(c.number, c.activity_changed, c.renumbered) for c in diff.changed] == [(4, True, False)]
    assert diff.added == diff.removed == []


def test_a_new_return_target_is_a_change_even_when_renumbered() -> None:
    rows = renumbered(TEXTS, 2, 1)
    rows.insert(1, ("Sekretaris", "Mencatat surat dalam buku agenda", (), "5", "minute"))
    rows[6] = (rows[6][0], rows[6][1], (4, 6), rows[6][3], rows[6][4])  # Kadis also returns to the Kasubbag
    diff = compare_versions(draft(TEXTS), draft(rows))
    assert [(c.number, c.returns_changed) for c in diff.changed] == [(7, True)]


def test_a_rewritten_step_among_others_is_matched_by_likeness() -> None:
    old = [StepFacts(i, "JFU", text, Decimal(1), "day") for i, text in enumerate(
        ["Menghimpun data bidang", "Menyusun draft laporan kinerja", "Mengirim draft"], start=1)]
    new = [StepFacts(i, "JFU", text, Decimal(1), "day") for i, text in enumerate(
        ["Menghimpun data bidang", "Memverifikasi bukti dukung", "Menyusun draft laporan kinerja triwulan",
         "Mengirim draft"], start=1)]
    pairs, removed, added = align_steps(old, new)
    assert [(o.number, n.number) for o, n in pairs] == [(1, 1), (2, 3), (3, 4)]
    assert removed == [] and [s.activity for s in added] == ["Memverifikasi bukti dukung"]

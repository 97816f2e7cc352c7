"""Generated SOPs (3 to 30 steps, 2 to 8 actors, names written with typos and aliases) and mutated
copies of the seed: the importer recovers the flow, or raises its own error, never anything else."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.sop.importers import SopImportError, read_document

from .documents import SEED, sop_text

pytestmark = pytest.mark.usefixtures("english")

# Column name and the ways step texts write it (typos, other case, aliases).
NAMES = {
    "Kadis": ["Kadis", "Kepala Dinas", "KEPALA DINAS", "kadis"],
    "Sekretaris": ["Sekretaris", "Sekretaris Dinas", "Sekertaris", "sekretaris"],
    "Kasubbag": ["Kasubbag", "Kassubbag", "Kasubag", "Kepala Sub Bagian"],
    "JFU": ["JFU", "Jabatan Fungsional Umum", "jfu"],
    "Kabid": ["Kabid", "Kepala Bidang", "KABID"],
    "Kasi": ["Kasi", "Kepala Seksi", "Kasie"],
    "Bendahara": ["Bendahara", "Bendaharra", "bendahara"],
    "Operator": ["Operator", "Operatorr", "operator"],
}
VERBS = ["menyampaikan kepada", "meneruskan berkas kepada", "memberi petunjuk kepada", "melaporkan kepada",
         "menyerahkan hasilnya kepada"]


@st.composite
def flows(draw: st.DrawFn) -> tuple[list[str], list[int], list[str], list[str]]:
    actors = draw(st.lists(st.sampled_from(sorted(NAMES)), min_size=2, max_size=8, unique=True))
    count = draw(st.integers(3, 30))
    order = draw(st.lists(st.integers(0, len(actors) - 1), min_size=count, max_size=count))
    seed = draw(st.integers(0, 10_000))
    rng = random.Random(seed)
    written = [rng.choice(NAMES[actors[i]]) for i in order]
    verbs = [rng.choice(VERBS) for _i in order]
    return actors, order, written, verbs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flows())
def test_it_recovers_every_actor_of_a_generated_sop(flow: tuple[list[str], list[int], list[str], list[str]]) -> None:
    actors, order, written, verbs = flow
    steps = []
    for i, actor_index in enumerate(order):
        handoff = f" dan {verbs[i + 1]} {written[i + 1]} untuk ditindaklanjuti" if i + 1 < len(order) else ""
        mark = actors[actor_index] if i == 0 else None
        steps.append((f"Mengolah berkas nomor {i + 1}{handoff}", f"{(i % 5) + 1} hari", mark))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.txt"
        path.write_text(sop_text(actors, steps), encoding="utf-8")
        draft = read_document(path)
    assert draft.actors == actors
    assert [s.actor for s in draft.steps] == [actors[i] for i in order]


def mutate(text: str, rng: random.Random, edits: int) -> str:
    lines = text.split("\n")
    for _ in range(edits):
        kind = rng.randrange(6)
        i = rng.randrange(len(lines))
        if kind == 0:
            del lines[i]
        elif kind == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif kind == 2 and lines[i]:
            j = rng.randrange(len(lines[i]))
            noise = rng.choice(["\t", "", "x", "½", "0", "kembali ke langkah 9", "kepada ", "\x00"])
            lines[i] = lines[i][:j] + noise + lines[i][j + 1:]
        elif kind == 3:
            cells = lines[i].split("\t")
            rng.shuffle(cells)
            lines[i] = "\t".join(cells)
        elif kind == 4:
            lines[i] = lines[i].upper() if rng.random() < 0.5 else lines[i].replace("\t", "\t\t", 1)
        else:
            lines[i] = "".join(chr(rng.randrange(32, 0x2FF)) for _ in range(rng.randrange(40)))
    return "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 8))
def test_a_mutated_seed_gives_a_result_or_an_import_error(seed: int, edits: int) -> None:
    text = mutate(SEED.read_text(encoding="utf-8"), random.Random(seed), edits)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mutated.txt"
        path.write_text(text, encoding="utf-8")
        try:
            draft = read_document(path)
        except SopImportError as e:
            assert "mutated.txt" in str(e)
            return
    assert draft.steps and all(s.actor in draft.actors for s in draft.steps)
    assert all(t < s.number for s in draft.steps for t in s.returns_to)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_give_an_import_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "noise.txt"
        path.write_bytes(data)
        try:
            read_document(path)
        except SopImportError:
            return


@st.composite
def flows_with_returns(draw: st.DrawFn) -> tuple[list[str], list[int], list[str], list[list[int]]]:
    """A flow whose later steps send work back, written "dikembalikan kepada <actor>" (to that actor's
    latest earlier step) or "kembali ke langkah <n>"."""
    actors, order, written, verbs = draw(flows())
    rng = random.Random(draw(st.integers(0, 10_000)))
    texts, expected = [], []
    for i, _actor_index in enumerate(order):
        clause, back = "", []
        if i >= 1 and rng.random() < 0.4:
            if rng.random() < 0.5:
                target = rng.randrange(1, i + 1)
                clause, back = f", bila ada kekurangan kembali ke langkah {target}", [target]
            else:
                earlier = order[rng.randrange(i)]
                latest = max(j for j in range(i) if order[j] == earlier) + 1
                name = rng.choice(NAMES[actors[earlier]])
                clause, back = f", apabila belum sesuai dikembalikan kepada {name} untuk diperbaiki", [latest]
        handoff = f", dan {verbs[i + 1]} {written[i + 1]} untuk ditindaklanjuti" if i + 1 < len(order) else ""
        texts.append(f"Memeriksa berkas nomor {i + 1}{clause}{handoff}")
        expected.append(back)
    return actors, order, texts, expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flows_with_returns())
def test_it_reads_both_kinds_of_return_in_a_generated_sop(
        flow: tuple[list[str], list[int], list[str], list[list[int]]]) -> None:
    actors, order, texts, expected = flow
    steps = [(text, "1 jam", actors[order[0]] if i == 0 else None) for i, text in enumerate(texts)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "returns.txt"
        path.write_text(sop_text(actors, steps), encoding="utf-8")
        draft = read_document(path)
    assert [s.actor for s in draft.steps] == [actors[i] for i in order]
    assert [s.returns_to for s in draft.steps] == expected

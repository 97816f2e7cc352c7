"""QR codes for the verification address printed in each signature block.

pyHanko's QR stamp imports the `qrcode` package, which is not among kinerja's dependencies; a URL only
needs byte mode at error-correction level M in versions 1–10 (up to 213 bytes), which fits in this
module. The algorithm follows ISO/IEC 18004: data bits, Reed–Solomon blocks, function patterns, the
zig-zag placement, and the mask with the lowest penalty.
"""

from __future__ import annotations

# Level M, versions 1–10: error-correction codewords per block, and number of blocks.
_ECC_PER_BLOCK = (0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26)
_BLOCKS = (0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5)
_FORMAT_LEVEL_M = 0  # the two format bits of level M
_MAX_VERSION = 10

_MASKS = (
    lambda x, y: (x + y) % 2 == 0,
    lambda x, y: y % 2 == 0,
    lambda x, y: x % 3 == 0,
    lambda x, y: (x + y) % 3 == 0,
    lambda x, y: (x // 3 + y // 2) % 2 == 0,
    lambda x, y: x * y % 2 + x * y % 3 == 0,
    lambda x, y: (x * y % 2 + x * y % 3) % 2 == 0,
    lambda x, y: ((x + y) % 2 + x * y % 3) % 2 == 0,
)


def _raw_modules(version: int) -> int:
    """Modules left for data and error correction once the function patterns are placed."""
    result = (16 * version + 128) * version + 64
    if version >= 2:
        n = version // 7 + 2
        result -= (25 * n - 10) * n - 55
        if version >= 7:
            result -= 36
    return result


def _data_codewords(version: int) -> int:
    return _raw_modules(version) // 8 - _ECC_PER_BLOCK[version] * _BLOCKS[version]


def _gf_mul(a: int, b: int) -> int:
    result = 0
    for i in reversed(range(8)):
        result = (result << 1) ^ ((result >> 7) * 0x11D)
        result ^= ((b >> i) & 1) * a
    return result


def _rs_remainder(data: list[int], degree: int) -> list[int]:
    # Generator polynomial (x - 2^0)(x - 2^1)…(x - 2^(degree-1)), leading term dropped.
    divisor = [0] * (degree - 1) + [1]
    root = 1
    for _ in range(degree):
        for j in range(degree):
            divisor[j] = _gf_mul(divisor[j], root)
            if j + 1 < degree:
                divisor[j] ^= divisor[j + 1]
        root = _gf_mul(root, 2)
    remainder = [0] * degree
    for byte in data:
        factor = byte ^ remainder.pop(0)
        remainder.append(0)
        for j in range(degree):
            remainder[j] ^= _gf_mul(divisor[j], factor)
    return remainder


def _codewords(payload: bytes) -> tuple[int, list[int]]:
    for version in range(1, _MAX_VERSION + 1):
        count_bits = 8 if version <= 9 else 16
        if 4 + count_bits + 8 * len(payload) <= _data_codewords(version) * 8:
            break
    else:
        raise ValueError(f"{len(payload)} bytes do not fit a QR code up to version {_MAX_VERSION}")
    bits: list[int] = []

    def put(value: int, length: int) -> None:
        bits.extend((value >> i) & 1 for i in reversed(range(length)))

    put(0b0100, 4)  # byte mode
    put(len(payload), count_bits)
    for byte in payload:
        put(byte, 8)
    capacity = _data_codewords(version) * 8
    put(0, min(4, capacity - len(bits)))
    put(0, -len(bits) % 8)
    data = [int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8)]
    pad = 0xEC
    while len(data) < capacity // 8:
        data.append(pad)
        pad ^= 0xEC ^ 0x11

    blocks_n, ecc_n = _BLOCKS[version], _ECC_PER_BLOCK[version]
    raw = _raw_modules(version) // 8
    short_blocks = blocks_n - raw % blocks_n
    short_len = raw // blocks_n - ecc_n  # data codewords of a short block
    blocks: list[tuple[list[int], list[int]]] = []
    k = 0
    for i in range(blocks_n):
        part = data[k:k + short_len + (0 if i < short_blocks else 1)]
        k += len(part)
        blocks.append((part, _rs_remainder(part, ecc_n)))
    out = [b[0][i] for i in range(short_len + 1) for b in blocks if i < len(b[0])]
    out += [b[1][i] for i in range(ecc_n) for b in blocks]
    return version, out


def _alignment_positions(version: int, size: int) -> list[int]:
    if version == 1:
        return []
    n = version // 7 + 2
    step = (version * 4 + n * 2 + 1) // (n * 2 - 2) * 2
    return [6] + sorted(size - 7 - i * step for i in range(n - 1))


def _bch(value: int, poly: int, degree: int) -> int:
    rem = value
    for _ in range(degree):
        rem = (rem << 1) ^ ((rem >> (degree - 1)) * poly)
    return value << degree | rem


def matrix(text: str, *, mask: int | None = None) -> list[list[bool]]:
    """The modules of the QR code of `text` (UTF-8), rows top to bottom, True for dark; `mask` forces
    one of the eight masks instead of the one with the lowest penalty."""
    version, codewords = _codewords(text.encode("utf-8"))
    size = version * 4 + 17
    dark = [[False] * size for _ in range(size)]
    fixed = [[False] * size for _ in range(size)]

    def put(x: int, y: int, on: bool) -> None:
        dark[y][x], fixed[y][x] = on, True

    for i in range(size):
        put(6, i, i % 2 == 0)
        put(i, 6, i % 2 == 0)
    for cx, cy in ((3, 3), (size - 4, 3), (3, size - 4)):
        for dy in range(-4, 5):
            for dx in range(-4, 5):
                if 0 <= cx + dx < size and 0 <= cy + dy < size:
                    put(cx + dx, cy + dy, max(abs(dx), abs(dy)) not in (2, 4))
    align = _alignment_positions(version, size)
    for ax in align:
        for ay in align:
            if (ax, ay) in ((6, 6), (6, size - 7), (size - 7, 6)):
                continue
            for dy in range(-2, 3):
                for dx in range(-2, 3):
                    put(ax + dx, ay + dy, max(abs(dx), abs(dy)) != 1)
    if version >= 7:
        bits = _bch(version, 0x1F25, 12)
        for i in range(18):
            a, b = size - 11 + i % 3, i // 3
            put(a, b, (bits >> i) & 1 == 1)
            put(b, a, (bits >> i) & 1 == 1)

    def draw_format(mask: int) -> None:
        bits = _bch(_FORMAT_LEVEL_M << 3 | mask, 0x537, 10) ^ 0x5412
        bit = [(bits >> i) & 1 == 1 for i in range(15)]
        for i in range(6):
            put(8, i, bit[i])
        put(8, 7, bit[6])
        put(8, 8, bit[7])
        put(7, 8, bit[8])
        for i in range(9, 15):
            put(14 - i, 8, bit[i])
        for i in range(8):
            put(size - 1 - i, 8, bit[i])
        for i in range(8, 15):
            put(8, size - 15 + i, bit[i])
        put(8, size - 8, True)

    draw_format(0)  # reserves the format area before the data is placed
    i = 0
    total = len(codewords) * 8
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        for vert in range(size):
            for j in range(2):
                x = right - j
                y = size - 1 - vert if (right + 1) & 2 == 0 else vert
                if not fixed[y][x] and i < total:
                    dark[y][x] = (codewords[i >> 3] >> (7 - (i & 7))) & 1 == 1
                    i += 1
        right -= 2

    best: tuple[int, list[list[bool]]] | None = None
    for candidate in ([mask] if mask is not None else range(8)):
        for y in range(size):
            for x in range(size):
                if not fixed[y][x] and _MASKS[candidate](x, y):
                    dark[y][x] = not dark[y][x]
        draw_format(candidate)
        score = _penalty(dark)
        if best is None or score < best[0]:
            best = (score, [row[:] for row in dark])
        for y in range(size):
            for x in range(size):
                if not fixed[y][x] and _MASKS[candidate](x, y):
                    dark[y][x] = not dark[y][x]
    assert best is not None
    return best[1]


def _penalty(m: list[list[bool]]) -> int:
    size = len(m)
    score = 0
    lines = m + [list(col) for col in zip(*m, strict=True)]
    for line in lines:
        run = 1
        for a, b in zip(line, line[1:], strict=False):
            run = run + 1 if a == b else 1
            score += 3 if run == 5 else (1 if run > 5 else 0)
        bits = 0
        for k, cell in enumerate(line):
            bits = ((bits << 1) & 0x7FF) | int(cell)
            if k >= 10 and bits in (0x05D, 0x5D0):
                score += 40
    for y in range(size - 1):
        for x in range(size - 1):
            if m[y][x] == m[y][x + 1] == m[y + 1][x] == m[y + 1][x + 1]:
                score += 3
    dark = sum(map(sum, m))
    total = size * size
    score += ((abs(dark * 20 - total * 10) + total - 1) // total - 1) * 10
    return score


def svg(text: str, *, border: int = 2) -> str:
    """An SVG image of the QR code of `text`, one unit per module."""
    m = matrix(text)
    n = len(m) + 2 * border
    path = "".join(f"M{x + border},{y + border}h1v1h-1z" for y, row in enumerate(m) for x, on in enumerate(row) if on)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" shape-rendering="crispEdges">'
            f'<rect width="{n}" height="{n}" fill="#fff"/><path d="{path}" fill="#000"/></svg>')

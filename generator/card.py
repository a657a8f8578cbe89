"""The image a shared link previews with (Open Graph and Twitter cards), drawn here, no service involved.

A speech bubble with lines of text on the theme's indigo, 1200 x 630 (the size link previews
expect), written as a PNG with the standard library. The file is kept in the site theme's
assets; regenerate after changing this module:  python -m generator.card
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
INDIGO, WHITE, PALE = (0x3F, 0x51, 0xB5), (0xFF, 0xFF, 0xFF), (0xC5, 0xCA, 0xE9)  # Material's indigo 500, 100
CARD = Path(__file__).parent / "site_theme" / "assets" / "briefing-card.png"


class Canvas:
    def __init__(self, width: int, height: int, colour: tuple[int, int, int]):
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(colour) * (width * height))

    def span(self, y: int, x0: int, x1: int, colour: tuple[int, int, int]) -> None:
        x0, x1 = max(0, x0), min(self.width, x1)
        if 0 <= y < self.height and x0 < x1:
            start = (y * self.width + x0) * 3
            self.pixels[start : start + (x1 - x0) * 3] = bytes(colour) * (x1 - x0)

    def rounded_rect(self, x0: int, y0: int, x1: int, y1: int, radius: int, colour) -> None:
        for y in range(y0, y1):
            inset = 0
            dy = max(y0 + radius - y - 1, y - (y1 - radius), 0)
            if dy:
                inset = radius - int((radius * radius - dy * dy) ** 0.5)
            self.span(y, x0 + inset, x1 - inset, colour)

    def triangle_down(self, x0: int, x1: int, y0: int, y1: int, colour) -> None:
        """A tail narrowing from the segment x0..x1 at y0 to a point at x0, y1."""
        for y in range(y0, y1):
            self.span(y, x0, x0 + round((x1 - x0) * (y1 - y) / (y1 - y0)), colour)

    def png(self) -> bytes:
        raw = b"".join(
            b"\x00" + bytes(self.pixels[y * self.width * 3 : (y + 1) * self.width * 3]) for y in range(self.height)
        )

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)  # 8-bit RGB
        return (
            b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
        )


def card() -> bytes:
    canvas = Canvas(WIDTH, HEIGHT, INDIGO)
    canvas.rounded_rect(200, 120, 1000, 440, 48, WHITE)
    canvas.triangle_down(330, 450, 440, 540, WHITE)
    for n, length in enumerate((560, 480, 300)):
        canvas.rounded_rect(280, 190 + n * 80, 280 + length, 222 + n * 80, 16, PALE)
    return canvas.png()


def main() -> int:
    CARD.write_bytes(card())
    print(f"wrote {CARD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

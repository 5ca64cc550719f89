"""What poppler-utils read from page 1 of a PDF: its words with their boxes (pdftotext -bbox)
and its pixels (pdftoppm), so that two engines' PDFs are compared the same way."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path
from typing import NamedTuple

_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')
_PPM = re.compile(rb"P6\s+(\d+)\s+(\d+)\s+255\s")


class Word(NamedTuple):
    """A word and its box, in points from the page's top left corner."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    def overlaps(self, other: Word) -> bool:
        across = self.left < other.right and other.left < self.right
        return across and self.top < other.bottom and other.top < self.bottom


class Raster(NamedTuple):
    width: int
    height: int
    rgb: bytes
    """width * height pixels, three bytes each, row by row."""


def words(pdf: Path) -> list[Word]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [Word(html.unescape(m[5]), *(float(v) for v in m.groups()[:4])) for m in _WORD.finditer(out)]


def raster(pdf: Path, dpi: int) -> Raster:
    data = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf)], capture_output=True, check=True
    ).stdout
    header = _PPM.match(data)
    assert header is not None, "pdftoppm wrote no 8-bit PPM"
    width, height = int(header[1]), int(header[2])
    return Raster(width, height, data[header.end() : header.end() + width * height * 3])

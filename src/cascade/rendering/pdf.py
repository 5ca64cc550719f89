"""PDF through WeasyPrint, an optional extra (``pip install "cascade[pdf]"``)."""

from __future__ import annotations

from typing import Any


class PdfUnavailable(Exception):
    """WeasyPrint, or the system libraries it needs, are missing."""


def html_to_pdf(html: str) -> bytes:
    try:
        import weasyprint
    except ImportError:
        raise PdfUnavailable('PDF needs the pdf extra: pip install "cascade[pdf]"') from None
    except OSError as exc:  # WeasyPrint is installed but the system's pango is not
        raise PdfUnavailable(f"PDF needs the system's pango library (Debian: libpango-1.0-0): {exc}") from None
    document: Any = weasyprint.HTML(string=html)
    return bytes(document.write_pdf())

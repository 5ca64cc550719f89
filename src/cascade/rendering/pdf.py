"""PDF through WeasyPrint, an optional extra (``pip install "cascade[pdf]"``)."""

from __future__ import annotations

from typing import Any

from cascade.errors import CascadeError

# A brief is whole in its HTML (styles inline). A custom template that names a stylesheet,
# font or image by URL must not make a render reach the network or read a file by its
# address, so WeasyPrint may fetch only ``data:`` URLs.
_FETCHABLE = ("data",)


class PdfUnavailable(CascadeError):
    """WeasyPrint, or the system libraries it needs, are missing: no PDF can be written."""


def html_to_pdf(html: str) -> bytes:
    try:
        import weasyprint
    except ImportError:
        raise PdfUnavailable('PDF needs the pdf extra: pip install "cascade[pdf]"') from None
    except OSError as exc:  # WeasyPrint is installed but the system's pango is not
        raise PdfUnavailable(f"PDF needs the system's pango library (Debian: libpango-1.0-0): {exc}") from None
    document: Any = weasyprint.HTML(string=html, url_fetcher=_fetcher(weasyprint))
    return bytes(document.write_pdf())


def _fetcher(weasyprint: Any) -> Any:
    fetcher_class = getattr(weasyprint, "URLFetcher", None)
    if fetcher_class is not None:  # WeasyPrint 68 and later
        return fetcher_class(allowed_protocols=_FETCHABLE)

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # earlier: a function
        if url.partition(":")[0].lower() not in _FETCHABLE:
            raise ValueError(f"cascade fetches no URL while it renders a PDF: {url[:80]}")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch

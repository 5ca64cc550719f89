"""Rendering: briefs and the index page written to files (``brief_files``), through the one
Jinja environment (``jinja_env``), with Markdown and ICS escaping, PDF through WeasyPrint,
and the cascade drawn as Mermaid or DOT (``diagram``)."""

from cascade.formats import FORMATS
from cascade.rendering.brief_files import MANIFEST, Rendered, RenderError, output_path, render, render_brief
from cascade.rendering.pdf import PdfUnavailable

__all__ = ["FORMATS", "MANIFEST", "PdfUnavailable", "RenderError", "Rendered", "output_path", "render", "render_brief"]

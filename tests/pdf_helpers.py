"""Reading generated PDFs back: their text, their pages, and whether every font is embedded."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


@dataclass(frozen=True)
class PdfContent:
    pages: list[str]
    fonts: dict[str, bool]  # font name → embedded

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def compact(self) -> str:
        """The text without whitespace (line breaks fall anywhere in wrapped Chinese)."""
        return "".join(self.text.split())


def read_pdf(path: Path) -> PdfContent:
    reader = PdfReader(str(path))
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources is not None else None
        for ref in font_dict.get_object().values() if font_dict is not None else []:
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts[str(font.get("/BaseFont"))] = embedded
    return PdfContent([page.extract_text() or "" for page in reader.pages], fonts)

"""The PDFs' text layer: what copying, searching and pdftotext read back from a PDF.

WeasyPrint writes one ToUnicode entry per glyph: the text of the first cluster the glyph
was drawn in. Thai breaks that twice:

- a Thai cluster (a consonant with its marks) is several glyphs, so glyphs got the
  wrong text (ผู้ read back as ผ้้). ``GlyphFonts`` gives each glyph its own character
  from the font's character map instead (shifted marks through the Thai presentation
  forms of the Private Use Area);
- HarfBuzz's Thai shaper always draws sara am (ำ) as two glyphs, nikhahit and sara aa,
  moving the nikhahit before any tone mark (น้ำ is drawn น ํ ้ า). Those two glyphs are
  also plain ํ and า elsewhere, so no per-glyph entry can give ำ back. ``mark_sara_am``
  wraps each such run of glyphs in a marked-content span with an ``/ActualText`` (PDF
  32000-1 §14.9.4) that says the text it was drawn from (``้ำ``): readers that honour it
  — poppler's pdftotext and viewers, Acrobat, pdfium — read «อำเภอ», not «อําเภอ».
"""

import functools
import io
import re

# The Thai presentation forms of the Private Use Area (U+F700–U+F71A) that TLWG fonts
# map their shifted glyphs to (lowered tone marks, descenderless ฐ ญ …), and the
# character each one shows.
_THAI_PUA = dict(
    zip(
        range(0xF700, 0xF71B),
        "\u0e10\u0e31\u0e34\u0e35\u0e36\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e48\u0e49\u0e4a"
        "\u0e4b\u0e4c\u0e0d\u0e31\u0e4d\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e38\u0e39\u0e3a",
        strict=True,
    )
)

NIKHAHIT = "\u0e4d"
SARA_AA = "\u0e32"
SARA_AM = "\u0e33"
# The above-base marks HarfBuzz moves the nikhahit of a sara am in front of
# (hb-ot-shaper-thai: mai han-akat, the upper vowels, maitaikhu and the tone marks).
_ABOVE_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4e")


@functools.cache
def _glyph_characters(file_content: bytes) -> dict[int, str]:
    """Glyph id -> the one character it draws, from the font's own character map."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(file_content), lazy=True)
    glyphs: dict[int, str] = {}
    pua: dict[int, str] = {}
    for codepoint, name in font.getBestCmap().items():
        gid = font.getGlyphID(name)
        if 0xE000 <= codepoint <= 0xF8FF:
            if codepoint in _THAI_PUA:
                pua.setdefault(gid, _THAI_PUA[codepoint])
        else:
            glyphs.setdefault(gid, chr(codepoint))
    return pua | glyphs


class _GlyphText(dict):
    """A font's glyph -> text map that records each glyph's own character when known."""

    def __init__(self, characters: dict[int, str]):
        super().__init__()
        self.characters = characters

    def __setitem__(self, gid: int, text: str) -> None:
        super().__setitem__(gid, self.characters.get(gid, text))


class GlyphFonts(dict):
    """The fonts of a document, each given a _GlyphText as it is first used.

    Set as ``document.fonts`` before ``write_pdf``: WeasyPrint fills it while drawing.
    """

    def __setitem__(self, key, font) -> None:
        if font.file_content and not isinstance(font.to_unicode, _GlyphText):
            font.to_unicode = _GlyphText(_glyph_characters(font.file_content))
        super().__setitem__(key, font)


# WeasyPrint's text operators, one per item of a content stream (pydyf.Stream.stream).
_TF = re.compile(rb"^/(\S+) \S+ Tf$")
_TJ = re.compile(rb"^\[(.*)\] TJ$", re.DOTALL)
_TJ_PART = re.compile(rb"<([0-9a-fA-F]*)>|([^<\s]+)")
# Operators that may sit inside a sara am's run of glyphs (a raised mark has its own TJ).
_INSIDE_RUN = re.compile(rb"^(\S+ Ts|/\S+ \S+ Tf)$")


def _as_bytes(item) -> bytes | None:
    if isinstance(item, bytes):
        return item
    if isinstance(item, str):
        return item.encode()
    return None


def _actual_text(text: str) -> bytes:
    return (
        b"/Span <</ActualText <FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">>> BDC"
    )


def _tj_parts(body: bytes) -> list[tuple[bytes, int | None]]:
    """A TJ array as (source, glyph id or None), one entry per glyph or adjustment."""
    parts: list[tuple[bytes, int | None]] = []
    for m in _TJ_PART.finditer(body):
        if m.group(1) is None:
            parts.append((m.group(0), None))
        else:
            hexes = m.group(1)
            parts.extend(
                (b"<" + hexes[i : i + 4] + b">", int(hexes[i : i + 4], 16))
                for i in range(0, len(hexes), 4)
            )
    return parts


Glyph = tuple[int, int, str]  # (item of the stream, glyph in its TJ array, its text)
Spot = tuple[int, int]  # (item of the stream, glyph in its TJ array)


def _glyphs(
    items: list, texts: dict[str, dict[int, str]]
) -> tuple[list[Glyph | None], dict[int, list[tuple[bytes, int | None]]]]:
    """Every glyph drawn, in order, with where it is; None where a run must end. Also the
    parsed TJ arrays, by item."""
    glyphs: list[Glyph | None] = []
    parsed: dict[int, list[tuple[bytes, int | None]]] = {}
    font: dict[int, str] = {}
    for index, item in enumerate(items):
        data = _as_bytes(item)
        if data is None:
            glyphs.append(None)
            continue
        if m := _TF.match(data):
            # Only fonts that draw a nikhahit are read (2-byte glyph ids, as WeasyPrint
            # writes every font but bitmap ones).
            font = texts.get(m.group(1).decode(), {})
            continue
        if font and (m := _TJ.match(data)):
            parts = parsed[index] = _tj_parts(m.group(1))
            glyphs.extend(
                (index, j, font.get(gid, "")) for j, (_, gid) in enumerate(parts) if gid is not None
            )
        elif not _INSIDE_RUN.match(data):
            glyphs.append(None)
    return glyphs, parsed


def _sara_am_spans(glyphs: list[Glyph | None]) -> tuple[dict[Spot, str], set[Spot]]:
    """Nikhahit, above marks, sara aa: a span from the first glyph (with its ActualText)
    to the last."""
    opens: dict[Spot, str] = {}
    closes: set[Spot] = set()
    for i, glyph in enumerate(glyphs):
        if glyph is None or glyph[2] != NIKHAHIT:
            continue
        marks = ""
        for after in glyphs[i + 1 :]:
            if after is None:
                break
            if after[2] in _ABOVE_MARKS:
                marks += after[2]
                continue
            if after[2] == SARA_AA:
                opens[glyph[:2]] = marks + SARA_AM
                closes.add(after[:2])
            break
    return opens, closes


def _split_tj(
    index: int, parts: list[tuple[bytes, int | None]], opens: dict[Spot, str], closes: set[Spot]
) -> list:
    """One TJ array split where a span opens or closes, with the spans' operators."""
    out: list = []
    chunk: list[bytes] = []

    def flush() -> None:
        if chunk:
            out.append(b"[" + b" ".join(chunk) + b"] TJ")
            chunk.clear()

    for j, (source, _) in enumerate(parts):
        if (index, j) in opens:
            flush()
            out.append(_actual_text(opens[index, j]))
        chunk.append(source)
        if (index, j) in closes:
            flush()
            out.append(b"EMC")
    flush()
    return out


def _mark_stream(items: list, texts: dict[str, dict[int, str]]) -> list:
    """The items of one content stream with every sara am's glyphs in an ActualText span."""
    glyphs, parsed = _glyphs(items, texts)
    opens, closes = _sara_am_spans(glyphs)
    if not opens:
        return items
    touched = {index for index, _ in opens} | {index for index, _ in closes}
    out: list = []
    for index, item in enumerate(items):
        if index in touched:
            out.extend(_split_tj(index, parsed[index], opens, closes))
        else:
            out.append(item)
    return out


def mark_sara_am(document, pdf) -> None:
    """A ``write_pdf`` finisher: give every sara am drawn its ActualText (see the module)."""
    import pydyf

    texts = {
        font.hash: dict(font.to_unicode)
        for font in document.fonts.values()
        if NIKHAHIT in font.to_unicode.values() and not font.bitmap
    }
    if not texts:
        return
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and obj.stream:
            obj.stream = _mark_stream(obj.stream, texts)

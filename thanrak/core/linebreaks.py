"""Thai line breaks for every page: lines end between Thai words as PyThaiNLP cuts them.

Chromium breaks Thai with its own (ICU) dictionary, which splits compounds and loanwords an
officer reads as one word («ลง|ทะเบียน», «งบ|ประมาณ», «ผ้าบา|ติก»); no CSS turns that off
for Thai (``word-break: keep-all`` leaves Thai as it is). So each page's text is cut on the
server (``thai.line_runs``, the same cuts as the ``thai_lines`` filter): every Thai word in
a ``.nobreak`` span, a ``WORD_BREAK`` where a line may end between two, the whole piece of text
in one ``<thai-words>`` element (an inline element of no style: where the text stood alone
in a flex or grid box — a button, a choice — it stays one box, not a box per word, and
its accessible name keeps no spaces between its words). Tags, attributes,
comments and the text of elements that cannot hold markup or must stay as typed (scripts,
styles, text areas, ``pre``, titles, drop-downs, SVG drawings) are copied as they are. The
cut of each piece of text is kept per process (labels and menus repeat on every page).
"""

import functools
import html
import re

from django.utils.html import escape

from thanrak.core import thai

# What is copied as it is: an element whose text is raw or may not hold elements (with its
# content), a comment, a doctype or a tag (quoted attribute values may hold «>»).
_COPIED = re.compile(
    r"<(script|style|textarea|pre|title|select|datalist|svg|noscript|template)\b.*?</\1\s*>"
    r"|<!--.*?-->"
    r"|<[a-zA-Z!/?][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>",
    re.DOTALL | re.IGNORECASE,
)
NOBREAK = '<span class="nobreak">'
# Where a line may end between two Thai words: an empty element that CSS draws as a
# zero-width space (``thai-wbr::before`` in thanrak.css and the letter's style). Not <wbr>:
# chromium breaks at a <wbr> even inside ``white-space: nowrap`` (a tab, a button kept on
# one line); a space drawn by CSS is never copied with the text nor read out.
WORD_BREAK = "<thai-wbr></thai-wbr>"


def thai_html(page: str) -> str:
    """The page with the text between its tags cut where a Thai line may end."""
    parts: list[str] = []
    start, tag = 0, ""
    for match in _COPIED.finditer(page):
        parts.append(_text(page[start : match.start()], after=tag))
        tag = match[0]
        parts.append(tag)
        start = match.end()
    parts.append(_text(page[start:], after=tag))
    return "".join(parts)


def _text(raw: str, *, after: str) -> str:
    # Text without Thai, or that a template already kept whole, stays as it is.
    if not raw or after == NOBREAK or not thai.THAI_CHAR.search(raw):
        return raw
    return _cut(raw)


_EDGES = re.compile(r"(\s*)(.*?)(\s*)", re.DOTALL)


@functools.lru_cache(maxsize=8192)
def _cut(raw: str) -> str:
    before, text, after = _EDGES.fullmatch(raw).groups()
    return f"{before}<thai-words>{runs_html(html.unescape(text))}</thai-words>{after}"


def runs_html(text: str) -> str:
    """The text, escaped, cut where a Thai line may end (``thai.line_runs``): each word
    kept whole in a ``.nobreak`` span, a ``WORD_BREAK`` between two. The ``thai_lines``
    filter's markup too."""
    parts = []
    for run in thai.line_runs(text):
        if not run.text:
            parts.append(WORD_BREAK)
        elif run.whole:
            parts.append(f"{NOBREAK}{escape(run.text)}</span>")
        else:
            parts.append(escape(run.text))
    return "".join(parts)

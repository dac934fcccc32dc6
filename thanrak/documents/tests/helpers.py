"""Reading a PDF's text layer back, as a person copying from it would get it."""

import shutil
import subprocess
import tempfile
import unicodedata

# poppler-utils, installed with the system packages.
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
PDFINFO = shutil.which("pdfinfo") or "/usr/bin/pdfinfo"


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF (pdftotext in content order), NFC-normalised.

    Sara am (ำ) comes back as ำ (``documents.pdftext``), and NFC leaves it so. The marks
    of one cluster may come back in another order than typed (ผ ้ ู for ผ ู ้, as the
    font draws them): canonically equivalent, so NFC on both sides compares them.
    """
    assert data.startswith(b"%PDF"), "not a PDF"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        text = subprocess.run(  # noqa: S603 - fixed arguments, our own temporary file
            [PDFTOTEXT, "-raw", "-enc", "UTF-8", f.name, "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return unicodedata.normalize("NFC", text)


def norm(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def one_line(text: str) -> str:
    """Lines joined without their breaks, to find a sentence that wraps."""
    return "".join(text.split())


def pdf_pages(data: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        info = subprocess.run(  # noqa: S603 - fixed arguments, our own temporary file
            [PDFINFO, f.name], check=True, capture_output=True, text=True
        )
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages"))
    )

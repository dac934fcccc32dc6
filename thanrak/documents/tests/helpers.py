"""Reading a PDF's text layer back, as a person copying from it would get it."""

import shutil
import subprocess
import tempfile
import unicodedata

# poppler-utils, installed with the system packages.
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
PDFINFO = shutil.which("pdfinfo") or "/usr/bin/pdfinfo"


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF (pdftotext in content order), NFKC-normalised.

    HarfBuzz draws sara am (ำ) as nikhahit + sara aa, so the text layer holds those two,
    which is sara am's compatibility decomposition: NFKC on both sides compares them.
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
    return unicodedata.normalize("NFKC", text)


def norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


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

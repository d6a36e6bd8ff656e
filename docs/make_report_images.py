"""Make the comparison report pictures in docs/images from the example workshops.

    .venv/bin/python docs/make_report_images.py

Runs the real `cardengine compare examples/*.db`, renders chosen PDF pages to PNG with pypdfium2 and
takes screenshots of the HTML with headless Chromium (Debian: `apt-get install chromium`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
PDF_PAGES = {"report-pdf-domains.png": "2. Domini scelti", "report-pdf-criteria.png": "4. Fattibilità per criterio",
             "report-pdf-ranks.png": "5. Classifiche di fattibilità"}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1"]


def main() -> None:
    out = Path(tempfile.mkdtemp(prefix="cardengine-report-"))
    dbs = sorted((ROOT / "examples").glob("*.db"))
    subprocess.run([sys.executable, "-m", "cardengine", "compare", *map(str, dbs), "-o", str(out)], check=True)
    doc = pypdfium2.PdfDocument(out / "report.pdf")
    texts = [page.get_textpage().get_text_range() for page in doc]
    for name, heading in PDF_PAGES.items():
        index = max(i for i, t in enumerate(texts) if heading in t)  # the contents list them all, before
        doc[index].render(scale=70 / 72).to_pil().save(IMAGES / name)
        print(f"wrote docs/images/{name} (PDF page {index + 1})")
    doc.close()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        sys.exit("no chromium found for the HTML screenshots; install it (apt-get install chromium)")
    top = IMAGES / "report-html-top.png"
    subprocess.run([chromium, *CHROMIUM_FLAGS, "--window-size=1280,1500", f"--screenshot={top}",
                    (out / "report.html").as_uri()], check=True, capture_output=True)
    print(f"wrote docs/images/{top.name}")
    # The HTML as a browser prints it (A4 landscape from its print stylesheet): the criteria page.
    printed = out / "printed.pdf"
    subprocess.run([chromium, *CHROMIUM_FLAGS, "--no-pdf-header-footer", f"--print-to-pdf={printed}",
                    (out / "report.html").as_uri()], check=True, capture_output=True)
    doc = pypdfium2.PdfDocument(printed)
    texts = [page.get_textpage().get_text_range() for page in doc]
    index = max(i for i, t in enumerate(texts) if "4. Fattibilità per criterio" in t)
    doc[index].render(scale=70 / 72).to_pil().save(IMAGES / "report-html-printed.png")
    print(f"wrote docs/images/report-html-printed.png (printed page {index + 1} of {len(doc)})")
    doc.close()
    shutil.rmtree(out)


if __name__ == "__main__":
    main()

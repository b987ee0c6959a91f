"""Runs trafilatura on every page of a directory, for scripts/bench-html (run in scripts/.venv).

Usage: trafilatura-extract.py PAGES_DIR OUT_JSON
Writes {id: {"articleBody": text}} for every PAGES_DIR/<id>.html and prints
`trafilatura_seconds S` (CPU seconds of the extraction only: pages are read before the clock
starts, and the interpreter's start and imports are not counted) and `trafilatura_version V`.
"""
import json
import os
import sys
import time

import trafilatura

pages_dir, out_path = sys.argv[1], sys.argv[2]
pages = {}
for name in sorted(os.listdir(pages_dir)):
    if name.endswith(".html"):
        with open(os.path.join(pages_dir, name), encoding="utf-8", errors="replace") as page:
            pages[name[: -len(".html")]] = page.read()
start = time.process_time()
output = {}
for key, html in pages.items():
    # The benchmark's own settings for trafilatura: main text without comments.
    text = trafilatura.extract(html, include_comments=False)
    output[key] = {"articleBody": text or ""}
seconds = time.process_time() - start
with open(out_path, "w", encoding="utf-8") as out:
    json.dump(output, out, ensure_ascii=False)
print(f"trafilatura_seconds {seconds:.4f}")
print(f"trafilatura_version {trafilatura.__version__}")

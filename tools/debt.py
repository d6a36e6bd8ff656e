"""Count ruff's and mypy's real findings, ignoring any per-file exemption, and shrink debt lists to match.

Issue 14 emptied the debt lists and removed them from pyproject.toml; were one to come back (a DEBT block of
ruff per-file-ignores or of mypy ignore_errors modules), running this after a fix drops what is clean.
`--check` prints the real counts (findings the debt lists hide included) and changes nothing.
Run from the project root with the venv's tools.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
BIN = Path(sys.executable).parent


def ruff_findings() -> dict[str, set[str]]:
    out = subprocess.run([str(BIN / "ruff"), "check", "--config", "lint.per-file-ignores = {}", "--output-format",
                          "json", "--exit-zero"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    found: dict[str, set[str]] = defaultdict(set)
    for item in json.loads(out):
        found[str(Path(item["filename"]).resolve().relative_to(ROOT))].add(item["code"])
    return found


def mypy_findings() -> dict[str, int]:
    text = PYPROJECT.read_text()
    stripped = re.sub(r"\[\[tool\.mypy\.overrides\]\]\n# DEBT.*?ignore_errors = true\n", "", text, flags=re.S)
    with tempfile.NamedTemporaryFile("w", suffix=".toml", dir=ROOT, delete=False) as handle:
        handle.write(stripped)
    try:
        out = subprocess.run([str(BIN / "mypy"), "--config-file", handle.name], cwd=ROOT, capture_output=True,
                             text=True).stdout
    finally:
        Path(handle.name).unlink()
    found: dict[str, int] = defaultdict(int)
    for line in out.splitlines():
        match = re.match(r"^([\w/]+)\.py:\d+: error:", line)
        if match:
            path = match.group(1)
            module = re.sub(r"/__init__$", "", path).replace("/", ".")
            found[module] += 1
    return found


def main() -> int:
    ruff, mypy = ruff_findings(), mypy_findings()
    print(f"ruff: {sum(len(c) for c in ruff.values())} file-codes in {len(ruff)} files")
    print(f"mypy: {sum(mypy.values())} errors in {len(mypy)} modules")
    if "--check" in sys.argv:
        for module, count in sorted(mypy.items()):
            print(f"  mypy {module}: {count}")
        for path, codes in sorted(ruff.items()):
            print(f"  ruff {path}: {', '.join(sorted(codes))}")
        return 0
    text = PYPROJECT.read_text()
    lines = "".join(f'"{path}" = [{", ".join(json.dumps(c) for c in sorted(codes))}]\n'
                    for path, codes in sorted(ruff.items()))
    text = re.sub(r"(# DEBT \(issue 14\): findings not yet fixed[^\n]*\n)(?:\"[^\n]*\n)*", lambda m: m.group(1) + lines,
                  text)
    modules = "".join(f'    "{m}",\n' for m in sorted(mypy))
    text = re.sub(r"(# DEBT \(issue 14\): modules whose type errors[^\n]*\nmodule = \[\n)(?:    \"[^\n]*\n)*",
                  lambda m: m.group(1) + modules, text)
    PYPROJECT.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

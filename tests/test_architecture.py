"""The folders show the architecture: small modules, packages that say what they own, a map that matches."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400  # lines per module: beyond this a module holds more than one job
PACKAGES = [*sorted(p.parent for p in (ROOT / "cardengine").rglob("__init__.py")), ROOT / "tui"]
MODULES = sorted(p for folder in ("cardengine", "tui") for p in (ROOT / folder).rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_module_holds_more_than_one_job_by_size() -> None:
    long = {_name(p): n for p in MODULES if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT}
    assert long == {}, f"split these by job (over {LIMIT} lines)"


@pytest.mark.parametrize("package", PACKAGES, ids=_name)
def test_every_package_says_what_it_owns_and_what_it_may_import(package: Path) -> None:
    tree = ast.parse((package / "__init__.py").read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree) or ""
    assert len(doc.split()) >= 8, f"{_name(package)}: say in the docstring what the package owns"
    if package.name not in ("schemas",):  # data only: nothing to import
        assert re.search(r"\bimport", doc, re.I), f"{_name(package)}: say what the package may import"
    names = [t.id for node in tree.body if isinstance(node, ast.Assign | ast.AnnAssign)
             for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)]
    assert "__all__" in names, f"{_name(package)}: declare the public API in __all__"


def test_the_architecture_page_names_every_package_and_only_files_that_exist() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for package in PACKAGES:
        assert f"`{_name(package)}/`" in page, f"docs/architecture.md: say what {_name(package)}/ is"
    for folder, files in re.findall(r"\(`((?:cardengine|tui)[\w/]*)/`\)((?:(?!\n## ).)*)", page, re.S):
        for name in re.findall(r"`(\w+\.py)`", files):
            assert (ROOT / folder / name).is_file(), f"docs/architecture.md names {folder}/{name}, which is not there"

"""Hostile layouts: box templates that would take all memory or time, templates that load templates, and box
geometry no card can have. Each runs the real `cardengine build` (or `preview`) on a layout under tmp_path that
extends the bundled poker layout, and checks the exit code, the message, that nothing was written, and (for
the budgets) that the refusal came within 5 s and 200 MB.

Further hostile templates run in-process through `render`, the function the build uses, to keep this fast.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import _CONFIG, ROOT, run_here

from .conftest import assert_unchanged, tree

# Each refusal within 5 s of the child's processor time and 200 MB. Wall time is checked more loosely: on a
# loaded two-core CI machine starting Python alone can take seconds of waiting.
SECONDS, WALL_SECONDS, MEGABYTES = 5.0, 15.0, 200
# The old code took 3.9 GB for some of these: a cap on the child's address space keeps a regression from
# taking the machine with it (it then fails with an internal error, and the test says so).
ADDRESS_SPACE = 2 * 1024 ** 3
CPU_SECONDS = 60


@pytest.fixture
def cli():
    """The commands run in this process (`run_here`): what they do and say is tested, not Python's start-up."""
    return run_here


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    seconds: float  # processor time of the child (user + system)
    wall: float
    megabytes: float


# The command runs as the grandchild of a small launcher: a child forked from the test process would count the
# test process's own memory in its peak (Linux keeps a process's high-water mark across fork and exec), and
# tests that run commands in-process make that memory large.
_LAUNCH = """
import json, os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[2]), int(sys.argv[2])))
resource.setrlimit(resource.RLIMIT_CPU, (int(sys.argv[3]), int(sys.argv[3])))
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "cardengine", *sys.argv[4:]])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    json.dump([status, usage.ru_utime + usage.ru_stime, usage.ru_maxrss], report)
"""


def run_measured(*args: str | Path, cwd: Path = ROOT) -> Measured:
    """The real command in a process of its own, with its own wall time and peak memory (wait4's rusage)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "XDG_CONFIG_HOME": _CONFIG}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "usage.json"
        start = time.monotonic()
        subprocess.run([sys.executable, "-c", _LAUNCH, str(report), str(ADDRESS_SPACE), str(CPU_SECONDS),
                        *map(str, args)], cwd=cwd, env=env, stdout=out, stderr=err, check=True)
        wall = time.monotonic() - start
        status, seconds, maxrss = json.loads(report.read_text())
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    assert "Traceback" not in stderr, stderr
    return Measured(os.waitstatus_to_exitcode(status), stdout, stderr, seconds, wall, maxrss / 1024)


def hostile_layout(folder: Path, template: str | None = None, extra: str = "") -> Path:
    """A layout extending poker whose summary box has `template`, plus any `extra` YAML."""
    text = "id: hostile\nname: Hostile\nextends: poker\n" + extra
    if template is not None:
        text += f"front:\n  - name: summary\n    template: {json.dumps(template)}\n"
    path = folder / "layouts" / "hostile.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def refused(tmp_path: Path, small_deck: Path, layout: Path, command: str = "build") -> Measured:
    """Run `command` on the small deck with `layout`: exit 1, nothing written, within the budgets."""
    before = tree(tmp_path)
    output = ("-o", tmp_path / "out") if command != "validate" else ()
    run = run_measured(command, small_deck, "--layout", layout, *output)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "internal error" not in run.stderr
    assert_unchanged(before, tmp_path)
    return run


def within_budget(run: Measured) -> None:
    assert run.seconds < SECONDS, f"took {run.seconds:.1f} s of processor time"
    assert run.wall < WALL_SECONDS, f"took {run.wall:.1f} s"
    assert run.megabytes < MEGABYTES, f"took {run.megabytes:.0f} MB"


BOX = "deck water, card WT-01, box 'summary': "


# ---------------------------------------------------------------- the cases, through the command line

@pytest.mark.parametrize("template, message", [
    ("{{ 'x' * 10**9 }}", "'x' * 1000000000 would make a text of 1,000,000,000 characters, above the 256 KiB"),
    ("{{ card.summary | indent(10**9) }}", "indent(1000000000) asks for a width of 1,000,000,000; widths and "
                                           "padding go up to 1,000 characters"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
     "the template's loops ran more than 100,000 times"),
    ("{{ card.summary | center(10**9) }}", "center(1000000000) asks for a width of 1,000,000,000"),
], ids=["repeat", "indent", "nested-range", "center"])
def test_template_budgets_stop_the_build(tmp_path, small_deck, template, message):
    run = refused(tmp_path, small_deck, hostile_layout(tmp_path, template))
    assert BOX + message in run.stderr
    assert "make the template do less (box 'summary' in " in run.stderr and "hostile.yaml)" in run.stderr
    assert "cardengine: nothing built; 1 problem(s) above" in run.stderr
    within_budget(run)


def test_a_template_budget_is_said_in_the_language_of_the_messages(tmp_path, small_deck, monkeypatch):
    monkeypatch.setenv("CARDENGINE_LANG", "it")
    run = refused(tmp_path, small_deck, hostile_layout(tmp_path, "{{ card.summary | center(10**9) }}"))
    assert ("center(1000000000) chiede una larghezza di 1,000,000,000; larghezze e riempimenti arrivano a 1,000 "
            "caratteri") in run.stderr
    assert "asks for a width" not in run.stderr


def test_a_loop_over_a_literal_list_hits_the_loop_budget(tmp_path, small_deck):
    numbers = "[" + ", ".join(map(str, range(100))) + "]"
    template = (f"{{% set l = {numbers} %}}{{% for a in l %}}{{% for b in l %}}{{% for c in l %}}"
                "{% endfor %}{% endfor %}{% endfor %}")
    run = refused(tmp_path, small_deck, hostile_layout(tmp_path, template))
    assert BOX + "the template's loops ran more than 100,000 times" in run.stderr
    within_budget(run)


def test_a_template_that_only_recurses_hits_the_time_budget(tmp_path, small_deck):
    # 2**40 macro calls, no output, no loop: only the time budget stops it.
    template = "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}"
    run = refused(tmp_path, small_deck, hostile_layout(tmp_path, template))
    assert BOX + "the template ran longer than 1 s for this card" in run.stderr
    within_budget(run)


def test_output_budget_in_preview(tmp_path, small_deck):
    template = "{% for i in range(5000) %}{{ card.description }}{% endfor %}"
    run = refused(tmp_path, small_deck, hostile_layout(tmp_path, template), command="preview")
    assert BOX + "the template's output passed 64 KiB" in run.stderr
    within_budget(run)


def test_a_huge_text_that_passes_the_budgets_does_not_hang_text_fitting(tmp_path, small_deck):
    # 60,000 letters without a space: wrapping measured every head of the word for every line (minutes).
    run = refused(tmp_path, small_deck, hostile_layout(tmp_path, "{{ 'x' * 60000 }}"))
    assert BOX + "text does not fit: needs at least" in run.stderr and "(far too much text)" in run.stderr
    within_budget(run)


def test_templates_cannot_load_templates(tmp_path, small_deck, cli):
    layout = hostile_layout(tmp_path, "{{ card.title }}\n{% include 'poker.yaml' %}")
    before = tree(tmp_path)
    run = cli("build", small_deck, "--layout", layout, "-o", tmp_path / "out")
    assert run.returncode == 1
    assert ("hostile.yaml:6:15: front[0].template: box 'summary': templates cannot load other templates "
            "({% include %} on line 2 of the template); write the text in the box's template itself; a box "
            "template stands on its own") in run.stderr
    assert_unchanged(before, tmp_path)


@pytest.mark.parametrize("tag, name", [("{% import 'x' as x %}", "import"),
                                       ("{% from 'x' import y %}", "from ... import"),
                                       ("{% extends 'poker.yaml' %}", "extends"), ("{% include x %}", "include")])
def test_every_tag_that_loads_a_template_is_refused(tag, name):
    from cardengine.printing.templating import template_problem

    found = template_problem("{% if true %}\n" + tag + "{% endif %}")
    assert found and found[0] == (f"templates cannot load other templates ({{% {name} %}} on line 2 of the template); "
                                  "write the text in the box's template itself")


def test_absurd_geometry_is_refused_at_load(tmp_path, small_deck, cli):
    layout = hostile_layout(tmp_path, extra=(
        "front:\n"
        "  - {name: summary, w: -5}\n"
        "  - {name: title, h: 0}\n"
        "  - {name: description, x: 1000000000}\n"
        "  - {name: band, w: '99999999999%'}\n"
        "  - {name: id, min_size: 20, size: 8}\n"
        "back:\n"
        "  - {name: frame, radius: 1000}\n"))
    before = tree(tmp_path)
    for command in ("build", "preview"):
        run = cli(command, small_deck, "--layout", layout, "-o", tmp_path / "out")
        assert run.returncode == 1, run.output
        for line in [
            "hostile.yaml:5:24: front[0].w: box 'summary' is -5 mm wide; give w from 0.1 to 63 mm",
            "hostile.yaml:6:22: front[1].h: box 'title' is 0 mm high; give h from 0.1 to 88 mm",
            "hostile.yaml:7:28: front[2].x: box 'description' starts at 1e+09 mm, off the card (63 mm wide); "
            "give x from -10 to 63 mm",
            "hostile.yaml:8:21: front[3].w: box 'band' reaches 6.3e+10 mm, beyond the card (63 mm wide) and its "
            "bleed; make w at most 73 mm",
            "hostile.yaml:9:26: front[4].min_size: box 'id': min_size 20 pt is above its size 8 pt; make "
            "min_size at most 8",
            "hostile.yaml:11:27: back[0].radius: box 'frame': a corner radius of 1000 mm is more than half the "
            "box's smaller side; give a radius of at most 27.5 mm",
        ]:
            assert line in run.stderr, line
        assert "internal error" not in run.stderr
    assert_unchanged(before, tmp_path)


def test_numbers_that_are_not_numbers_are_refused_at_load(tmp_path, small_deck, cli):
    layout = hostile_layout(tmp_path, extra="font_scale: .nan\nfront:\n  - {name: actors, size: .nan}\n"
                                            "  - {name: facts, h: .inf}\n  - {name: rule, y: -.inf}\n")
    before = tree(tmp_path)
    run = cli("build", small_deck, "--layout", layout, "-o", tmp_path / "out")
    assert run.returncode == 1
    for line in ["hostile.yaml:4:13: font_scale: '.nan' is not a finite number; write an ordinary number",
                 "hostile.yaml:6:26: front[0].size: '.nan' is not a finite number",
                 "hostile.yaml:7:22: front[1].h: '.inf' is not a finite number",
                 "hostile.yaml:8:21: front[2].y: '-.inf' is not a finite number"]:
        assert line in run.stderr, line
    assert_unchanged(before, tmp_path)


def test_a_card_size_that_leaves_inherited_boxes_off_the_card_names_where_they_were_written(tmp_path, small_deck,
                                                                                             cli):
    layout = hostile_layout(tmp_path, extra="size: {width: 30, height: 40}\n")
    before = tree(tmp_path)
    run = cli("build", small_deck, "--layout", layout, "-o", tmp_path / "out")
    assert run.returncode == 1
    # Named at the line of its `y` in poker.yaml, wherever the back's boxes stand today.
    lines = (Path(__file__).parents[2] / "layouts" / "poker.yaml").read_text(encoding="utf-8").splitlines()
    back = lines.index("back:")
    name = lines.index("  - name: subtitle", back)
    y_line = next(i for i in range(name, len(lines)) if lines[i].startswith("    y: ")) + 1
    index = sum(1 for line in lines[back:name] if line.startswith("  - "))
    y = float(lines[y_line - 1].split(":")[1])
    assert f"layouts/poker.yaml:{y_line}:8: back[{index}].y: box 'subtitle' starts at {y:g} mm, off the card " \
           "(40 mm high)" in run.stderr, run.stderr
    assert "internal error" not in run.output
    assert_unchanged(before, tmp_path)


def test_a_failing_template_is_a_layout_problem_not_an_internal_error(tmp_path, small_deck, cli):
    layout = hostile_layout(tmp_path, "{{ 1 / 0 }}")
    before = tree(tmp_path)
    run = cli("build", small_deck, "--layout", layout, "-o", tmp_path / "out")
    assert run.returncode == 1
    assert BOX + "template failed: ZeroDivisionError: division by zero" in run.stderr
    assert_unchanged(before, tmp_path)


# ---------------------------------------------------------------- further hostile templates, in-process

CONTEXT = {"card": {"id": "WT-01", "title": "Rainwater reuse", "summary": "Companies collect roof rainwater.",
                    "description": "An underground tank collects water from factory roofs.", "actors": ["A", "B"]}}


@pytest.mark.parametrize("template, message", [
    # widths and padding, through filters, str methods and formatting
    ("{{ 'x'.ljust(10**9) }}", "ljust() asks for a width of 1,000,000,000"),
    ("{{ 'x'.zfill(10**9) }}", "zfill() asks for a width"),
    ("{{ ('\t' * 1000).expandtabs(1000) }}", "expandtabs() would make a text of 1,001,000 characters"),
    ("{{ '{:{}}'.format(1, 10**9) }}", "the format '{:1000000000}' asks for a width or precision above 1,000"),
    ("{{ '{:.1000000000f}'.format(1.5) }}", "asks for a width or precision above 1,000"),
    ("{{ '%.1000000000f' % 1.5 }}", "'%' formatting asks for a width of 1,000,000,000"),
    ("{{ '%*s' % (10**9, 'x') }}", "'%' formatting asks for a width of 1,000,000,000"),
    ("{{ '%((a))1000000000s' % {'(a)': 1} }}", "'%' formatting asks for a width of 1,000,000,000"),
    ("{{ '%s' | format(1) * 10**8 }}", "would make a text of 100,000,000 characters"),
    ("{{ '%1000000000d' | format(1) }}", "format asks for a width of 1,000,000,000"),
    ("{{ 'x' | wordwrap(1, wrapstring='y' * 200000) }}", "wordwrap would make a text of"),
    ("{{ ('x' * 100000) | replace('x', 'yyyyy') }}", "replace would make a text of 500,000 characters"),
    ("{{ ('x' * 100000).replace('x', 'yyyyy') }}", "replace() would make a text of 500,000 characters"),
    ("{{ ('x' * 200).translate({120: 'y' * 10000}) }}", "translate() would make a text of 2,000,000"),
    ("{{ range(50000) | join('x' * 1000) }}", "join would make a text of"),
    ("{{ ('x' * 1000).join(range(5000) | map('string')) }}", "join() would make a text of"),
    ("{{ card | tojson(indent=10**9) }}", "tojson(indent=1000000000): indents go up to 16"),
    ("{{ 'x' | indent('y' * 2000) }}", "indent(2000) asks for a width of 2,000"),
    ("{{ (1).to_bytes(10**9, 'big') }}", "to_bytes() would make a text of 1,000,000,000"),
    # numbers
    ("{{ 2 ** (10**9) }}", "would make a number of about 301,030,000 digits"),
    ("{% set ns = namespace(n=3) %}{% for i in range(30) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
     "would make a number of about"),
    ("{{ ('9' * 5000) | int }}", "int of a text of 5,000 characters"),
    # lists and generators
    ("{{ [card] * 10**6 }}", "would make a text of"),
    ("{{ [1] | batch(10**9, 'x') | list }}", "batch(1,000,000,000): at most 100,000"),
    ("{{ [1] | slice(10**9) | list }}", "slice(1,000,000,000): at most 100,000"),
    ("{{ range(2000) | batch(1) | sum(start=[]) }}", "sum of 2,000 lists or texts; at most 1,000"),
    ("{% set ns = namespace(a=['x' * 100000]) %}{% for i in range(20) %}{% set ns.a = [ns.a, ns.a] %}"
     "{% endfor %}",
     "made a list of about"),
    ("{% set ns = namespace() %}{% set ns.a = ns %}{% for i in range(70) %}{% set ns.a = [ns.a] %}{% endfor %}",
     "nested more than 64 deep"),
    ("{{ dict(a='x' * 200000, b='y' * 200000) }}", "made a mapping of about"),
    # loops over other things
    ("{% for a in lipsum(100) %}{% for b in lipsum(100) %}{% endfor %}{% endfor %}",
     "the template's loops ran more than 100,000 times"),
    ("{{ lipsum(10**9) }}", "lipsum(1000000000, max=100) would make a text of"),
    ("{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}", "the template calls itself without end"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "the template calls itself without end"),
    # cycler, joiner and namespace
    ("{% set c = cycler(*range(100000)) %}{{ c.items }}", "made a list of about"),
    ("{% set j = joiner('x' * 200000) %}{% for i in range(10) %}{{ j() }}{% endfor %}",
     "the template's output passed 64 KiB"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
     "a list, mapping or '~' in the template made a text of about 256 KiB"),
    # memory held across statements, and text written where it is not shown
    ("{% for i in range(200) %}{% set x = card.description * 3000 %}{% endfor %}",
     "the template made more than 16 MiB of texts and lists in all"),
    ("{% macro m() %}{% for i in range(30000) %}{{ card.description }}{% endfor %}{% endmacro %}"
     "{{ m() | length }}", "the template wrote more than 1 MiB of text"),
    ("{% set x %}{% for i in range(30000) %}{{ card.description }}{% endfor %}{% endset %}",
     "the template wrote more than 1 MiB of text"),
])
def test_further_hostile_templates_hit_a_budget(template, message):
    from cardengine.printing.template_limits import BudgetExceeded
    from cardengine.printing.templating import render

    start = time.monotonic()
    with pytest.raises(BudgetExceeded) as caught:
        render(template, CONTEXT)
    assert message in str(caught.value)
    assert time.monotonic() - start < 2


@pytest.mark.parametrize("template", [
    "{{ card.__class__.__mro__ }}", "{{ lipsum.__globals__ }}", "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__call__ }}", "{{ namespace.__init__ }}", "{{ self.__dict__ }}",
    "{{ self._TemplateReference__context }}", "{{ range.__self__ }}", "{{ '{0.__class__}'.format(card) }}",
    "{{ card.update(id='x') }}", "{{ card.actors.append(1) }}", "{{ (card | attr('__class__')) }}",
    "{{ card.actors | map(attribute='__class__') | join }}",
])
def test_internals_stay_out_of_reach(template):
    from jinja2 import TemplateError

    from cardengine.printing.templating import render

    with pytest.raises(TemplateError):
        render(template, CONTEXT)


@pytest.mark.parametrize("template, text", [
    ("{{ card.title | upper }}: {{ card.actors | join(', ') }}", "RAINWATER REUSE: A, B"),
    ("{% for a in card.actors %}{{ loop.index }}/{{ loop.length }} {{ a }}{% if not loop.last %}, {% endif %}"
     "{% endfor %}", "1/2 A, 2/2 B"),
    ("{{ range(3) | list }} {{ range(10)[2:5] | sum }} {{ 3 in range(5) }}", "[0, 1, 2] 9 True"),
    ("{{ '%-6s|' % card.id }}{{ '{:>7}'.format(card.id) }}", "WT-01 |  WT-01"),
    ("{{ card.summary | truncate(12) }} {{ card.id | center(9) }}", "Companies...   WT-01"),
    ("{% set ns = namespace(n=0) %}{% for a in card.actors %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}", "2"),
    ("{% macro tag(t) %}[{{ t }}]{% endmacro %}{{ tag(card.id) ~ '!' }}", "[WT-01]!"),
    ("{{ lipsum(1, false, 5, 6) | wordcount }}", "5"),
    ("{{ {'a': 1} | tojson }} {{ [1, 2] | batch(1) | list }}", '{"a": 1} [[1], [2]]'),
])
def test_ordinary_templates_still_work(template, text):
    from cardengine.printing.templating import render

    assert render(template, CONTEXT) == text


def test_templates_too_deep_or_too_long_to_compile_are_refused_not_crashed():
    from cardengine.printing.templating import template_problem

    deep = template_problem("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}")
    assert deep == ("the template nests too deeply to compile (RecursionError)", "use fewer brackets inside each other")
    long = template_problem("x" * 30_000)
    assert long == ("the template is 30,000 characters long; a box template has at most 20,000", "shorten it")


def test_an_error_quoting_what_the_template_made_is_one_short_line():
    from jinja2 import TemplateError

    from cardengine.printing.templating import clean_message, render

    with pytest.raises(TemplateError) as caught:
        render("{{ card[card.title * 1000] }}", CONTEXT)
    message = clean_message(str(caught.value))
    assert len(message) <= 203 and message.endswith("...")
    assert clean_message("a\x1b[2Jb\nc") == "a\\x1b[2Jb\\nc"


def test_validate_layout_checks_the_templates_on_every_card(tmp_path, small_deck):
    run = refused(tmp_path, small_deck, hostile_layout(tmp_path, "{{ card.summary | center(10**9) }}"), "validate")
    assert BOX + "center(1000000000) asks for a width of 1,000,000,000" in run.stdout
    assert "layout hostile: 1 error(s) on the cards above" in run.stdout
    within_budget(run)

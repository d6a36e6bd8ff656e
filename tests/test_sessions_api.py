"""The session package's public API: every name it declares is there, and importing it stays light."""

from __future__ import annotations

import subprocess
import sys

import cardengine.sessions as sessions
from cardengine.sessions import NO_CRITERIA, WorkshopState, fold, state_summary

from .conftest import ROOT


def test_every_declared_name_resolves():
    assert sorted(sessions.__all__) == sorted(sessions._HOME)
    missing = [name for name in sessions.__all__ if getattr(sessions, name, None) is None]
    assert not missing


def test_importing_the_package_loads_none_of_its_modules():
    code = "import sys, cardengine.sessions; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert not [name for name in out.split() if name.startswith("cardengine.sessions.")]


def test_a_state_without_a_workshop_has_no_criteria_rather_than_none():
    state = fold([])
    assert state.criteria is NO_CRITERIA and WorkshopState().criteria is NO_CRITERIA
    assert not state.criteria.criteria and state.criteria.id == ""
    assert state_summary(state)["workshop"]["criteria"] is None  # as the exports always wrote it

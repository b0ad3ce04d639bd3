"""The `>>>` examples in the normalizers' docstrings are run: they document real behaviour."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import normalizers

MODULES = sorted(m.name for m in pkgutil.iter_modules(normalizers.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(f"normalizers.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} example(s) in normalizers/{name}.py failed"

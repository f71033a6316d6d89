"""The formulas of the component pages: ``formulas.toml`` (LaTeX, one list of display lines per
catalog component, keyed ``family/name``, written from the reference module's docstring, which stays
the authority and is shown under it) rendered to MathML with latex2mathml.

MathML rather than a bundled KaTeX or MathJax: browsers render it natively (Chromium since 109,
Firefox and Safari for longer), so a page needs no script and no font files, works from ``file://``
and makes no request; the formula is also in the page's text for search and screen readers.
"""
from __future__ import annotations

import functools
import html
import re
import tomllib
from pathlib import Path

FORMULAS = Path(__file__).with_name("formulas.toml")


class FormulaError(ValueError):
    """A formula that is missing or does not convert."""


@functools.cache
def table() -> dict[str, tuple[str, ...]]:
    """``family/name`` -> its LaTeX lines, as written in formulas.toml."""
    with open(FORMULAS, "rb") as fh:
        raw = tomllib.load(fh)
    out = {}
    for key, lines in raw.items():
        if isinstance(lines, str):
            lines = [lines]
        if not isinstance(lines, list) or not lines or not all(isinstance(s, str) and s.strip() for s in lines):
            raise FormulaError(f"{FORMULAS.name}: {key!r} must be a LaTeX string or a non-empty list of them")
        out[key] = tuple(lines)
    return out


def to_mathml(latex: str) -> str:
    """One display formula as MathML; FormulaError when latex2mathml cannot parse it or leaves a
    command it does not know as text (it writes ``\\foo`` into an ``<mi>`` rather than failing)."""
    import latex2mathml.converter
    try:
        out = latex2mathml.converter.convert(latex, display="block")
    except Exception as exc:          # latex2mathml raises its own exception classes, one per parse problem
        raise FormulaError(f"{latex!r} does not convert: {type(exc).__name__} {exc}".rstrip()) from None
    text = html.unescape(re.sub(r"<[^>]+>", " ", out))
    unknown = re.findall(r"\\(?:[A-Za-z]+|.)", text)       # a command, or an escape such as \_ inside \text
    if unknown:
        raise FormulaError(f"{latex!r} does not convert: latex2mathml does not know {', '.join(unknown)}")
    # HTML needs no namespace on <math>; leaving it out keeps every URL out of the pages
    return out.replace(' xmlns="http://www.w3.org/1998/Math/MathML"', "", 1)


def mathml(key: str) -> list[str]:
    """The component's formula lines as MathML; FormulaError when it has none or one does not convert."""
    lines = table().get(key)
    if lines is None:
        raise FormulaError(f"{key!r} has no formula in {FORMULAS}: write its LaTeX there, from the reference "
                           "module's docstring")
    return [to_mathml(s) for s in lines]

"""Every module of the package sits in the layer contract (issue 17): a new top-level module
outside it would be checked by no import rule."""

from __future__ import annotations

import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _layered() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    names: set[str] = set()
    for line in layers:
        for part in line.replace("|", ":").split(":"):
            names.add(part.strip())
    return names


def test_every_top_level_module_and_package_is_in_a_layer() -> None:
    package = ROOT / "hall_app"
    modules = {f"hall_app.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"} | {
        f"hall_app.{p.name}" for p in package.iterdir() if (p / "__init__.py").is_file()
    }
    assert modules - _layered() == set()

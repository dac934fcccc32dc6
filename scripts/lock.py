"""Write the two pin sets from pyproject.toml and the packages installed in this virtualenv.

requirements.lock        the runtime dependencies and everything they need: what a
                         production install installs
requirements-dev.lock    `-r requirements.lock`, then the dev tools ([dev] extra) and what
                         they need beyond the runtime set: what `make install` installs

Run by `make lock` with the virtualenv's Python after changing pyproject.toml and
installing the new pins. Fails when a requirement is not installed.
"""

import sys
import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "requirements.lock"
DEV = ROOT / "requirements-dev.lock"


def closure(requirements: list[str]) -> dict[str, str]:
    """Canonical name -> `Name==version` for the requirements and all they require."""
    pins: dict[str, str] = {}
    pending = [Requirement(text) for text in requirements]
    seen: set[tuple[str, frozenset[str]]] = set()
    while pending:
        requirement = pending.pop()
        key = (canonicalize_name(requirement.name), frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = distribution(requirement.name)
        except PackageNotFoundError:
            sys.exit(f"{requirement.name} is required but not installed: make install")
        pins[key[0]] = f"{dist.metadata['Name']}=={dist.version}"
        for text in dist.requires or []:
            needed = Requirement(text)
            extras = ["", *requirement.extras]
            if needed.marker is None or any(needed.marker.evaluate({"extra": e}) for e in extras):
                pending.append(needed)
    return pins


def write(path: Path, header: list[str], pins: dict[str, str]) -> None:
    lines = [*header, *(pins[name] for name in sorted(pins))]
    path.write_text("\n".join(lines) + "\n")
    print(f"{path.name}: {len(pins)} packages")


def main() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = closure(project["dependencies"])
    dev = closure(project["optional-dependencies"]["dev"])
    dev = {name: pin for name, pin in dev.items() if name not in runtime}
    written_by = "# Written by `make lock` (scripts/lock.py) from pyproject.toml; do not edit."
    write(
        RUNTIME, ["# Runtime dependencies: what a production install needs.", written_by], runtime
    )
    write(
        DEV,
        [
            "# Development tools (tests, lint, benchmarks) beyond the runtime set.",
            written_by,
            "-r requirements.lock",
        ],
        dev,
    )


if __name__ == "__main__":
    main()

"""Where gdsim's resource files live: inside the installed package, or beside it in a checkout."""

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    # A wheel carries them as gdsim/resources; a source checkout keeps them at the top level.
    for candidate in (_HERE / "resources", _HERE.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"gdsim's resources folder is missing (looked in {_HERE} and its parent)")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)

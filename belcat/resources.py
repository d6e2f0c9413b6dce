"""Files shipped with belcat (starter catalog, icons) in resources/."""

from pathlib import Path

_HERE = Path(__file__).resolve().parent
_INSTALLED = _HERE / "_resources"  # the copy a wheel carries
RESOURCES = _INSTALLED if _INSTALLED.is_dir() else _HERE.parent / "resources"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)

"""Files shipped with belcat (starter catalog, icons) in resources/."""

from pathlib import Path

_HERE = Path(__file__).resolve().parent
# The source tree's resources/, or the copy an installed wheel carries.
RESOURCES = next((p for p in (_HERE / "_resources", _HERE.parent / "resources") if p.is_dir()),
                 _HERE.parent / "resources")


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)

"""Which runtime packages are missing or too old (the plugin loads without them)."""

from typing import List

# (import name, pip name, minimum version)
REQUIRED = [
    ("numpy", "numpy", "1.20"),
    ("shapely", "shapely", "2.0"),
    ("scipy", "scipy", "1.7"),
    ("pandas", "pandas", "1.3"),
]


def _version_tuple(text: str):
    parts = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def missing_dependencies() -> List[str]:
    """Pip requirement strings of what is missing or too old, empty when all is there."""
    missing = []
    for module_name, pip_name, minimum in REQUIRED:
        try:
            module = __import__(module_name)
        except ImportError:
            missing.append(f"{pip_name}>={minimum}")
            continue
        if _version_tuple(getattr(module, "__version__", "0")) < _version_tuple(minimum):
            missing.append(f"{pip_name}>={minimum}")
    return missing

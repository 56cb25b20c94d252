"""A CJK-capable font for charts, so Chinese labels never render as tofu boxes.

Prefers Noto Sans CJK SC shipped by the installed ``mplfonts`` package,
registered with matplotlib by file path (mplfonts' own init rewrites
matplotlib's config, which we must not do), then any CJK font matplotlib
already knows about on the system.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

BUNDLED_FONT_FILES = ("NotoSansCJKsc-Regular.otf", "SourceHanSerifSC-Regular.otf", "SimHei.ttf")
SYSTEM_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Arial Unicode MS",
)


def mplfonts_dir() -> Path | None:
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "fonts"
    return folder if folder.is_dir() else None


@lru_cache(maxsize=1)
def cjk_font_family() -> str | None:
    """Register and return a CJK font family name for matplotlib; None if none is found."""
    from matplotlib import font_manager

    folder = mplfonts_dir()
    if folder is not None:
        for name in BUNDLED_FONT_FILES:
            path = folder / name
            if path.is_file():
                try:
                    font_manager.fontManager.addfont(str(path))
                    return font_manager.FontProperties(fname=str(path)).get_name()
                except (OSError, RuntimeError, ValueError):
                    log.debug("cannot load font %s", path, exc_info=True)
    known = {f.name for f in font_manager.fontManager.ttflist}
    for family in SYSTEM_CJK_FAMILIES:
        if family in known:
            return family
    log.warning("no CJK font found; Chinese chart labels may not render")
    return None

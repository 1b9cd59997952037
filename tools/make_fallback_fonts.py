"""Make the bundled fallback fonts for rare characters from Debian's fonts-hanazono.

    apt-get download fonts-hanazono && dpkg -x fonts-hanazono_*.deb hanazono
    pip install "fonttools>=4.40,<5"
    python tools/make_fallback_fonts.py hanazono/usr/share/fonts/truetype/hanazono

WenQuanYi Micro Hei (the main font) has the 20,902 basic hanzi but none of the
CJK extensions, where rare name and place characters live (䶮 U+4DAE in
Extension A, 𠮷 U+20BB7 in B, 𪨶 in C, 𬌗 in E).  HanaMin (花園明朝, GlyphWiki
project, TrueType outlines that reportlab can embed) covers Extensions A to F:

* HanaMinA.ttf (22.8 MB) is mostly the basic hanzi the main font already has;
  it is cut down to the CJK characters the main font lacks (Extension A,
  compatibility ideographs, radicals, U+9FA6 and later): about 3.7 MB.
* HanaMinB.ttf (30.7 MB) is Extensions B to F and nothing else: copied whole.

HanaMin is offered under the Hanazono Font License or the SIL OFL 1.1; the
cut-down file is distributed under the Hanazono Font License, which allows
modified versions without renaming (see resources/fonts/hanazono.LICENSE.txt).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
MAIN_FONT = FONTS / "wqy-microhei.ttc"
# CJK blocks a name or an address may use: radicals, strokes, Extension A, the
# unified block, compatibility ideographs and their supplement.
CJK_BLOCKS = ((0x2E80, 0x2FDF), (0x31C0, 0x31EF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))


def main(source: Path) -> None:
    main_font = set(TTCollection(str(MAIN_FONT)).fonts[0].getBestCmap())
    hana_a = source / "HanaMinA.ttf"
    wanted = sorted(
        code for code in TTFont(str(hana_a)).getBestCmap()
        if code not in main_font and any(low <= code <= high for low, high in CJK_BLOCKS)
    )
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    font = subset.load_font(str(hana_a), options)
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=wanted)
    cutter.subset(font)
    subset.save_font(font, str(FONTS / "HanaMinA-subset.ttf"), options)
    shutil.copyfile(source / "HanaMinB.ttf", FONTS / "HanaMinB.ttf")
    for name in ("HanaMinA-subset.ttf", "HanaMinB.ttf"):
        print(f"{name}: {(FONTS / name).stat().st_size / 1e6:.1f} MB")
    print(f"HanaMinA-subset.ttf: {len(wanted)} characters the main font lacks")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

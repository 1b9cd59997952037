"""Every string the window shows has its Chinese, and the shipped .qm matches the sources."""

import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_FILE = ROOT / "resources" / "translations" / "lianxin_zh_CN.ts"


def test_shipped_translation_has_no_unfinished_message():
    messages = list(ElementTree.parse(TS_FILE).iter("message"))
    assert len(messages) > 30
    unfinished = [m.findtext("source") for m in messages if m.find("translation").get("type") == "unfinished"]
    assert unfinished == []


def test_shipped_files_are_current_with_the_sources():
    result = subprocess.run([sys.executable, "tools/update_translations.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr

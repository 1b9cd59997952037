"""The service guide printed at the end of the contact handbook, as the office wrote it.

The text is a small Markdown subset: lines starting with "#" are headings,
"- " starts a list item, a blank line ends a paragraph, and `<!-- … -->` holds
notes for whoever edits the text, which are not printed.  It comes from the
Setting `printing.service_guide` when the office saved its own version there,
otherwise from `resources/text/service_guide.md` (shipped with the program).
"""

from __future__ import annotations

from collections.abc import Callable
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from desktop.printing.fonts import markup
from desktop.resource_files import resource_path
from models.records.installation import Setting

GUIDE_SETTING = "printing.service_guide"
GUIDE_FILE = "text/service_guide.md"


def service_guide_text() -> str:
    """The office's own guide if it saved one, else the shipped one."""
    return Setting.read(GUIDE_SETTING) or resource_path(GUIDE_FILE).read_text(encoding="utf-8")


def guide_flowables(text: str, styles: dict[str, ParagraphStyle], fit: Callable[[str, str], str]) -> list[Flowable]:
    """Paragraphs for `text`; the first "#" heading is left out (the handbook prints its own section title)."""
    flowables: list[Flowable] = []
    paragraph: list[str] = []
    skipped_title = False
    in_comment = False

    def flush() -> None:
        if paragraph:
            flowables.append(Paragraph(markup(fit("".join(paragraph), "办事指南")), styles["body"]))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if in_comment or line.startswith("<!--"):
            in_comment = not line.endswith("-->")
            continue
        if line.startswith("#"):
            flush()
            level = len(line) - len(line.lstrip("#"))
            title = line.lstrip("#").strip()
            if level == 1 and not skipped_title:
                skipped_title = True
                continue
            flowables.append(Paragraph(markup(fit(title, "办事指南")), styles["h2"]))
        elif line.startswith("- "):
            flush()
            flowables.append(Paragraph(markup(fit(line[2:].strip(), "办事指南")), styles["bullet"], bulletText="•"))
        elif not line:
            flush()
        else:
            paragraph.append(line)
    flush()
    return flowables

"""Help → About: what Lianxin is, its version, this laptop and who uses it, the database, the licences.

Strings go through `translate("About", …)` with literal text, so the
translation tools find them (the parent window's `tr` looked them up under
the window's own name, where they were never translated: the dialog spoke
English in a Chinese window).
"""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import __version__

translate = QCoreApplication.translate


def about_text(device_name: str, device_id: str, user_name: str, database_file: str) -> str:
    device = (translate("About", "This laptop: {name}, used by {user}").format(name=device_name, user=user_name)
              if user_name else translate("About", "This laptop: {name}").format(name=device_name))
    return "<h3>{}</h3><p>{}</p><p>{}<br><small>{}</small></p><p>{}</p><p><small>{}<br>{}</small></p>".format(
        translate("About", "Lianxin (连心) {version}").format(version=__version__),
        translate("About", "Door-to-door visits, demands and return visits for community workers, offline."),
        device,
        translate("About", "Device code {id}, for support").format(id=device_id),
        translate("About", "Database: {file}").format(file=database_file),
        translate("About", "Chinese font: WenQuanYi Micro Hei, Apache-2.0 or GPL-3+ with font exception."),
        translate("About", "Icons: Tabler Icons, MIT licence. PDF preview: PDFium (pypdfium2), BSD-3-Clause and Apache-2.0."),
    )


def show_about(parent: QWidget, device_name: str, device_id: str, database_file: str, user_name: str = "") -> None:
    QMessageBox.about(parent, translate("About", "About Lianxin"),
                      about_text(device_name, device_id, user_name, database_file))

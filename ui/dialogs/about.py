"""Help → About: what Lianxin is, its version, this device, the database, the font licence."""

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import __version__


def show_about(parent: QWidget, device_name: str, device_id: str, database_file: str) -> None:
    tr = parent.tr
    QMessageBox.about(
        parent,
        tr("About Lianxin"),
        "<h3>{}</h3><p>{}</p><p>{}</p><p>{}</p><p>{}</p>".format(
            tr("Lianxin (连心) {version}").format(version=__version__),
            tr("Door-to-door visits, demands and return visits for community workers, offline."),
            tr("Device: {name} ({id})").format(name=device_name, id=device_id),
            tr("Database: {file}").format(file=database_file),
            tr("Chinese font: WenQuanYi Micro Hei, Apache-2.0 or GPL-3+ with font exception."),
        ),
    )

"""What a section shows before its feature has landed: a plain statement, not a fake screen."""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def _descriptions() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "exchange": translate("Placeholder", "Exchanging workbooks with other laptops is not available in this version yet."),
    }


class PlaceholderSection(QWidget):
    def __init__(self, key: str, context, parent=None) -> None:
        super().__init__(parent)
        self.key = key
        label = QLabel(_descriptions()[key])
        label.setObjectName("placeholderText")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)


def placeholder_for(key: str):
    return lambda context, parent=None: PlaceholderSection(key, context, parent)

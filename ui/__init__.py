"""The window: Qt widgets, dialogs and item models over the Qt-free core."""

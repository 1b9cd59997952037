"""The figures an office reports upward, counted from the records."""

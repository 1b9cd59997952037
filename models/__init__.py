"""The Qt-free core of Lianxin: records, storage, migrations and domain rules.

Nothing in this package imports Qt, so the command line, the tests and the
office's batch work can use it on a machine without a screen.
"""

"""Bulk work may collect garbage less often, but must never leave the whole application that way."""

import gc

import pytest

from models.storage.collection_pause import BULK_THRESHOLD, fewer_collections


def test_thresholds_come_back_after_the_bulk_work_even_when_it_fails():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError):
        with fewer_collections():
            assert gc.get_threshold()[0] >= BULK_THRESHOLD
            assert gc.isenabled()  # cycles made in bulk are still freed
            raise RuntimeError("the import failed")
    assert gc.get_threshold() == before

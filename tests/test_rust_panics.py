"""The stderr filter of the command line: Rust's panic text goes, everything else comes through as it came."""

from __future__ import annotations

import random

from desktop.rust_panics import PanicFilter

PANIC = (b"\nthread '<unnamed>' (8092) panicked at /root/.cargo/registry/src/calamine-0.37.0/src/cfb.rs:345:44:\n"
         b"range end index 64 out of range for slice of length 1\n"
         b"note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n")


def filtered(chunks: list[bytes]) -> bytes:
    panics = PanicFilter()
    return b"".join(panics.feed(chunk) for chunk in chunks) + panics.flush()


def pieces(data: bytes, seed: int) -> list[bytes]:
    """`data` cut at random places, as a pipe may deliver it."""
    draw = random.Random(seed)
    cuts = sorted(draw.sample(range(1, len(data)), 12))
    return [data[start:end] for start, end in zip([0, *cuts], [*cuts, len(data)])]


def test_a_panic_is_dropped_and_the_lines_around_it_stay_whatever_the_pieces():
    before = "import: 45% 住户\n".encode()
    after = "import-roster: fuzz.xls：文件已损坏，无法读取\n".encode()
    for seed in range(40):
        assert filtered(pieces(before + PANIC + after, seed)) == before + after


def test_text_that_is_no_panic_comes_through_unchanged_blank_lines_and_partial_lines_included():
    text = "merge: 0% a.xlsx\r\n\npaused at swap 1\nthread 'x' is a word here\n\nlast line without end".encode()
    for seed in range(40):
        assert filtered(pieces(text, seed)) == text


def test_a_line_written_in_two_pieces_is_not_held_back():
    panics = PanicFilter()
    assert panics.feed(b"paused at swap 1") == b"paused at swap 1"
    assert panics.feed(b"\n") == b"\n"

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


# A command that started a reading process: the child writes a panic and a line to the filtered
# stderr and ends, the command writes its own line, then stops the filter (as `desktop.__main__`
# does) and says how long stopping took.
COMMAND_WITH_A_READING_PROCESS = r'''
import multiprocessing, os, sys, time
sys.path.insert(0, sys.argv[1])
from desktop.rust_panics import quiet_rust_panics
PANIC = (b"\nthread '<unnamed>' (8092) panicked at /root/.cargo/registry/src/calamine-0.37.0/src/cfb.rs:345:44:\n"
         b"range end index 64 out of range for slice of length 1\n"
         b"note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n")

def child():
    os.write(2, PANIC + "reader: 第 9 行已读\n".encode())

if __name__ == "__main__":
    stop = quiet_rust_panics()
    process = multiprocessing.get_context("spawn").Process(target=child)
    process.start()
    process.join()
    print("import-roster: 已导入", file=sys.stderr)
    started = time.perf_counter()
    stop()
    print(f"{time.perf_counter() - started:.3f}")
'''


def test_a_command_that_started_a_reading_process_ends_when_its_output_is_copied(tmp_path):
    """multiprocessing's resource tracker keeps the filtered stderr open for the life of the command:
    stopping the filter waited 2 s for the pipe's end after every big import.  It copies what the
    command and its reading process wrote (without the panic) and returns at once."""
    import subprocess
    import sys
    from pathlib import Path

    script = tmp_path / "command.py"
    script.write_text(COMMAND_WITH_A_READING_PROCESS)
    done = subprocess.run([sys.executable, str(script), str(Path(__file__).resolve().parents[1])],
                          capture_output=True, timeout=120, check=True)
    assert done.stderr.decode() == "reader: 第 9 行已读\nimport-roster: 已导入\n"
    assert float(done.stdout) < 1.0  # it waited for its time-out of 2 s

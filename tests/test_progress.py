"""Progress bars go to stderr for stages that take time, and stay silent for stages already done."""

import re
import time

from rag.progress import StageProgress


def test_a_running_stage_draws_a_bar_that_ends_at_its_total(capsys):
    progress = StageProgress()
    for done in range(0, 5):
        progress("indexing", done, 4)
    err = capsys.readouterr().err
    assert "indexing" in err
    assert "4/4" in err


def test_a_stage_reported_complete_at_once_draws_nothing(capsys):
    progress = StageProgress()
    progress("model: done", 100, 100)
    progress.close()
    assert capsys.readouterr().err == ""


def test_disabled_progress_is_silent(capsys):
    progress = StageProgress(enabled=False)
    progress("indexing", 1, 4)
    progress("indexing", 4, 4)
    assert capsys.readouterr().err == ""


def test_a_stage_first_heard_of_part_way_does_not_claim_a_huge_rate(capsys):
    # The first report arrives after a whole batch is done; dividing that batch by the
    # microseconds since the bar was drawn gave rates like "1342177.28/s".
    progress = StageProgress()
    progress("embedding", 64, 202)
    time.sleep(0.05)  # the next batch takes real time
    progress("embedding", 128, 202)
    err = capsys.readouterr().err
    rates = [float(rate) for rate in re.findall(r"([\d.]+)/s", err)]
    assert all(rate < 100_000 for rate in rates), err

"""Progress bars go to stderr for stages that take time, and stay silent for stages already done."""

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

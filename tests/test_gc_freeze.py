"""Python's garbage collector during a build (sphinx_refinery._perf.gc_freeze)."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

REPORT_AT_EXIT = """\
import atexit, gc


def setup(app):
    atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count()))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


def test_an_in_process_build_leaves_nothing_frozen(copy_root, strict_build):
    """Tests and tools that build in their own process get every object back."""
    gc.unfreeze()
    frozen: list[int] = []
    app = copy_root("lesson").app()
    app.connect("env-updated", lambda app, env: frozen.append(gc.get_freeze_count()))
    strict_build(app)
    assert frozen and frozen[0] > 0  # frozen while the build ran
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize(("freeze", "frozen_at_exit"), [("1", True), ("0", False)])
def test_sphinx_build_exits_with_the_heap_frozen(copy_root, tmp_path, freeze, frozen_at_exit):
    """``python -m sphinx`` ends with the build: the collector has nothing to
    walk at exit; ``refinery_gc_freeze = False`` leaves the collector alone."""
    src = copy_root("lesson").srcdir
    (tmp_path / "ext").mkdir()
    (tmp_path / "ext" / "report_gc.py").write_text(REPORT_AT_EXIT, encoding="utf-8")
    conf = src / "conf.py"
    extension_dir = str(tmp_path / "ext")
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + f"\nimport sys\nsys.path.insert(0, {extension_dir!r})\n"
        + "extensions = [*extensions, 'report_gc']\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html"]
    result = subprocess.run(
        [*command, "-D", f"refinery_gc_freeze={freeze}", str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=True,
    )
    count = int(result.stdout.split("frozen at exit:")[1].split()[0])
    assert (count > 0) is frozen_at_exit, result.stdout

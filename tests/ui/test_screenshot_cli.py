import subprocess
import sys

from PySide6.QtGui import QImage


def test_screenshot_renders_the_window_with_data(tmp_path, small_catalog_path):
    path, _ = small_catalog_path
    out_png = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "belcat", "--db", str(path), "--screenshot", str(out_png),
         "--view", "projects"],
        capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "XDG_CONFIG_HOME": str(tmp_path / "cfg")},
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out_png))
    assert image.width() >= 800 and image.height() >= 500
    # not a blank picture: many different colours were painted
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 10

"""Proclitics are stripped only before a real stem."""

from marsad.recognize.context import strip_proclitics


def test_strip_proclitics() -> None:
    assert strip_proclitics("وبريف") == "ريف"
    assert strip_proclitics("بلد") == "بلد"

"""What the Lessons panel remembers (QSettings): finished steps per lesson, the lesson
last open, and the teacher's folder of lessons."""
from __future__ import annotations

from designer.ui.theme import settings

_STEPS = "lessons/done/{id}"
CURRENT = "lessons/current"
FOLDER = "lessons/folder"


def done_steps(lesson_id: str) -> list[str]:
    value = settings().value(_STEPS.format(id=lesson_id), [])
    if isinstance(value, str):   # QSettings (ini) gives a one-item list back as a string
        value = [value]
    return [str(v) for v in value or []]


def save_done(lesson_id: str, steps: list[str]) -> None:
    s = settings()
    if steps:
        s.setValue(_STEPS.format(id=lesson_id), list(steps))
    else:
        s.remove(_STEPS.format(id=lesson_id))


def value(key: str) -> str:
    return str(settings().value(key, "") or "")


def set_value(key: str, text: str) -> None:
    settings().setValue(key, text)

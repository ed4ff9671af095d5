"""Which student is working, and which variant of an exercise's numbers that student gets.

A student id (학번) is normalised the same way here and in the HTML book's
script (``awsbook/book/static/awsbook-practice.js``): NFKC, every whitespace
removed, at most :data:`MAX_ID_CHARS` characters.  The variant of an exercise
for a student is ``1 + FNV-1a("<exercise id>|<student id>") mod (VARIANTS − 1)``:
deterministic, the same in Python and JavaScript, and never the book's own
numbers (variant 0), so an answer copied from the book's worked defaults is
wrong for every student with an id.

In a notebook the student sets the id once with :func:`student`
(``awsbook.student("20261234")``); a JupyterHub sets it for every kernel with
the environment variable :data:`STUDENT_ENV`.
"""

from __future__ import annotations

import os
import re
import unicodedata

from awsbook import validate
from awsbook.exercises.answers import WHITESPACE

#: Set by a class hub for each student's kernels; :func:`student` overrides it.
STUDENT_ENV = "AWSBOOK_STUDENT_ID"
#: Variants per parameterised exercise: 0 is the book's numbers, 1 … VARIANTS − 1 the students'.
VARIANTS = 30
MAX_ID_CHARS = 40
_WS = re.compile(WHITESPACE)  # the same characters as the book's script
_FNV_OFFSET, _FNV_PRIME = 0x811C9DC5, 0x01000193

_chosen: str | None = None


def normalize(student_id) -> str:
    """The canonical form of a student id ("" for none): NFKC, no whitespace at all."""
    if student_id is None:
        return ""
    if not isinstance(student_id, (str, int)) or isinstance(student_id, bool):
        raise validate.refuse("student_id", student_id, "학번을 적은 문자열(예: \"20261234\")", type_error=True)
    text = _WS.sub("", unicodedata.normalize("NFKC", str(student_id)))
    if len(text) > MAX_ID_CHARS:
        raise validate.refuse("student_id", student_id, f"{MAX_ID_CHARS}자 이하의 학번")
    return text


def student(student_id=None) -> str | None:
    """Set the student whose numbers the exercises show and check in this kernel; return the id in use.

    ``awsbook.student("20261234")`` in a notebook; ``student("")`` or ``student(None)``
    falls back to the environment variable :data:`STUDENT_ENV` (set by a class hub),
    and without it to the book's own numbers.
    """
    global _chosen
    _chosen = normalize(student_id) or None
    return current()


def current() -> str | None:
    """The student id in use: the one set by :func:`student`, else :data:`STUDENT_ENV`, else ``None``."""
    return _chosen or normalize(os.environ.get(STUDENT_ENV)) or None


def fnv1a(text: str) -> int:
    """32-bit FNV-1a hash of ``text``'s UTF-8 bytes (the book's script computes the same)."""
    value = _FNV_OFFSET
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * _FNV_PRIME) & 0xFFFFFFFF
    return value


def variant(exercise_id: str, student_id) -> int:
    """The variant of ``exercise_id``'s numbers for ``student_id``: 0 (the book's) without an id, else 1 … VARIANTS − 1."""
    sid = normalize(student_id)
    if not sid:
        return 0
    return 1 + fnv1a(f"{exercise_id}|{sid}") % (VARIANTS - 1)

"""Review markers: a note carried over by rollforward stays flagged until someone has reviewed it."""

from __future__ import annotations

from ..findings import WARNING, Finding
from ..load.yaml_source import dotted
from ..model.compute import Filing


def notes_review(f: Filing) -> list[Finding]:
    """A note carried over by rollforward stays marked until someone has reviewed it."""
    return [Finding("notes-review", WARNING, f"note {n} \"{note.title}\" is marked for review: {note.review}",
                    dotted(("notes", n - 1, "review")),
                    hint="review the note for this year, then delete its review: line")
            for n, note in enumerate(f.plan_year.notes, 1) if note.review]


CHECKS = {
    "notes-review": notes_review,
}

"""How many questions an attempt shows a page: a quiz's setting, which an assignment may change."""

# The choices, as content files and the assignment form write them.
PER_PAGE_CHOICES = ("1", "5", "all")
DEFAULT_PER_PAGE = 5


def per_page_of(choice: str | int) -> int | None:
    """The number of questions a page shows for a choice (None: all of them on one page)."""
    return None if str(choice) == "all" else int(choice)


def is_per_page(value: object) -> bool:
    """A choice a content file may give: 1, 5 or "all" (no booleans, no other numbers)."""
    return not isinstance(value, bool) and str(value) in PER_PAGE_CHOICES

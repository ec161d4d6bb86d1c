"""Roles are Django groups (created by a migration); corpus membership decides what a user sees."""

from __future__ import annotations

TRANSLATOR = "translator"
REVIEWER = "reviewer"
GLOSSARY_ADMIN = "glossary admin"
PROJECT_ADMIN = "project admin"
ALL_ROLES = (TRANSLATOR, REVIEWER, GLOSSARY_ADMIN, PROJECT_ADMIN)


def roles_of(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    if user.is_superuser:
        return frozenset(ALL_ROLES)
    # Cached on the user object: one query per request however many checks a page makes.
    cached = getattr(user, "_redline_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._redline_roles = cached
    return cached


def remember_roles(user, names) -> None:
    """Roles read along with the user (corpus.auth), so roles_of needs no query of its own."""
    user._redline_roles = frozenset(names) & frozenset(ALL_ROLES)


def can_edit(user) -> bool:
    return bool(roles_of(user) & {TRANSLATOR, REVIEWER, PROJECT_ADMIN})


def can_review(user) -> bool:
    return bool(roles_of(user) & {REVIEWER, PROJECT_ADMIN})


def can_check_corpus(user) -> bool:
    """Running the QA checks on a corpus's documents not checked yet (the corpus page's findings
    summary and the dashboard offer it): reviewers and project admins."""
    return can_review(user)


def can_manage(user) -> bool:
    return PROJECT_ADMIN in roles_of(user)


def can_edit_glossary(user) -> bool:
    return GLOSSARY_ADMIN in roles_of(user)

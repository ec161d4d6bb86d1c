"""Corpora and their members: create, change, archive; add, remove, change roles. The screens and
the API call these, so each rule has one home. Each function is one transaction and raises
EditRefused (nothing written) with a message that names what was wrong.

Roles are the site-wide groups of corpus.roles; membership is corpus.members. A role therefore
applies in every corpus its holder belongs to, so a project admin changes the roles only of people
whose corpora they all manage themselves (a superuser changes anyone's): otherwise an admin of one
corpus could make someone an admin of another.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from corpus import roles
from corpus.models import Corpus
from corpus.services import EditRefused, refuse_archived

# The fields a project admin may change; the rest (members, dates) have their own functions.
SETTINGS = (
    "name",
    "description",
    "allow_overlapping_spans",
    "forbid_self_approval",
    "export_allow_reviewers",
)
NAME_LIMIT = Corpus._meta.get_field("name").max_length


def _clean_name(name: str, corpus: Corpus | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise EditRefused(gettext("The name is empty; give the corpus a name."))
    if len(name) > NAME_LIMIT:
        raise EditRefused(
            gettext("The name is %(n_name)s characters long; the limit is %(name_limit)s.")
            % {"n_name": len(name), "name_limit": NAME_LIMIT}
        )
    taken = Corpus.objects.filter(name__iexact=name)
    if corpus is not None:
        taken = taken.exclude(pk=corpus.pk)
    if taken.exists():
        raise EditRefused(
            gettext("A corpus named “%(name)s” already exists; choose another name.")
            % {"name": name}
        )
    return name


def _check_settings(fields: dict) -> None:
    unknown = sorted(set(fields) - set(SETTINGS))
    if unknown:
        raise EditRefused(
            gettext("Unknown corpus setting(s): %(unknown)s (settings: %(settings)s).")
            % {"unknown": ", ".join(unknown), "settings": ", ".join(SETTINGS)}
        )


def create(actor, *, name: str, **fields) -> Corpus:
    """A new corpus with its creator as its first member (so they can see and run it)."""
    _check_settings({"name": name, **fields})
    with transaction.atomic():
        corpus = Corpus.objects.create(name=_clean_name(name), **fields)
        corpus.members.add(actor)
    return corpus


def update(corpus: Corpus, actor, **fields) -> Corpus:
    _check_settings(fields)
    with transaction.atomic():
        corpus = Corpus.objects.select_for_update().get(pk=corpus.pk)
        refuse_archived(corpus)
        if "name" in fields:
            fields["name"] = _clean_name(fields["name"], corpus)
        for field, value in fields.items():
            setattr(corpus, field, value)
        corpus.save(update_fields=[*fields] or None)
    return corpus


def archive(corpus: Corpus, actor) -> Corpus:
    with transaction.atomic():
        corpus = Corpus.objects.select_for_update().get(pk=corpus.pk)
        refuse_archived(corpus)
        corpus.archived_at = timezone.now()
        corpus.save(update_fields=["archived_at"])
    return corpus


def unarchive(corpus: Corpus, actor) -> Corpus:
    with transaction.atomic():
        corpus = Corpus.objects.select_for_update().get(pk=corpus.pk)
        if not corpus.archived:
            raise EditRefused(
                gettext("The corpus “%(corpus_name)s” is not archived.")
                % {"corpus_name": corpus.name}
            )
        corpus.archived_at = None
        corpus.save(update_fields=["archived_at"])
    return corpus


def _clean_roles(names) -> set[str]:
    chosen = set(names or ())
    unknown = sorted(chosen - set(roles.ALL_ROLES))
    if unknown:
        raise EditRefused(
            gettext("Unknown role(s): %(unknown)s (roles: %(roles_all_roles)s).")
            % {"unknown": ", ".join(unknown), "roles_all_roles": ", ".join(roles.ALL_ROLES)}
        )
    if not chosen:
        raise EditRefused(gettext("Choose at least one role."))
    return chosen


def _roles_now(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def _admins_left(corpus: Corpus, without) -> int:
    """Project admins among the corpus's members once `without` is no longer one."""
    admins = corpus.members.filter(groups__name=roles.PROJECT_ADMIN, is_active=True)
    return admins.exclude(pk=without.pk).distinct().count()


def _may_change_roles_of(actor, user, corpus: Corpus) -> None:
    if actor.is_superuser:
        return
    elsewhere = user.corpora.exclude(pk=corpus.pk).exclude(members=actor).count()
    if elsewhere:
        raise EditRefused(
            gettext(
                "%(user_username)s's roles are site-wide and they are also a member of %(elsewhere)s corpus(es) you are not a member of; only a superuser can change them."
            )
            % {"user_username": user.get_username(), "elsewhere": elsewhere}
        )


def _set_roles(corpus: Corpus, actor, user, chosen: set[str]) -> None:
    current = _roles_now(user)
    if chosen == current:
        return
    _may_change_roles_of(actor, user, corpus)
    if roles.PROJECT_ADMIN in current and roles.PROJECT_ADMIN not in chosen:
        for orphaned in user.corpora.all():
            if _admins_left(orphaned, user) == 0:
                raise EditRefused(
                    gettext(
                        "%(user_username)s is the last project admin of “%(orphaned_name)s”; make someone else a project admin there first."
                    )
                    % {"user_username": user.get_username(), "orphaned_name": orphaned.name}
                )
    user.groups.set(Group.objects.filter(name__in=chosen))
    # roles_of caches on the user object; a stale cache would grant the old roles.
    user.__dict__.pop("_redline_roles", None)


def _user_named(username: str):
    User = get_user_model()
    user = User.objects.filter(**{User.USERNAME_FIELD: (username or "").strip()}).first()
    if user is None or not user.is_active:
        raise EditRefused(
            gettext("There is no active user named “%(username)s”; a superuser creates accounts.")
            % {"username": username}
        )
    return user


def add_member(corpus: Corpus, actor, username: str, role_names) -> object:
    """Adds an existing user with these roles; returns the user."""
    chosen = _clean_roles(role_names)
    with transaction.atomic():
        refuse_archived(Corpus.objects.select_for_update().get(pk=corpus.pk))
        user = _user_named(username)
        if corpus.members.filter(pk=user.pk).exists():
            raise EditRefused(
                gettext("%(user_username)s is already a member of “%(corpus_name)s”.")
                % {"user_username": user.get_username(), "corpus_name": corpus.name}
            )
        _set_roles(corpus, actor, user, chosen)
        corpus.members.add(user)
    return user


def _member(corpus: Corpus, user):
    if not corpus.members.filter(pk=user.pk).exists():
        raise EditRefused(
            gettext("%(user_username)s is not a member of “%(corpus_name)s”.")
            % {"user_username": user.get_username(), "corpus_name": corpus.name}
        )


def change_roles(corpus: Corpus, actor, user, role_names) -> None:
    chosen = _clean_roles(role_names)
    with transaction.atomic():
        refuse_archived(Corpus.objects.select_for_update().get(pk=corpus.pk))
        _member(corpus, user)
        _set_roles(corpus, actor, user, chosen)


def remove_member(corpus: Corpus, actor, user) -> None:
    with transaction.atomic():
        refuse_archived(Corpus.objects.select_for_update().get(pk=corpus.pk))
        _member(corpus, user)
        if roles.PROJECT_ADMIN in _roles_now(user) and _admins_left(corpus, user) == 0:
            raise EditRefused(
                gettext(
                    "%(user_username)s is the last project admin of “%(corpus_name)s”; make someone else a project admin first."
                )
                % {"user_username": user.get_username(), "corpus_name": corpus.name}
            )
        corpus.members.remove(user)


def members_of(corpus: Corpus) -> list:
    """The members with their roles (two queries), by user name."""
    users = corpus.members.order_by(get_user_model().USERNAME_FIELD).prefetch_related("groups")
    for user in users:
        user.role_names = sorted(g.name for g in user.groups.all())
    return list(users)

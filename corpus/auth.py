"""The login backend: Django's ModelBackend, with the user's roles read in the same query.

Every page checks roles (corpus.roles), and reading the user's groups was a query of its own on
every request: on a review page, one of the ten it had to stay under.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef

from corpus.roles import ALL_ROLES, remember_roles


class RolesBackend(ModelBackend):
    def get_user(self, user_id):
        held = {
            f"redline_role_{index}": Exists(Group.objects.filter(user=OuterRef("pk"), name=role))
            for index, role in enumerate(ALL_ROLES)
        }
        try:
            user = get_user_model()._default_manager.annotate(**held).get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        remember_roles(
            user,
            [
                role
                for index, role in enumerate(ALL_ROLES)
                if getattr(user, f"redline_role_{index}")
            ],
        )
        return user if self.user_can_authenticate(user) else None

"""The password check, and nothing else.

Django's ModelBackend also grants the model permissions held in `auth_permission`, which this
system never uses: what a person may do follows from their roles alone, through the rules in
each app's `rules.py` (ADR 0006). Asking ModelBackend anyway cost every page that checks a
permission the rules refuse (a start page hiding a link, a parent page hiding a section) two
queries of the permission tables, and left a second way to grant access that no page, test or
audit row would show. This backend signs people in exactly as ModelBackend does and grants no
permission at all.
"""

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


def find_account(login: str):
    """The account a person means by what they typed: its username or its e-mail address."""
    User = get_user_model()
    login = login.strip()
    return User.objects.filter(Q(username__iexact=login) | Q(email__iexact=login)).first()


class UsernameOrEmailBackend(ModelBackend):
    """Log in with either the username or the e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = find_account(username)
        if user is None:
            # Spend the same time as a real check, so timing does not reveal accounts.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

from asgiref.sync import sync_to_async
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

    def get_user(self, user_id):
        """The signed-in user of a request, with the district and province they work in:
        every page's header names them, so they come in the same query."""
        User = get_user_model()
        try:
            user = User._default_manager.select_related("district", "province").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        return await sync_to_async(self.get_user)(user_id)

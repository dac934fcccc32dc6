from thanrak.notifications.models import Notification


def unread(request):
    """The signed-in user's count of unread notifications, for the header (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count()
    }

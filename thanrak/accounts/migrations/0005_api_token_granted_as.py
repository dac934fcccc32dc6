import hashlib

from django.db import migrations, models


def grant_existing_tokens(apps, schema_editor):
    """Tokens made before this field are taken as granted under their user's present role
    and area (accounts.models.token_grant, as it reads at this migration)."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.select_related("user"):
        user = token.user
        held = (
            user.role,
            user.province_id,
            user.district_id,
            user.is_staff,
            user.is_superuser,
            user.is_active,
        )
        token.granted_as = hashlib.sha256("|".join(map(str, held)).encode()).hexdigest()
        token.save(update_fields=["granted_as"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_password_reset_sent"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="granted_as",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="granted as"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(grant_existing_tokens, migrations.RunPython.noop),
    ]

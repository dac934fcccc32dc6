from django.utils.translation import gettext_lazy as _

from thanrak.areas.stamps import ProvinceStamp


class FiguresStamp(ProvinceStamp):
    """A token that changes whenever a record the dashboards count and the rules do not
    read (services, stage changes, producers, groups) changes in the province.

    With the rules' token (``rules.RulesStamp``) it names the province's kept figures
    (``dashboards.kept``): every process reads both from the database and finds its kept
    figures only while they are the ones they were computed under (``areas.stamps``).
    """

    class Meta:
        verbose_name = _("figures stamp")
        verbose_name_plural = _("figures stamps")

"""Rebuild the search words of every wisdom entry, group, producer and product.

Run after changing the segmentation (search.py) or the dictionary; records are
otherwise indexed when saved or imported.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from thanrak.producers.models import Group, Producer, Product, Wisdom
from thanrak.producers.search import index_text


class Command(BaseCommand):
    help = "Rebuild the Thai search words of wisdom, groups, producers and products."

    def handle(self, *args, **options) -> None:
        for model in (Wisdom, Group, Producer, Product):
            changed = []
            for record in model.objects.iterator(chunk_size=1000):
                title, body = record.search_texts()
                record.search_title, record.search_body = index_text(title), index_text(body)
                changed.append(record)
            with transaction.atomic():
                model.objects.bulk_update(changed, ["search_title", "search_body"], batch_size=1000)
            self.stdout.write(f"{model._meta.label}: {len(changed)}")

"""GIN indexes on the search words of wisdom, groups, producers and products (PostgreSQL).

Expression indexes on ``thanrak_search_words(search_title)`` (and ``search_body``), the
very expression ``thanrak.producers.search`` matches with ``@>`` on PostgreSQL. The
function is ``string_to_array(btrim(text), ' ')`` declared costly (COST 1000): with the
built-in functions' default cost the planner judged a parallel scan that splits every
row cheaper than the index, and chose it for common words on 50,000 rows (several times
slower). No column is added: ``search_title``/``search_body`` stay the only stored form.
Other databases (SQLite) keep their ``LIKE`` search and get nothing here.
"""

from django.db import migrations

MODELS = ("wisdom", "group", "producer", "product")
# Frozen here as written; thanrak.producers.search must query the same expression
# (test_on_postgresql_the_search_is_answered_by_the_word_indexes checks the plan).
SEARCH_FIELDS = ("search_title", "search_body")
SEARCH_WORDS_SQL = "thanrak_search_words({field})"
FUNCTION = """
CREATE OR REPLACE FUNCTION thanrak_search_words(text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000
AS $$ BEGIN RETURN string_to_array(btrim($1), ' '); END $$
"""


def _indexes(apps):
    for name in MODELS:
        table = apps.get_model("producers", name)._meta.db_table
        for field in SEARCH_FIELDS:
            yield table, f"{table}_{field}_words_gin", SEARCH_WORDS_SQL.format(field=field)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table, index, expression in _indexes(apps):
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" USING gin (({expression}))'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, index, _expression in _indexes(apps):
        schema_editor.execute(f'DROP INDEX IF EXISTS "{index}"')
    schema_editor.execute("DROP FUNCTION IF EXISTS thanrak_search_words(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("producers", "0003_mask_citizen_ids_in_import_previews"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]

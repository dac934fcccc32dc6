"""Thai search across wisdom, groups, producers and products.

Thai is written without spaces, so a name is segmented into words (PyThaiNLP newmm)
when it is saved, and the words are kept space-padded in ``search_title`` and
``search_body`` (" กลุ่ม ทอผ้า ทอ ผ้า พุมเรียง "). A compound word is indexed with the
words it is made of too (ทอผ้า: ทอ + ผ้า), so «ผ้าทอ» (ผ้า + ทอ) finds «กลุ่มทอผ้าพุมเรียง»
while «สืบทอด» (สืบ + ทอด) does not hold ทอ. A query
is segmented the same way; a record matches a query word when it holds the word or every
part of it. Records are ranked by the query words they hold, title before body.

On PostgreSQL the records are found through GIN expression indexes (migration
``0004_search_word_indexes``) on ``thanrak_search_words(field)``, the field's words as an
array (``string_to_array(btrim(field), ' ')`` in a function the planner is told is
costly, so that it never prefers splitting every row of a large table), matched by
containment (``@>``). Elsewhere (SQLite) the match is a ``LIKE '% word %'`` on the
padded text. The rank is computed with ``LIKE`` on both, over the matches only; for a
one-word query with a limit over a whole table (the nationwide search, the catalogue of
the country), PostgreSQL ranks only the first matches by key of the title and of the
body (``_candidates``), so a common word costs no more than a rare one. Both
databases give the same records in the same order.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.db import connections
from django.db.models import Case, F, Func, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Coalesce

MIN_PART = 2  # dictionary words shorter than this inside a compound are not indexed


def _trie():
    # The very trie newmm segments with (PyThaiNLP keeps one per process): building a
    # second copy of the dictionary would cost a process as much again.
    from pythainlp.tokenize import word_dict_trie

    return word_dict_trie()


def tokenize(text: str) -> list[str]:
    """Words of a text: Thai segmented, other scripts split on spaces, lower-cased."""
    from pythainlp.tokenize import word_tokenize

    words = word_tokenize(text or "", engine="newmm", keep_whitespace=False)
    return [w.lower() for w in (w.strip() for w in words) if w and re.search(r"\w", w)]


@lru_cache(maxsize=20000)
def split(word: str) -> tuple[str, ...]:
    """The fewest dictionary words (other than the word itself) that spell the word, or ()."""
    if len(word) < 2 * MIN_PART:
        return ()
    trie = _trie()
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for i in range(len(word)):
        if best[i] is None:
            continue
        for prefix in trie.prefixes(word[i:]):
            if prefix == word:
                continue
            j = i + len(prefix)
            candidate = (*best[i], prefix)
            if best[j] is None or len(candidate) < len(best[j]):
                best[j] = candidate
    return best[len(word)] or ()


def index_text(text: str) -> str:
    """The space-padded words a text is found by."""
    words: list[str] = []
    seen = set()
    for word in tokenize(text):
        for w in (word, *split(word)):
            if w not in seen:
                seen.add(w)
                words.append(w)
    return f" {' '.join(words)} " if words else ""


# Migration 0004 makes a GIN index on this expression of each field (PostgreSQL): the
# query must use the very same expression.
SEARCH_WORDS_SQL = "thanrak_search_words({field})"


def _words(field: str):
    """The field's words as a text[] (PostgreSQL): the expression the GIN indexes hold."""
    from django.contrib.postgres.fields import ArrayField

    return Func(
        F(field),
        template=SEARCH_WORDS_SQL.replace("{field}", "%(expressions)s"),
        output_field=ArrayField(TextField()),
    )


def _holds(field: str, word: str, indexed: bool = False) -> Q:
    """The record's field holds the word, or every part of a compound word."""
    pieces = split(word)
    if indexed:
        from django.contrib.postgres.fields.array import ArrayContains

        q = Q(ArrayContains(_words(field), [word]))
        return q | Q(ArrayContains(_words(field), list(pieces))) if pieces else q
    q = Q(**{f"{field}__contains": f" {word} "})
    if pieces:
        every = Q()
        for piece in pieces:
            every &= Q(**{f"{field}__contains": f" {piece} "})
        q |= every
    return q


@dataclass(frozen=True)
class Query:
    text: str
    words: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> "Query":
        text = (text or "").strip()[:200]
        words = tuple(dict.fromkeys(tokenize(text)))[:10]
        return cls(text, words)

    def __bool__(self) -> bool:
        return bool(self.words)


def ranked(
    queryset: QuerySet, query: Query, limit: int | None = None, *, most_of_table: bool = False
) -> QuerySet:
    """The records matching any query word, best first (annotated with ``rank``).

    With ``limit`` (the caller takes no more than that many) a one-word query over a
    whole table on PostgreSQL ranks only the candidates that can be among the first
    ``limit``; so too over a queryset that leaves out only a few of the table's rows
    (``most_of_table``: a nationwide user's, less the producers an executive may not find).
    """
    if not query:
        return queryset.none()
    indexed = connections[queryset.db].vendor == "postgresql"
    any_word = Q()
    score = Value(0)
    for word in query.words:
        any_word |= _holds("search_title", word, indexed) | _holds("search_body", word, indexed)
        in_title, in_body = _holds("search_title", word), _holds("search_body", word)
        score = score + Case(
            When(in_title, then=Value(3)),
            When(in_body, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    # Only over a whole table, or most of it: PostgreSQL's estimate of one word's matches
    # is then good enough to stop early; an area's few matches are ranked all at once as
    # cheaply (walking the keys in order for them could read the whole table).
    whole = most_of_table or not queryset.query.where
    if indexed and limit and len(query.words) == 1 and whole:
        matches = queryset.filter(pk__in=_candidates(queryset, query.words[0], limit))
    else:
        matches = queryset.filter(any_word)
    return matches.annotate(rank=Coalesce(score, Value(0), output_field=IntegerField())).order_by(
        "-rank", "pk"
    )


def _candidates(queryset: QuerySet, word: str, limit: int) -> QuerySet:
    """The keys of the records that can be among the first ``limit`` matches of one word.

    With one word a record ranks 3 when its title holds the word, else 1 when its body
    does, and ties go by key: the first ``limit`` are the first ``limit`` title matches
    by key, topped up with the first body-only matches by key, and these are among the
    first ``limit`` body matches by key. Taking the first ``limit`` of each by key lets
    PostgreSQL stop early on a common word instead of ranking every match in the country.
    """
    first = queryset.order_by("pk").values("pk")
    in_title = first.filter(_holds("search_title", word, indexed=True))[:limit]
    in_body = first.filter(_holds("search_body", word, indexed=True))[:limit]
    return in_title.union(in_body, all=True)

"""Thai search: segmentation, ranking and scope."""

import pytest
from django.db import connection
from django.urls import reverse

from conftest import CHAIYA, PHUNPHIN
from thanrak.producers.models import Group
from thanrak.producers.search import Query, index_text, ranked, split, tokenize
from thanrak.producers.selectors import search
from thanrak.producers.tests.factories import make_group, make_product, make_wisdom


def test_names_are_segmented_into_thai_words():
    assert tokenize("กลุ่มทอผ้าพุมเรียง") == ["กลุ่ม", "ทอผ้า", "พุมเรียง"]
    words = index_text("กลุ่มทอผ้าพุมเรียง").split()
    # The compound ทอผ้า is indexed with the words inside it.
    assert {"กลุ่ม", "ทอผ้า", "ทอ", "ผ้า", "พุมเรียง"} <= set(words)
    assert index_text("OTOP ไข่เค็ม").startswith(" otop ")


def test_a_compound_query_word_is_split_into_its_parts():
    assert split("ผ้าทอ") == ("ผ้า", "ทอ") or set(split("ผ้าทอ")) == {"ผ้า", "ทอ"}
    assert split("ผ้า") == ()


@pytest.mark.django_db
def test_woven_cloth_finds_the_phum_riang_weaving_group(centers):
    weavers = make_group(CHAIYA, "กลุ่มทอผ้าพุมเรียง")
    make_group(CHAIYA, "กลุ่มแม่บ้านไข่เค็มไชยา")
    found = list(ranked(Group.objects.all(), Query.parse("ผ้าทอ")))
    assert found == [weavers]


@pytest.mark.django_db
def test_results_are_ranked_title_first_then_more_words(centers):
    both = make_group(CHAIYA, "กลุ่มทอผ้าไหมพุมเรียง")
    title_one_word = make_group(CHAIYA, "กลุ่มทอเสื่อกระจูด")
    only_body = make_group(CHAIYA, "กลุ่มแม่บ้านบางกุ้ง", description="รับจ้างทอผ้าและเย็บผ้า")
    make_group(CHAIYA, "กลุ่มผ้ามัดย้อม")  # cloth, but neither silk nor weaving
    found = list(ranked(Group.objects.all(), Query.parse("ผ้าไหม ทอ")))
    assert found == [both, title_one_word, only_body]


@pytest.mark.django_db
def test_search_keeps_to_the_users_area(centers, phunphin_officer, province_officer):
    own = make_product(PHUNPHIN, "ผ้าบาติกพุนพิน")
    other = make_product(CHAIYA, "ผ้าไหมพุมเรียง")
    make_wisdom(CHAIYA, "การทอผ้าไหม")
    mine = {hit.record for hit in search(phunphin_officer, Query.parse("ผ้า"))}
    assert own in mine and other not in mine
    theirs = {hit.record for hit in search(province_officer, Query.parse("ผ้า"))}
    assert {own, other} <= theirs


@pytest.mark.django_db
def test_search_page_shows_ranked_hits_in_scope(client, centers, phunphin_officer):
    make_group(PHUNPHIN, "กลุ่มทอผ้าบางมะเดื่อ")
    make_group(CHAIYA, "กลุ่มทอผ้าพุมเรียง")
    client.force_login(phunphin_officer)
    response = client.get(reverse("producers:search"), {"q": "ผ้าทอ"})
    assert "กลุ่มทอผ้าบางมะเดื่อ" in response.text
    assert "กลุ่มทอผ้าพุมเรียง" not in response.text


def test_an_empty_query_finds_nothing():
    assert not Query.parse("  ")


def test_a_compound_is_indexed_by_its_own_words_not_every_substring():
    assert "ทอ" not in index_text("สืบทอดกันมา").split()
    assert {"ทอ", "ผ้า"} <= set(index_text("ทอผ้า").split())


@pytest.mark.django_db
def test_a_record_without_words_and_a_compound_query_match_as_on_every_database(centers):
    silk = make_group(CHAIYA, "กลุ่มทอผ้าไหม")
    empty = make_group(CHAIYA, "กลุ่ม")
    Group.objects.filter(pk=empty.pk).update(search_title="", search_body="")
    # ผ้าทอ is not in silk's words but both of its parts are; กลุ่ม alone is not asked.
    assert list(ranked(Group.objects.all(), Query.parse("ผ้าทอ"))) == [silk]
    assert list(ranked(Group.objects.all(), Query.parse("ไหม เสื่อ"))) == [silk]


@pytest.mark.django_db
def test_on_postgresql_the_search_is_answered_by_the_word_indexes(centers):

    if connection.vendor != "postgresql":
        pytest.skip("the GIN indexes exist on PostgreSQL only")
    make_group(CHAIYA, "กลุ่มทอผ้าพุมเรียง")
    queryset = ranked(Group.objects.all(), Query.parse("ผ้าทอ ไข่เค็ม"))
    with connection.cursor() as cursor:
        # A handful of rows: forbid the sequential scan so the plan shows whether the
        # query's expression is the indexed one at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "producers_group_search_title_words_gin" in plan
    assert "producers_group_search_body_words_gin" in plan
    assert "Seq Scan" not in plan


@pytest.mark.django_db
def test_a_limited_search_finds_the_same_first_records_as_the_whole_ranking(centers):
    # Title matches and body-only matches interleaved by key, more of each than the limit.
    for i in range(4):
        make_group(CHAIYA, f"กลุ่มแม่บ้านบางกุ้ง {i}", description="รับจ้างทอผ้าและเย็บผ้า")
        make_group(PHUNPHIN, f"กลุ่มทอผ้าพุมเรียง {i}")
        make_group(CHAIYA, f"กลุ่มข้าวสาร {i}")
    for text, limit in (("ผ้า", 3), ("ผ้า", 6), ("ผ้า", 50), ("ผ้าทอ", 5), ("ผ้า ทอ", 5)):
        query = Query.parse(text)
        whole = [(g.pk, g.rank) for g in ranked(Group.objects.all(), query)][:limit]
        limited = [(g.pk, g.rank) for g in ranked(Group.objects.all(), query, limit)[:limit]]
        assert limited == whole
    body_only = Group.objects.filter(name__startswith="กลุ่มแม่บ้าน").order_by("pk")
    found = list(ranked(Group.objects.all(), Query.parse("ผ้า"), 6)[:6])
    assert found[4:] == list(body_only[:2])


@pytest.mark.django_db
def test_a_limited_search_over_most_of_a_table_finds_the_same_first_records(centers):
    # A nationwide executive's search leaves out only a few rows (the sole owners not agreeing
    # to be named): it may stop early, and finds what ranking them all finds.
    for i in range(5):
        make_group(PHUNPHIN, f"กลุ่มทอผ้าพุมเรียง {i}", description="ทอผ้า")
        make_group(CHAIYA, f"กลุ่มแม่บ้านบางกุ้ง {i}", description="รับจ้างทอผ้า")
    most = Group.objects.exclude(name="กลุ่มทอผ้าพุมเรียง 1")
    query = Query.parse("ผ้า")
    for limit in (2, 4, 8):
        whole = [(g.pk, g.rank) for g in ranked(most, query)][:limit]
        limited = ranked(most, query, limit, most_of_table=True)[:limit]
        assert [(g.pk, g.rank) for g in limited] == whole
        assert "กลุ่มทอผ้าพุมเรียง 1" not in {g.name for g in limited}
        if connection.vendor == "postgresql":  # the first ``limit`` candidates of each kind
            assert "UNION ALL" in str(limited.query)

"""Where each of the 77 provinces sits on the national tile map, placed by hand.

A grid of (column, row), roughly as the provinces lie on a map of Thailand (north at
the top): it keeps neighbours near each other but is not to scale. With each province its
official two-letter abbreviation (อักษรย่อ, as in letter numbers: สฎ is Surat Thani),
printed on its tile. An English page prints an English one (`english_abbreviations`).
"""

import re

# province code: (column, row, abbreviation)
PROVINCE_TILES: dict[str, tuple[int, int, str]] = {
    # North
    "57": (3, 0, "ชร"),
    "58": (1, 1, "มส"), "50": (2, 1, "ชม"), "56": (3, 1, "พย"), "55": (4, 1, "นน"),
    "51": (2, 2, "ลพ"), "52": (3, 2, "ลป"), "54": (4, 2, "พร"),
    "63": (1, 3, "ตก"), "64": (2, 3, "สท"), "53": (3, 3, "อต"),
    "62": (1, 4, "กพ"), "66": (2, 4, "พจ"), "65": (3, 4, "พล"), "67": (4, 4, "พช"),
    "61": (1, 5, "อน"), "60": (2, 5, "นว"),
    # Northeast
    "43": (6, 2, "นค"), "38": (7, 2, "บก"),
    "42": (4, 3, "ลย"), "39": (5, 3, "นภ"), "41": (6, 3, "อด"), "47": (7, 3, "สน"),
    "48": (8, 3, "นพ"),
    "40": (5, 4, "ขก"), "46": (6, 4, "กส"), "49": (8, 4, "มห"),
    "36": (4, 5, "ชย"), "44": (5, 5, "มค"), "45": (6, 5, "รอ"), "35": (7, 5, "ยส"),
    "37": (8, 5, "อจ"),
    "30": (4, 6, "นม"), "31": (5, 6, "บร"), "32": (6, 6, "สร"), "33": (7, 6, "ศก"),
    "34": (8, 6, "อบ"),
    # Central, West and East
    "18": (1, 6, "ชน"), "17": (2, 6, "สห"), "16": (3, 6, "ลบ"),
    "71": (0, 7, "กจ"), "72": (1, 7, "สพ"), "15": (2, 7, "อท"), "14": (3, 7, "อย"),
    "19": (4, 7, "สบ"),
    "70": (0, 8, "รบ"), "73": (1, 8, "นฐ"), "12": (2, 8, "นบ"), "13": (3, 8, "ปท"),
    "26": (4, 8, "นย"), "25": (5, 8, "ปจ"), "27": (6, 8, "สก"),
    "75": (0, 9, "สส"), "74": (1, 9, "สค"), "10": (2, 9, "กท"), "11": (3, 9, "สป"),
    "24": (4, 9, "ฉช"),
    "76": (0, 10, "พบ"), "20": (4, 10, "ชบ"),
    "77": (0, 11, "ปข"), "21": (5, 11, "รย"), "22": (6, 11, "จบ"), "23": (7, 11, "ตร"),
    # South
    "85": (0, 12, "รน"), "86": (1, 12, "ชพ"),
    "82": (0, 13, "พง"), "84": (1, 13, "สฎ"),
    "83": (0, 14, "ภก"), "81": (1, 14, "กบ"), "80": (2, 14, "นศ"),
    "92": (1, 15, "ตง"), "93": (2, 15, "พท"),
    "91": (1, 16, "สต"), "90": (2, 16, "สข"), "94": (3, 16, "ปน"),
    "95": (3, 17, "ยล"), "96": (4, 17, "นธ"),
}  # fmt: skip


def english_abbreviations(names: dict[str, str]) -> dict[str, str]:
    """Three letters for each province's English name (code → name), none used twice: a
    one-word name's first three letters (Krabi: Kra), a longer name's initials and the
    first letters of its last word (Nakhon Pathom: NPa, Nakhon Si Thammarat: NST). Where
    the first choice is taken by a province of a lower code, the next letters of the word
    are tried (Chanthaburi: Cha, Chachoengsao: Chc). Thai has official two-letter
    abbreviations; English has none, and six provinces begin with «Nak»."""
    taken: set[str] = set()
    result = {}
    for code in sorted(names):
        choice = next((c for c in _choices(names[code]) if c not in taken), names[code])
        taken.add(choice)
        result[code] = choice
    return result


def _choices(name: str):
    words = [w for w in re.split(r"[\s-]+", name) if w]
    if len(words) == 1:
        word = words[0]
        yield word[:3]
        yield from (word[:2] + letter for letter in word[2:])
        return
    initials = "".join(w[0].upper() for w in words)
    if len(words) >= 3:
        yield initials[:3]
    last = words[-1]
    yield from (initials[:-1] + last[0].upper() + letter for letter in last[1:])

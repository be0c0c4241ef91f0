"""Pinyin for the Chinese names in the corpus, so `Lei Jun` in an English question finds 雷军."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .records import Passage

# Part of the index's chunker stamp: bump it when `corpus_names` would find other names,
# so indexes holding the old list are rebuilt.
NAMES_VERSION = 3


def corpus_names(passages: Sequence[Passage]) -> list[str]:
    """Personal names of two or three characters in the passages, in order of first mention.

    This tags every passage with jieba's part-of-speech tagger (about a second for the
    bundled corpus), so the index stores the result instead of each start-up computing it.
    """
    from .spans import find_spans

    names: dict[str, None] = {}
    for passage in passages:
        for span in find_spans(passage.text, "person"):
            if 2 <= len(span.text) <= 3:
                names.setdefault(span.text)
    # A word the documents write before a product word, a company word or a model name is a brand,
    # not a person: "红米手机", "美的集团", "红米Note", "亚马逊Fire OS", "安卓13".
    text = " ".join(p.text for p in passages)
    return [n for n in names if not re.search(re.escape(n) + _BRAND_NEXT, text)]


_BRAND_NEXT = r"(?:手机|产品|系列|品牌|电视|平板|集团|公司|软件|电子|科技|股份|汽车|\s*[A-Za-z0-9])"


def whole_names(names: Sequence[str], text: str) -> list[str]:
    """The names that stand on their own somewhere in text.

    The tagger sometimes cuts a name short ("卢伟冰为" → 卢伟); a name written nowhere
    but as the start of a longer name is that cut.
    """
    kept = []
    for name in names:
        rests = [m[len(name):] for m in names if m != name and m.startswith(name)]
        alone = re.escape(name) + ("(?!" + "|".join(map(re.escape, rests)) + ")" if rests else "")
        if not rests or re.search(alone, text):
            kept.append(name)
    return kept


def _spellings(name: str) -> list[str]:
    """A name's pinyin run together, lower-case; a surname may be read otherwise than the word it also
    is (曾 is Zeng as a name, ceng as "once"), so each of its readings gives a spelling."""
    from pypinyin import Style, lazy_pinyin, pinyin

    given = "".join(lazy_pinyin(name[1:])).lower()
    readings = ["".join(lazy_pinyin(name[0]))] + pinyin(name[0], style=Style.NORMAL, heteronym=True)[0]
    return [surname.lower() + given for surname in dict.fromkeys(readings)]


class NameTransliterator:
    """Maps romanised personal names in English text to corpus names.

    Args:
        passages: the corpus, searched for names on first use when `names` is None.
        names: the corpus's names as `corpus_names` finds them (an index stores them).
        short_names: the short names the documents define for organisations, romanised whole.
    """

    def __init__(self, passages: Sequence[Passage], names: Sequence[str] | None = None,
                 short_names: Sequence[str] = ()) -> None:
        self._passages = passages
        self._given = None if names is None else list(names)
        # Short names the documents define for organisations ("（下称“天马”）"): "Tianma" is 天马.
        self._short = [n for n in short_names if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n)]
        self._table: dict[str, str] | None = None
        self._names: set[str] = set()
        self._mentions: dict[str, int] = {}

    def _build(self) -> dict[str, str]:
        from pypinyin import lazy_pinyin  # loaded with the table, on first use

        names = self._given if self._given is not None else corpus_names(self._passages)
        names = whole_names(names, " ".join(p.text for p in self._passages))
        table: dict[str, str] = {}
        for name in names:
            for spelling in _spellings(name):
                table.setdefault(spelling, name)
        for name in self._short:
            table.setdefault("".join(lazy_pinyin(name)).lower(), name)
        self._names = set(names)
        text = " ".join(p.text for p in self._passages)
        self._mentions = {name: text.count(name) for name in names}
        return table

    def spelled(self, names: list[str]) -> str:
        """The pinyin of names run together, to tell which English words spelled them."""
        return " ".join(spelling for n in names for spelling in _spellings(n))

    def known(self) -> set[str]:
        """Personal names found in the corpus."""
        if self._table is None:
            self._table = self._build()
        return self._names

    def by_honorific(self, word: str) -> str | None:
        """The corpus name meant by a surname + 总 form of address (雷总 → 雷军): the one name of that
        surname, or of several the one the documents mention most (林总 is 林斌, whom they profile,
        not 林世伟, named once as CFO)."""
        if len(word) != 2 or word[1] != "总":
            return None
        if self._table is None:
            self._table = self._build()
        matches = sorted((n for n in self._names if n[0] == word[0]), key=lambda n: -self._mentions.get(n, 0))
        if len(matches) > 1 and self._mentions.get(matches[0], 0) == self._mentions.get(matches[1], 0):
            return None
        return matches[0] if matches else None

    def chinese_names(self, text: str) -> list[str]:
        """Corpus names whose pinyin appears in text (`Lei Jun`, `leijun`)."""
        if self._table is None:
            self._table = self._build()
        words = re.findall(r"[a-z]+", text.lower())
        found = []
        for size in (2, 3):
            for i in range(len(words) - size + 1):
                name = self._table.get("".join(words[i : i + size]))
                if name:
                    found.append(name)
        found.extend(self._table[w] for w in words if w in self._table and len(w) >= 5)
        return list(dict.fromkeys(found))

    def written_in_chinese(self, text: str) -> str:
        """A Chinese question with the romanised corpus names in it written as the corpus writes them.

        A follow-up can take its "他" from an English turn ("Lei Jun创办的这家公司"); the documents
        only ever write 雷军. Capitalised words around the name ("Did Zeng Xuezhong") go with it.
        """
        def chinese(m: re.Match) -> str:
            found = self.chinese_names(m.group())
            return found[0] if len(found) == 1 else m.group()

        return re.sub(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+", chinese, text)


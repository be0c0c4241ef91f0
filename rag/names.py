"""Pinyin for the Chinese names in the corpus, so `Lei Jun` in an English question finds 雷军."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .records import Passage


class NameTransliterator:
    """Maps romanised personal names in English text to corpus names."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self._passages = passages
        self._table: dict[str, str] | None = None
        self._names: set[str] = set()

    def _build(self) -> dict[str, str]:
        from pypinyin import lazy_pinyin

        from .spans import find_spans

        table: dict[str, str] = {}
        for passage in self._passages:
            for span in find_spans(passage.text, "person"):
                if 2 <= len(span.text) <= 3:
                    table.setdefault("".join(lazy_pinyin(span.text)).lower(), span.text)
                    self._names.add(span.text)
        return table

    def spelled(self, names: list[str]) -> str:
        """The pinyin of names run together, to tell which English words spelled them."""
        from pypinyin import lazy_pinyin

        return " ".join("".join(lazy_pinyin(n)).lower() for n in names)

    def known(self) -> set[str]:
        """Personal names found in the corpus."""
        if self._table is None:
            self._table = self._build()
        return self._names

    def by_honorific(self, word: str) -> str | None:
        """The corpus name meant by a surname + 总 form of address (雷总 → 雷军), if only one fits."""
        if len(word) != 2 or word[1] != "总":
            return None
        if self._table is None:
            self._table = self._build()
        matches = {n for n in self._names if n[0] == word[0]}
        return matches.pop() if len(matches) == 1 else None

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

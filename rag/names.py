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

    def _build(self) -> dict[str, str]:
        from pypinyin import lazy_pinyin

        from .spans import find_spans

        table: dict[str, str] = {}
        for passage in self._passages:
            for span in find_spans(passage.text, "person"):
                if 2 <= len(span.text) <= 3:
                    table.setdefault("".join(lazy_pinyin(span.text)).lower(), span.text)
        return table

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

"""Keyword tokenisation: jieba for Chinese, English words and numbers kept whole."""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)

TOKENIZER_NAME = f"jieba-{jieba.__version__}-search+latin-v1"

# Latin words, numbers and codes stay single tokens: 1810.HK, 2,710, 10.1527,
# 91110108551385082Q, 7×24. Chinese runs go to jieba.
_LATIN = re.compile(r"[A-Za-z0-9]+(?:[.,'’\-×/+&][A-Za-z0-9]+)*")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

STOP_WORDS = frozenset(
    """
    的 了 是 在 和 与 及 或 等 于 为 也 就 都 而 又 并 从 对 把 被 让 将 向 由 以 之 其 此 这 那 该 个 各 每
    有 没有 吗 呢 吧 啊 呀 么 嘛 哦 喔 着 过 得 地 所 上 下 中 里 内 后 前 时 一 一个 一种 这个 那个 这些 那些
    什么 啥 哪 哪个 哪些 哪里 哪儿 哪家 哪一年 哪年 哪天 哪一天 哪位 几 多少 多久 谁 怎么 怎样 如何 为什么 是否
    是不是 有没有 请问 告诉 我 你 他 她 它 我们 你们 他们 她们 它们 咱们 吗 呢 一下 知道 想 问 请
    a an the of in on at to for by with from and or is are was were be been being do does did
    what when where which who whom whose why how many much is it its this that these those
    as about into than then there their they he she his her we you i me my our your
    """.split()
)


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """NFKC (full-width → half-width letters and digits) and lower-case."""
    return unicodedata.normalize("NFKC", text).lower()


@lru_cache(maxsize=4096)
def _segment_cjk(run: str) -> tuple[str, ...]:
    return tuple(jieba.cut(run, HMM=True))


def segment(text: str) -> list[str]:
    """jieba words of a Chinese run (no filtering, no normalisation)."""
    return list(_segment_cjk(text)) if text else []


def tokenize(text: str) -> list[str]:
    """Keyword tokens for BM25: normalised, stop words and punctuation removed.

    Chinese runs are cut with jieba's search mode, which adds the shorter words
    inside long ones (`清华大学` → `清华`, `大学`, `清华大学`) so partial names
    still match; Latin words and numbers are kept whole.
    """
    text = normalise(text)
    tokens: list[str] = []
    pos = 0
    for match in _LATIN.finditer(text):
        tokens.extend(_cjk_tokens(text[pos : match.start()]))
        tokens.append(match.group())
        pos = match.end()
    tokens.extend(_cjk_tokens(text[pos:]))
    return [t for t in tokens if t not in STOP_WORDS]


@lru_cache(maxsize=8192)
def _search_cut(run: str) -> tuple[str, ...]:
    return tuple(jieba.cut_for_search(run, HMM=True))


def _cjk_tokens(chunk: str) -> list[str]:
    out: list[str] = []
    for run in _CJK.findall(chunk):
        out.extend(w for w in _search_cut(run) if w.strip())
    return out


def segment_words(text: str) -> list[str]:
    """jieba's precise cut of every Chinese run, normalised (for whole-word checks)."""
    return [w for run in _CJK.findall(normalise(text)) for w in _segment_cjk(run) if w.strip()]

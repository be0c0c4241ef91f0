"""A person's post, as Chinese writes it: in front of the name ("人工智能与云平台副总裁崔宝秋")."""

from __future__ import annotations

import re

from .spans import Span

# "崔宝秋的职务是什么", "他担任什么职位", "What was his title?": the post is asked, not a person.
_POST_ASKED = re.compile(
    r"职务|职位|头衔|什么职|任什么|担任什么|身份是什么|\b(?:title|position|job|post)s?\b", re.IGNORECASE
)
# What a post ends with: "…副总裁", "首席架构师", "总干部部长", "合伙人", "CEO".
_POST_END = re.compile(
    r"(?:总裁|经理|官|主席|董事长|董事|部长|架构师|合伙人|主任|秘书长|院长|校长|教授|总监|负责人|创始人|"
    r"政委|工程师|研究员|秘书|CEO|CFO|COO|CTO)$",
    re.IGNORECASE,
)
# Where a post written before a name starts: a clause break, or a joining word before it.
_BREAK = "，,。；;：:（(\n“\"》 "
_MAX_POST = 30
_JOINING = re.compile(r"和|及|由|是|为")


# "Redmi品牌独立时，卢伟冰被任命为什么职务": a post at some moment is read with that moment's evidence.
_AT_A_MOMENT = re.compile(r"时|任命|出任|升任|晋升|当年|\d+年|\b(?:when|appointed|named|promoted|in \d{4})\b",
                          re.IGNORECASE)


def post_asked(question: str) -> bool:
    """Whether the question asks what post someone holds (now, not at a moment it names)."""
    return _POST_ASKED.search(question) is not None and _AT_A_MOMENT.search(question) is None


def post_before(text: str, name: str) -> Span | None:
    """The post written right before `name` in text, if any.

    Posts listed with "、" belong together ("小米首席架构师、人工智能与云平台副总裁崔宝秋"), but a
    list of people does not: in "雷军和卢伟冰、总干部部长刘德" only 总干部部长 is 刘德's.
    """
    for m in re.finditer(re.escape(name), text):
        end = m.start()
        start = end
        while start > 0 and text[start - 1] not in _BREAK and end - start < _MAX_POST:
            start -= 1
        kept: list[str] = []
        for piece in reversed(text[start:end].split("、")):
            if not _POST_END.search(piece):
                break
            head = _JOINING.split(piece)[-1]  # "卢伟冰和总干部部长": only what follows the joining word
            kept.append(head)
            if head != piece:
                break
        post = "、".join(reversed(kept))
        if len(post) >= 2:
            return Span(end - len(post), end, post, "post")
    return None

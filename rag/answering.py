"""Answering: pick the best evidence, extract a short typed answer and cite it — or refuse."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from .amounts import agrees, amount_of
from .bm25 import BM25Index
from .chunking import is_lead
from .events import event_beside, event_stated
from .evidence import (
    MONEY,
    RANK,
    Evidence,
    EvidenceWeights,
    alongside_asked,
    answer_hint,
    appositive,
    best_span,
    gather,
    keyword_positions,
    phrase_of_some,
    thing_asked,
)
from .exclusion import split_exclusion
from .glossary import (
    SYNONYMS,
    chinese_dated,
    chinese_keywords,
    degree_stated,
    figure_asked,
    figure_before,
    markets_named,
)
from .keywords import (
    MODEL_NUMBER,
    NAME,
    QueryTerms,
    conflicts,
    contains_term,
    corpus_aliases,
    measure_stated,
    measured_words,
    term_match,
)
from .names import NameTransliterator
from .posts import post_asked, post_before
from .premise import (
    cleft_question,
    offered_amount,
    offered_time,
    offered_value,
    rival,
    same_time,
    without,
)
from .question import (
    ALIAS,
    DATE,
    DEFINITION,
    LIST,
    NUMBER,
    ORG,
    OTHER,
    PERSON,
    PLACE,
    PRODUCT,
    YESNO,
    QuestionInfo,
    asks_what_it_does,
    classify,
    is_english,
    kind_asked,
    kind_of_business_asked,
    product_kind_asked,
)
from .records import Answer, Citation, Hit, Passage
from .refusal import RefusalModel
from .setting import (
    continued_sentences,
    dates_before,
    passage_settings,
    passage_subjects,
    sentence_setting,
    unfinished_sentences,
)
from .spans import Span, find_spans, kind_clause, product_kind_clause, typed_kinds
from .tokenizer import normalise, segment_words

NOT_FOUND = "资料中没有找到这个问题的答案。"
NOT_FOUND_EN = "The documents do not contain an answer to this question."
MAX_ANSWER_CHARS = 80


@dataclass(frozen=True)
class AnswerConfig:
    """How many passages to read and how evidence is weighed."""

    candidates: int = 8
    passages: int = 6
    weights: EvidenceWeights = field(default_factory=EvidenceWeights)


@dataclass(frozen=True)
class Decision:
    """The best evidence for a question and whether it is good enough to answer from."""

    info: QuestionInfo
    hits: tuple[Hit, ...]
    terms: dict[str, float]
    ranked: tuple[Evidence, ...]
    features: dict[str, float]
    confidence: float
    grounded: bool
    objections: tuple[str, ...] = ()  # the checks the best evidence failed (see Answerer.objections)


# Where someone studied, asked ("本科在哪读的", "哪毕业的", "which university did he attend") and said.
_STUDY_ASKED = re.compile(r"在哪(?:里|儿)?(?:读|念|上)|毕业|\b(?:graduat\w*|stud(?:y|ied)|attend(?:ed)?|alma mater)\b",
                          re.IGNORECASE)
_STUDIED = re.compile(r"毕业|学位|学士|硕士|博士|就读|读书|求学|学习|考入|攻读")


class Answerer:
    """Answers questions from the passages a retriever finds."""

    def __init__(
        self,
        retriever,
        bm25: BM25Index,
        tokenize: Callable[[str], list[str]],
        passages: Sequence[Passage] = (),
        config: AnswerConfig = AnswerConfig(),
        refusal: RefusalModel | None = None,
        names: Sequence[str] | None = None,
    ) -> None:
        self.retriever = retriever
        self.config = config
        aliases = corpus_aliases(p.text for p in passages)
        # The documents' own subject ("（下称“小米”）") is in most passages: "Xiaomi" names nothing to look for.
        short_names = [short for short, full in aliases.items()
                       if len(short) < len(full) and sum(short in p.text for p in passages) <= 0.1 * len(passages)]
        self.terms = QueryTerms(bm25, tokenize, NameTransliterator(passages, names, short_names),
                                aliases, (p.text for p in passages))
        self.refusal = refusal or RefusalModel.load()
        self.passages = list(passages)
        self.settings = passage_settings(passages)
        self.subjects = passage_subjects(passages, self.terms.names.known())
        self.dates = dates_before(passages)
        self.heads = unfinished_sentences(self.passages)
        self.tails = continued_sentences(self.passages)
        self._continued = {after.id: before for before, after in zip(self.passages, self.passages[1:])
                           if before.id in self.tails}
        self.corpus_text = normalise(" ".join(f"{p.section} {p.text}" for p in passages))

    def warm_up(self) -> Answerer:
        """Do the one-off work of the first question now: jieba's tagger and the table of names."""
        self.terms.names.known()
        info = classify("这是什么时候的事？")
        self.terms.weighted(info)
        self.terms.required(info)
        return self

    def people_named(self, text: str) -> list[str]:
        """The corpus's people a text names, in Chinese, in pinyin ("Lei Jun" → 雷军) or by a form of
        address (卢总 → 卢伟冰)."""
        names = self.terms.names
        text = self.terms.expand_honorifics(text)
        return [n for n in names.known() if n in text] + names.chinese_names(text)

    def query_text_for(self, question: str) -> str:
        """The retrieval query used for a question."""
        return self.terms.query_text(classify(self.terms.respace(split_exclusion(question)[0])))

    def decide(self, question: str, kind: str | None = None) -> Decision:
        """Retrieve, score the evidence and decide whether to answer; `kind` is the type asked when
        the question's own words said it before a topic was put in front of them."""
        # "除了汽车和芯片以外，还有哪些": the words set aside are neither keywords nor answers.
        kept, aside = split_exclusion(question)
        info = classify(self.terms.respace(kept))
        if info.english:
            # "Where exactly was 雷总 born?": a follow-up put a form of address into an English question.
            info = replace(info, text=self.terms.expand_honorifics(info.text))
        info = replace(info, type=kind) if kind else info
        hits = tuple(self.retriever.search(self.terms.query_text(info), self.config.candidates))
        if info.type == DEFINITION and kind_of_business_asked(info.text):
            hits = self._lead_included(info, hits)
        elif info.type == DATE and _FOUNDING_ASKED.search(info.text):
            # "小米啥时候成立的": a profile says when its subject was founded in its first sentence, which
            # the few words of the question may rank below a later founding (of a subsidiary).
            hits = self._lead_included(info, hits, said=lambda text: bool(_FOUNDING_ASKED.search(text)))
        elif info.type == ALIAS:
            # "小米英文全称叫啥": a profile gives its subject's full names in its first sentence.
            hits = self._lead_included(info, hits, said=lambda text: bool(_LATIN_IN_BRACKETS.search(text)))
        if alongside_asked(info.text):
            hits = self._heads_included(hits)
        terms = self.terms.weighted(info)
        required = self.terms.required(info)
        ranked = tuple(gather(info, hits[: self.config.passages], terms, required, self.config.weights,
                              self.settings, self.subjects, self.dates, self.heads, self.terms.aliases, aside,
                              self.tails))
        if not ranked:
            return Decision(info, hits, terms, ranked, {}, 0.0, False)
        if info.type == NUMBER:
            ranked = self._measured_first(info, ranked)
            ranked = self._whole_year_first(info, ranked, terms)
        ranked = _model_named_first(ranked, required)
        if info.type == PERSON:
            ranked = _post_named_first(info, ranked)
        ranked = _field_named_first(ranked, info.text)
        if info.type == ALIAS and _FULL_NAME_ASKED.search(info.text):
            ranked = _company_name_first(ranked)
        if info.type == DEFINITION and kind_of_business_asked(info.text):
            ranked = _kind_said_first(ranked)
        thing = product_kind_asked(info.text) if info.type == DEFINITION else None
        if thing is not None:
            ranked = _product_kind_first(ranked, thing)
        features = self.features(info, ranked, terms, required)
        objections = self.objections(info, hits, ranked[0], required, terms)
        confidence = self.refusal.probability(features)
        grounded = not objections and confidence >= self.refusal.threshold
        return Decision(info, hits, terms, ranked, features, confidence, grounded, objections)

    def _heads_included(self, hits: tuple[Hit, ...]) -> tuple[Hit, ...]:
        """The hits with the passage each shown one goes on from ("以及小米手环…" goes on from "…推出了
        小米手机4；"), just before it with its score: what came with a thing is said in the clause before."""
        out: list[Hit] = []
        for hit in hits[: self.config.passages]:
            before = self._continued.get(hit.passage.id)
            if before is not None and all(h.passage.id != before.id for h in (*hits, *out)):
                out.append(replace(hit, passage=before))
            out.append(hit)
        return tuple(out) + hits[self.config.passages:]

    def _lead_included(self, info: QuestionInfo, hits: tuple[Hit, ...], depth: int = 40,
                       said: Callable[[str], bool] = kind_clause) -> tuple[Hit, ...]:
        """The hits with the opening passage of a document that says what kind of company it is about.

        "小米算是一家什么性质的公司": a profile says it in its first sentence, which the question's few
        words ("小米", "公司") rank below sentences naming 小米 more often. It keeps its retrieval scores.
        """
        shown = hits[: self.config.passages]
        if any(is_lead(h.passage) for h in shown):
            return hits
        deeper = self.retriever.search(self.terms.query_text(info), depth)
        lead = next((h for h in deeper if is_lead(h.passage) and said(h.passage.text)), None)
        if lead is None:
            return hits
        rest = tuple(h for h in hits if h.passage.id != lead.passage.id)
        return rest[: self.config.passages - 1] + (lead,) + rest[self.config.passages - 1:]

    def objections(self, info: QuestionInfo, hits: Sequence[Hit], best: Evidence,
                   required: Sequence[str], terms: dict[str, float] | None = None) -> tuple[str, ...]:
        """Why the best evidence does not answer the question, however confident the model is.

        Each check names a way a fluent-looking answer is about something else.
        """
        setting = self._setting(best)
        sentence = normalise(f"{setting} {best.text}")
        whole = normalise(f"{setting} {self._whole_sentence(best)}")
        hint = answer_hint(info)
        # The amount a how-much question would be answered with, for the checks on what it is said of.
        figure = _answer_span(info, best, terms or {}, self._figure_asked(info)) if info.type == NUMBER else None
        checks = {
            # A number or name the question insists on that no retrieved passage has:
            # the documents are about something else.
            "absent": any(not any(contains_term(self._context(h.passage), t) for h in hits) for t in required),
            # Evidence about another year or quarter answers a different question.
            "conflict": conflicts(self._pinned(info), f"{setting} {best.text}"),
            # A number for something else than what is counted ("多少名员工" answered with revenue).
            "unmeasured": info.type == NUMBER and not measure_stated(info.text, sentence),
            # A date for another event: "什么时候加入的小米" answered with the year he graduated.
            "other_event": info.type == DATE and not event_stated(info.text, whole),
            # A place for another event: "在哪里出生" answered with where a degree was taken.
            "other_place": info.type == PLACE and bool(best.spans) and not any(
                event_beside(info.text, best.passage.text, s.start, s.end) for s in best.spans),
            # A when or how-many question answered by a sentence holding no date or number at all,
            # or a list question by one naming no items.
            "no_value": info.type in (DATE, NUMBER, LIST, PERSON) and not best.spans and not best.subject,
            # "在哪读的博士" is not answered by where a bachelor's or master's degree was taken.
            "other_degree": not degree_stated(info.text, whole),
            # "几号" answered with a month, "多少台" with an amount of money.
            "unfit": bool(hint and best.spans and not best.subject
                          and not any(ch in s.text for s in best.spans for ch in hint)),
            # "小米与OPPO签署了什么协议": a place or organisation the question pins that the answer's
            # sentence lacks (people are exempt: a biography goes on without the name).
            "unpinned": any(t[:1] == NAME and not contains_term(whole, t) for t in required),
            # "小米4 64G版多少钱" is not answered by the 64GB edition of 小米3.
            "other_model": any(t.startswith(MODEL_NUMBER) for t in best.missing),
            # "那轮融资融了多少钱" is not answered by the valuation the round reached.
            "other_figure": figure is not None and self._other_figure(info, best, figure),
            # "小米在纳斯达克的股票代码" is not answered by a listing in Hong Kong.
            "other_market": bool(markets_named(normalise(self._pinned(info))) - markets_named(whole)),
            # "澎湃C1芯片是做什么用的" is not answered by a list that only names 澎湃C1 among others.
            "only_listed": info.type == DEFINITION and _only_listed(info.text, best.text),
            # "2023年净利润" is not answered by the first quarter's: a part of the year is another figure.
            "part_of_year": figure is not None and self._part_of_year(info, best, figure),
            # "投资方均为国际顶级投资公司，但未公布具体名称": the names asked for were withheld.
            "withheld": info.type in (LIST, ORG, PERSON) and _withheld(best, terms or {}),
            # "雷军大学在哪念的" is not answered by a university whose officials attended a ceremony with him.
            "not_studied": info.type == ORG and bool(_STUDY_ASKED.search(info.text)) and not _STUDIED.search(whole),
            # "一期哪天完工的" is not answered by the month it was expected to be done (预计6月完工).
            "only_planned": info.type == DATE and self._only_planned(info, best, terms or {}),
        }
        return tuple(name for name, failed in checks.items() if failed)

    def _full_name_answer(self, info: QuestionInfo, decision: Decision, base: dict) -> Answer | None:
        """The full name of a short form the question asks the meaning of, cited where the documents
        define it ("集团经营管理委员会（简称：经管会）"); None when the question asks no short form's meaning."""
        m = _STANDS_FOR.search(info.text)
        short = normalise(next(g for g in m.groups() if g)).strip() if m else ""
        full = self.terms.aliases.get(short, "")
        if len(full) <= len(short):
            return None
        for hit in decision.hits:
            text = hit.passage.text
            # Found in the text as written (the alias table is lower-cased), so the offsets are the text's.
            found = re.search(re.escape(full), text, re.IGNORECASE)
            at = found.start() if found else -1
            if at >= 0 and short in normalise(text[at:]):
                # The alias table cuts the name back to the short form's first character (经营管理委员会);
                # the organisation's name as written may open earlier (集团经营管理委员会).
                end = at + len(full)
                start = min([sp.start for sp in find_spans(text, ORG) if sp.end == end and sp.start <= at] + [at])
                citation = Citation(hit.passage, hit.score, (start, end))
                return Answer(f"{text[start:end]}[1]", True, (citation,), span=text[start:end], **base)
        return None

    def _part_of_year(self, info: QuestionInfo, best: Evidence, span: Span) -> bool:
        """Whether the figure answering a question about a whole year is said of a quarter or half of it."""
        asked = self._pinned(info)
        if not re.search(r"(?:19|20)\d{2}\s*年", asked) or _PART_OF_YEAR.search(asked):
            return False
        text = best.passage.text
        clause = re.split(r"[，,；;。]", text[best.start : span.start])[-1]
        return _PART_OF_YEAR.search(clause) is not None

    def _only_planned(self, info: QuestionInfo, best: Evidence, terms: dict[str, float]) -> bool:
        """Whether the date answering a question about what happened is only when it was expected to."""
        if _PLANNED.search(self._pinned(info)) or re.search(r"\b(?:expect|plan|schedul|due)", info.text, re.I):
            return False
        clauses = [normalise(c) for c in re.split(r"[，,；;。]", best.text)]
        planned = [c for c in clauses if _PLANNED.search(c)]
        said = [c for c in clauses if not _PLANNED.search(c)]
        # A question word written only in a clause of what was expected: the event asked about is planned.
        return any(len(t) >= 2 and any(t in c for c in planned) and not any(t in c for c in said)
                   for t in terms)

    def _figure_asked(self, info: QuestionInfo) -> str | None:
        """The money figure a how-much question names; an English one names it in English
        ("What about adjusted net profit?" is 调整后净利润)."""
        return figure_asked(normalise(self._pinned(info))) if info.type == NUMBER else None

    def _other_figure(self, info: QuestionInfo, best: Evidence, span: Span) -> bool:
        """Whether the amount the answer gives is said of another money figure than the one asked."""
        asked = self._figure_asked(info)
        said = figure_before(normalise(best.passage.text), span.start) if asked else None
        return bool(said and said != asked)

    def _measured_first(self, info: QuestionInfo, ranked: tuple[Evidence, ...],
                        within: int = 3) -> tuple[Evidence, ...]:
        """The leading evidence from the best one that names what a how-many question counts.

        "经管会一共有几名成员" is answered by "经管会成员共12位", not by the sentence that set the committee up.
        """
        hint = answer_hint(info)
        if measured_words(info.text):
            named = [ev for ev in ranked[:within] if ev.spans
                     and measure_stated(info.text, normalise(f"{self._setting(ev)} {ev.text}"))]
        elif hint and hint not in (MONEY, RANK):
            # "How many people sit on it?" names nothing counted in Chinese; its unit (人名位) does, in
            # evidence about the year asked, if any.
            pinned = self._pinned(info)
            named = [ev for ev in ranked[:within] if any(ch in s.text for s in ev.spans for ch in hint)
                     and not conflicts(pinned, f"{self._setting(ev)} {ev.text}")]
        else:
            return ranked
        if not named or named[0] is ranked[0]:
            return ranked
        # What outscored it counts something else: it is no rival, and drops out.
        at = ranked.index(named[0])
        return ranked[at:]

    def _whole_year_first(self, info: QuestionInfo, ranked: tuple[Evidence, ...], terms: dict[str, float],
                          within: int = 3) -> tuple[Evidence, ...]:
        """The leading evidence from the best one giving a whole year's figure when a question asks about a
        year: "2023年收入多少" is answered by the year's total, not by the first quarter's that outscored it."""

        def part(ev: Evidence) -> bool:
            figure = _answer_span(info, ev, terms, self._figure_asked(info))
            return figure is not None and self._part_of_year(info, ev, figure)

        asked = self._figure_asked(info)

        def of_the_figure(ev: Evidence) -> bool:
            # Said of the figure asked ("总收入为2,710亿元"), when the question names one.
            figure = _answer_span(info, ev, terms, asked)
            return figure is not None and (asked is None
                                           or figure_before(normalise(ev.passage.text), figure.start) == asked)

        if not part(ranked[0]):
            return ranked
        pinned = self._pinned(info)
        # Another year's figure, or the year's revenue for its profit, answers no better.
        whole = next((ev for ev in ranked[1:within] if ev.spans and not part(ev) and of_the_figure(ev)
                      and not conflicts(pinned, f"{self._setting(ev)} {ev.text}")), None)
        return ranked[ranked.index(whole):] if whole else ranked

    def _whole_sentence(self, ev: Evidence) -> str:
        """The evidence with the clauses before it up to the last full stop, also across a passage break.

        Clauses split at "；" share their event: "…发布会，推出了小米手机4；以及小米手环".
        """
        text = ev.passage.text
        opening = max(text.rfind(c, 0, ev.start) for c in "。\n") + 1
        before = self.heads.get(ev.passage.id, "") if opening == 0 else ""
        return before + text[opening : ev.end]

    def _pinned(self, info: QuestionInfo) -> str:
        """The question as the year, quarter and edition checks read it: English in its Chinese words."""
        if not info.english:
            return info.text
        return chinese_dated(self.terms.query_text(info))

    def _setting(self, ev: Evidence) -> str:
        """What the evidence sentence takes for granted (see rag.setting)."""
        passage = ev.passage
        return sentence_setting(passage.text, ev.start, ev.end,
                                self.settings.get(passage.id) or self.dates.get(passage.id, ""))

    def _context(self, passage: Passage) -> str:
        """A passage as evidence checks read it: with its section title, setting and the person it is about."""
        about = self.subjects.get(passage.id, "")
        return normalise(f"{passage.section} {self.settings.get(passage.id, '')} {about} {passage.text}")

    def features(self, info: QuestionInfo, ranked: Sequence[Evidence], terms: dict[str, float],
                 required: Sequence[str]) -> dict[str, float]:
        """What the refusal model looks at, about the best evidence (ranked[0]).

        Word-overlap features fall when a user paraphrases; the retrieval ranks and
        the evidence margin do not, so both kinds are here.
        """
        best = ranked[0]
        ranks = best.hit.ranks
        top = max(terms, key=terms.get) if terms else None
        context = self._context(best.passage)
        setting = self._setting(best)
        sentence = normalise(f"{setting} {best.text}")
        # A biography's later sentences go on without the name: their person is still the one named.
        about = normalise(f"{self.subjects.get(best.passage.id, '')} {sentence}")
        heavy = [t for t, w in terms.items() if w >= 0.6 * max(terms.values())] if terms else []
        typed = info.type in typed_kinds() and info.type != LIST
        return {
            "coverage": best.coverage,
            "context_coverage": best.context_coverage,
            "dense": best.hit.scores.get("dense", 0.0),
            "fused": best.hit.score,
            "span_found": float(bool(best.spans or best.subject) or not typed),
            "proximity": best.proximity,
            "unknown_share": self.terms.unknown_share(terms),
            "missing": float(len(best.missing)),
            "english": float(info.english),
            # Said in the document's own word counts as said (港股代码 by 1810.HK, 法人 by 法定代表人).
            "top_term": float(top is not None and term_match(top, context) == 1.0),
            "sentence_required": sum(contains_term(about, t) for t in required) / len(required) if required else 1.0,
            "heavy_in_sentence": sum(term_match(t, sentence) == 1.0 for t in heavy) / len(heavy) if heavy else 1.0,
            "novel": float(len(self.terms.novel_words(info, self.corpus_text))),
            "retrievers_agree": float(ranks.get("dense") == 1 and ranks.get("bm25") == 1),
            "evidence_margin": best.score - ranked[1].score if len(ranked) > 1 else best.score,
        }

    def answer(self, question: str, resolved: str | None = None, kind: str | None = None) -> Answer:
        """Answer a (resolved) question, or refuse when the evidence is too weak.

        `kind`: the type of answer asked, when the resolved text would read otherwise ("地址 它的经营
        范围里包括卖眼镜吗？" is a yes/no question whatever the topic words before it say).
        """
        resolved = resolved or question
        decision = self.decide(resolved, kind)
        info = decision.info
        base = {"question": question, "resolved_question": resolved, "question_type": info.type,
                "confidence": round(decision.confidence, 3)}
        if not decision.grounded and info.type in (DEFINITION, OTHER):
            # "What is the full name of '经管会'?": where the documents define the short form, that
            # definition answers, however little else of the question the passages share.
            spelled = self._full_name_answer(info, decision, base)
            if spelled:
                return spelled
        if not decision.grounded:
            corrected = self._premise_corrected(decision, base) if info.type == YESNO else None
            return corrected or Answer(NOT_FOUND_EN if info.english else NOT_FOUND, False, (), **base)
        best = decision.ranked[0]
        if info.type == YESNO:
            # "小米是2016年成立的吗": the date the documents give for the event says yes or no;
            # "是不是花了18亿": the amount they give.
            timed = self._time_corrected(info, base) or self._amount_corrected(info, base)
            if timed:
                return timed
        if info.type == YESNO and not info.english:
            # "跑的是安卓tv吗" answered by a passage that never says 安卓tv: what it does say is the answer.
            cleft = cleft_question(info.text)
            if cleft and normalise(cleft[0]) not in normalise(self._context(best.passage)):
                corrected = self._cleft_corrected(info, base)
                if corrected:
                    return corrected
        if info.type in (DEFINITION, OTHER):
            # "What does 经管会 stand for?": the full name the documents define it for.
            spelled = self._full_name_answer(info, decision, base)
            if spelled:
                return spelled
        if info.type in (DEFINITION, LIST, OTHER) and post_asked(info.text):
            held = self._post_answer(decision, base)
            if held:
                return held
        if info.type == LIST:
            return self._list_answer(best, decision.terms, base, info.text)
        span = _answer_span(info, best, decision.terms, self._figure_asked(info))
        kind = kind_clause(best.passage.text, best.start, best.end) if not span and kind_asked(info.text) else None
        thing = product_kind_asked(info.text) if not span and not kind else None
        if thing is not None:
            kind = product_kind_clause(best.passage.text, best.start, best.end, thing)
        if not span and not kind and info.type == DEFINITION:
            kind = appositive(info.text, best.passage.text)
        if kind:
            # "是一家…的中国投资控股公司" runs across commas: the clause is the answer, whole.
            citation = Citation(best.passage, best.hit.score, (kind.start, kind.end))
            return Answer(f"{kind.text}[1]", True, (citation,), span=kind.text, **base)
        # The subject's name opens most sentences; the predicate is where the answer is.
        # In a yes/no question only the name it opens with is its subject: what confirms
        # "小米和比亚迪电子有联合实验室吗" is where 比亚迪 is.
        opening = normalise(info.text)
        # ("Is Lin Bin a Chinese-American?": an English yes/no question names its subject after the verb.)
        predicate = {t: w for t, w in decision.terms.items() if t not in self.terms.names.known()
                     or (info.type == YESNO and not info.english and not opening.startswith(t))}
        anchor = _keyword_focus(best, predicate or decision.terms, near=span.start if span else None)
        denied = _denying_clause(best, predicate or decision.terms) if info.type == YESNO else None
        contrast = denied is not None and _CONTRAST.match(best.passage.text, denied) is not None
        if contrast:
            # "搭载亚马逊Fire OS，而非常规的Android TV" answers "跑的是Android TV吗": no, and what instead.
            before = best.passage.text[best.start : denied].rstrip("，, ")
            anchor = best.start + max(before.rfind(c) for c in "，,；;") + 1
        elif denied is not None:
            anchor = denied  # "…但未公布具体名称" answers "公开投资方名字了吗": the clause that says no
        focus = span.start if span else anchor
        does = info.type == DEFINITION and span is None and asks_what_it_does(info.text)
        text = clip_around(best.passage.text, best.start, best.end, focus, span, anchor=anchor, following=does)
        if info.type == YESNO:
            sure = best.coverage >= 0.85 and denied is None
            said = ("Yes: " if sure else "According to the documents: ") if info.english else (
                "是的：" if sure else "根据资料：")
            text = (("No: " if info.english else "不是：") if contrast else said) + text
        highlight = (span.start, span.end) if span else (best.start, best.end)
        citation = Citation(best.passage, best.hit.score, highlight)
        if best.subject and span is None:
            return self._subject_answer(best, text, citation, base)
        return Answer(f"{text}[1]", True, (citation,), span=span.text if span else text, **base)

    def _premise_corrected(self, decision: Decision, base: dict) -> Answer | None:
        """"不是" with the evidence, for a yes/no question offering a value the documents state otherwise
        (see `rag.premise`); None when the documents do not say what the value was instead."""
        info = decision.info
        # "销量有没有突破5000万台": an amount offered with a relation is checked as one, not taken as a wrong value.
        amount = self._amount_corrected(info, base)
        if amount:
            return amount
        required = self.terms.required(info)
        absent = [t for t in required
                  if not any(contains_term(self._context(h.passage), t) for h in decision.hits)]
        offered = offered_value(info.text, absent)
        if offered is None:
            return (self._cleft_corrected(info, base) or self._time_corrected(info, base)
                    or self._market_corrected(decision, base))
        rest = self.decide(without(info.text, offered))
        if not rest.grounded:
            return None
        best = rest.ranked[0]
        sentence = best.passage.text[best.start : best.end]
        other = rival(sentence, info.text, offered)
        if other is None:
            return None
        start, end = best.start + other.start, best.start + other.end
        span = Span(start, end, other.text, other.kind)
        text = clip_around(best.passage.text, best.start, best.end, start, span)
        citation = Citation(best.passage, best.hit.score, (start, end))
        no = "No: " if info.english else "不是："
        return Answer(f"{no}{text}[1]", True, (citation,), span=other.text,
                      **{**base, "confidence": round(rest.confidence, 3)})

    def _cleft_corrected(self, info: QuestionInfo, base: dict) -> Answer | None:
        """"不是" with the answer to the value question, for "小米是在深交所上市的吗" (see `cleft_question`)
        when the documents give that value as another one, in a passage that never names the offered one."""
        cleft = None if info.english else cleft_question(info.text)
        if cleft is None:
            return None
        offered, asked = cleft
        answer = self.answer(asked)
        if not answer.grounded or answer.question_type not in (PLACE, PERSON, ORG, PRODUCT):
            return None  # only a value of a kind stands against the offered one, not a description
        offered_markets = markets_named(normalise(offered))
        if any(normalise(offered) in normalise(c.passage.text)
               or offered_markets & markets_named(normalise(c.passage.text)) for c in answer.citations):
            return None  # the passage names the offered value (港交所 as 香港交易所): it may well be right
        return Answer(f"不是：{answer.text}", True, answer.citations, span=answer.span,
                      **{**base, "confidence": answer.confidence})

    def _time_corrected(self, info: QuestionInfo, base: dict) -> Answer | None:
        """"不是" (or "是的") with the date the documents give, for "小米是2019年在港交所上市的吗"
        (see `offered_time`); None when they do not date the event by a year."""
        offered = offered_time(info.text)
        if offered is None:
            return None
        time, asked = offered
        answer = self.answer(asked)
        same = same_time(time, answer.span) if answer.grounded and answer.question_type == DATE else None
        if same is None:
            return None
        said = ("Yes: " if same else "No: ") if info.english else ("是的：" if same else "不是：")
        return Answer(f"{said}{answer.text}", True, answer.citations, span=answer.span,
                      **{**base, "confidence": answer.confidence})

    def _market_corrected(self, decision: Decision, base: dict, within: int = 3) -> Answer | None:
        """"No" with the listing the documents state, for "Did Xiaomi go public on a US stock exchange?"
        when a leading passage says where the listing was and names another market; else None."""
        info = decision.info
        offered = markets_named(normalise(info.text))
        if not offered:
            return None
        for ev in decision.ranked[:within]:
            sentence = ev.passage.text[ev.start : ev.end]
            said = markets_named(normalise(sentence))
            listing = _LISTED.search(sentence)
            if listing and said and not said & offered:
                text = clip_around(ev.passage.text, ev.start, ev.end, ev.start + listing.start(), None)
                citation = Citation(ev.passage, ev.hit.score, (ev.start, ev.end))
                return Answer(f"{'No: ' if info.english else '不是：'}{text}[1]", True, (citation,), span=text, **base)
        return None

    def _amount_corrected(self, info: QuestionInfo, base: dict) -> Answer | None:
        """"不是" (or "是的") with the amount the documents give, for "小米入股美的集团是不是花了18亿" or
        "进前300了没" (see `offered_amount`); None when they give no amount of that measure."""
        offered = None if info.english else offered_amount(info.text)
        if offered is None:
            return None
        amount, relation, asked = offered
        answer = self.answer(asked)
        said = amount_of(answer.span or "") if answer.grounded and answer.question_type == NUMBER else None
        if said is None or not said.same_measure(amount) or not (said.kind or amount.kind):
            return None  # two bare numbers ("卖99" against a model's 8) may measure different things
        yes = agrees(amount, said, relation)
        return Answer(f"{'是的：' if yes else '不是：'}{answer.text}", True, answer.citations, span=answer.span,
                      **{**base, "confidence": answer.confidence})

    def _post_answer(self, decision: Decision, base: dict) -> Answer | None:
        """"崔宝秋在小米的职务是什么": the post written before the person's name where the retrieved
        passages name them; None unless the question names exactly one person."""
        known = self.terms.names.known()
        people = [t for t in decision.terms if t in known]
        if len(people) != 1:
            return None
        for hit in decision.hits:
            post = post_before(hit.passage.text, people[0])
            if post:
                citation = Citation(hit.passage, hit.score, (post.start, post.end))
                return Answer(f"{post.text}{people[0]}[1]", True, (citation,), span=post.text, **base)
        return None

    def _subject_answer(self, best: Evidence, text: str, citation: Citation, base: dict) -> Answer:
        """"Who is X?" answered by a passage about a person it does not name (or "when?" by a sentence
        that takes its date for granted): name them, cite where."""
        at = best.passage.text.rfind(best.subject, 0, best.start)
        if at >= 0:
            # Named earlier in the same passage: one citation, highlighting the name.
            here = Citation(best.passage, best.hit.score, (at, at + len(best.subject)))
            return Answer(f"{best.subject}：{text}[1]", True, (here,), span=best.subject, **base)
        named = self._naming_passage(best.passage, best.subject)
        if named is None:
            return Answer(f"{text}[1]", True, (citation,), span=text, **base)
        at = named.text.find(best.subject)
        source = Citation(named, best.hit.score, (at, at + len(best.subject)))
        return Answer(f"{best.subject}[2]：{text}[1]", True, (citation, source), span=best.subject, **base)

    def _naming_passage(self, passage: Passage, name: str) -> Passage | None:
        """The nearest passage before `passage` in its section that names `name`."""
        index = next((i for i, p in enumerate(self.passages) if p.id == passage.id), None)
        for p in reversed(self.passages[:index] if index is not None else []):
            if (p.doc, p.section) != (passage.doc, passage.section):
                return None
            if name in p.text:
                return p
        return None

    def _list_answer(self, best: Evidence, terms: dict[str, float], base: dict, question: str) -> Answer:
        passage = best.passage
        items = _pick_items(list(best.spans), best, terms, question)
        if not items:
            focus = _keyword_focus(best, terms)
            text = clip_around(passage.text, best.start, best.end, focus, None, anchor=focus)
            citation = Citation(passage, best.hit.score, (best.start, best.end))
            return Answer(f"{text}[1]", True, (citation,), span=text, **base)
        names = [i.text for i in items]
        text = "、".join(names)
        if len(text) > MAX_ANSWER_CHARS:
            text = text[: MAX_ANSWER_CHARS - 1].rsplit("、", 1)[0] + "等"
        citation = Citation(passage, best.hit.score, (items[0].start, items[-1].end))
        return Answer(f"{text}[1]", True, (citation,), span="、".join(names), **base)


def _answer_span(info: QuestionInfo, best: Evidence, terms: dict[str, float],
                 asked: str | None = None) -> Span | None:
    """The span the answer gives: the one nearest the keywords, or, when the question names a money
    figure (`asked`, else read from the question), the amount the sentence says of that figure
    ("收入达2459亿元，净利润130亿元" for 净赚)."""
    asked = asked or (figure_asked(normalise(info.text)) if info.type == NUMBER else None)
    if asked:
        text = normalise(best.passage.text)
        of_it = [s for s in best.spans if figure_before(text, s.start) == asked]
        if of_it:
            return best_span(replace(best, spans=tuple(of_it)), terms)
    span = best_span(best, terms)
    return _with_partner(span, best) if span and info.type == PERSON else span


def _with_partner(span: Span, ev: Evidence) -> Span:
    """"金玲和王栋" for 王栋 in "金玲和王栋担任副秘书长": two people joined by 和 hold what is said of them both."""
    text = ev.passage.text
    for other in ev.spans:
        first, second = (other, span) if other.end < span.start else (span, other)
        if other is not span and other.kind == PERSON and text[first.end : second.start] == "和":
            return Span(first.start, second.end, text[first.start : second.end], PERSON)
    return span


_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}


def _drop_named_runs(items: list[Span], text: str, terms: dict[str, float]) -> list[Span]:
    """Of several enumerations in a sentence, one whose items are all the question's own names is no
    answer: "格力集团与小米集团、中信银行签署…，三方约定在产业基金、金融服务…" for 三方约定在哪些领域合作
    (asked after 格力 and 中信银行 were talked about) is the second run, the runs mostly of other words."""
    runs: list[list[Span]] = []
    for item in items:
        gap = text[runs[-1][-1].end : item.start] if runs else ""
        if runs and len(gap) <= 3 and not re.search(r"[，,。：:]", gap):  # "A；B；C" is one enumeration
            runs[-1].append(item)
        else:
            runs.append([item])
    if sum(len(run) >= 2 for run in runs) < 2:
        return items
    names = [t for t in terms if len(t) >= 2]

    def named_share(run: list[Span]) -> float:
        return sum(any(t in normalise(i.text) for t in names) for i in run) / len(run)

    shares = [named_share(run) for run in runs]
    if max(shares) < 1.0:
        return items  # no run is only the question's names: the items may all be answers
    kept = [i for run, share in zip(runs, shares) if share <= 0.5 for i in run]
    return kept if len(kept) >= 2 else items


# "What two committees…", "Which universities…": the kind and count an English list question asks for.
_ENGLISH_WHICH = re.compile(r"\b(?:what|which)\s+(?:(two|three|four)\s+)?((?:[a-z][a-z-]*\s)?[a-z][a-z-]*)",
                            re.IGNORECASE)
_ENGLISH_COUNT = {"two": "两", "three": "三", "four": "四"}


def _kind_asked_in_chinese(question: str) -> str:
    """An English list question as the Chinese words that ask for a kind ("哪两个委员会"), so that the
    items are picked as for a Chinese one; the question itself when it names no kind."""
    m = _ENGLISH_WHICH.search(question)
    kinds = chinese_keywords(m.group(2).split()[-1]) if m else []  # "car companies" asks for companies
    if not kinds:
        return question
    return f"哪{_ENGLISH_COUNT.get((m.group(1) or '').lower(), '些')}个{kinds[0]}"


def _pick_items(items: list[Span], ev: Evidence, terms: dict[str, float], question: str) -> list[Span]:
    """The list items the question asks for: of the kind it names, as many as it says, nearest its keywords."""
    question = _kind_asked_in_chinese(question) if is_english(question) else question
    # The kind named where the question asks ("哪些高校"), not in a topic carried before it ("中信银行 …
    # 三方约定在哪些领域合作").
    asking = question[max(question.find("哪"), 0):]
    noun = re.search(r"(大学|学校|高校|院校|公司|实验室|委员会|部门|银行|芯片|手机)", asking)
    if noun:
        # "哪些高校": schools are named 大学, 学院 or 学校.
        kinds = ("大学", "学院", "学校") if noun.group(1) in ("高校", "院校") else (noun.group(1),)
        items = [i for i in items if any(k in i.text for k in kinds)] or items
    # "哪几类医疗器械" among all the business-scope items: the ones that name the class asked for.
    asked = re.search(r"哪(?:几|些|两|三|四)?[类家个种款项所条]?([\u4e00-\u9fff]{2,8})", question)
    words = segment_words(asked.group(1)) if asked else []
    if words and len(words[0]) >= 2:
        named = [i for i in items if words[0] in normalise(i.text)]
        if 2 <= len(named) < len(items):
            items = named
    items = _drop_named_runs(items, ev.passage.text, terms)
    shared = phrase_of_some(items, question)
    if shared:
        # "增值电信业务分哪几类" among all the licensed items: the ones that name 增值电信业务.
        items = [i for i in items if shared in normalise(i.text)]
    count = re.search(r"哪([两二三四五])", question)
    if count and len(items) > _COUNT[count.group(1)]:
        anchor = _keyword_focus(ev, terms)
        # The items of the clause the question's keyword is in come first: "…并入硬件研发部；
        # 原集团安全部拆分为安全合规部和安全管理部" splits the security department into the last two.
        text = ev.passage.text
        clause = (max((text.rfind(c, 0, anchor) for c in "；;。"), default=-1) + 1,
                  min((i for i in (text.find(c, anchor) for c in "；;。") if i >= 0), default=len(text)))
        inside = [i for i in items if clause[0] <= i.start and i.end <= clause[1]]
        if len(inside) >= _COUNT[count.group(1)]:
            items = inside
        nearest = sorted(items, key=lambda i: abs(i.start - anchor))[: _COUNT[count.group(1)]]
        items = sorted(nearest, key=lambda i: i.start)
    return items


def _only_listed(question: str, sentence: str) -> bool:
    """Whether the thing a what-is-it or what-does-it-do question names is only an item of the
    sentence's enumeration (three items or more), which says nothing of what it is or does."""
    if not (asks_what_it_does(question) or thing_asked(question)):
        return False
    items = [normalise(s.text) for s in find_spans(sentence, LIST)]
    asked = normalise(question)
    named = [i for i in items if len(i) >= 2 and i in asked]
    return len(items) >= 3 and len(named) == 1 and not re.search(r"是一|用于|负责|用来|可以|能够", sentence)


def _kind_said_first(ranked: tuple[Evidence, ...], within: int = 12) -> tuple[Evidence, ...]:
    """The leading evidence from the first that says what kind of company something is.

    "小米集团是一家什么类型的公司" is answered by "是一家…的中国投资控股公司", not by the sentences
    that name 小米集团 most often: what outscored it and says no kind drops out; other sentences that
    say a kind stay, after the chosen one.
    """
    saying = [at for at, ev in enumerate(ranked[:within]) if kind_clause(ev.text)]
    if not saying:
        return ranked
    # A document's opening sentence says what its subject is; a later "是一家少见的…公司" says one trait.
    at = next((at for at in saying if is_lead(ranked[at].passage)), saying[0])
    return (ranked[at],) + tuple(ev for i, ev in enumerate(ranked) if i > at or (i in saying and i != at))


def _product_kind_first(ranked: tuple[Evidence, ...], thing: str, within: int = 3) -> tuple[Evidence, ...]:
    """The leading evidence from the best of the first few that says what kind of thing a product is
    ("米聊是个什么产品": "是一款…即时通讯工具", not the list of products that names 米聊 beside others)."""
    saying = next((ev for ev in ranked[:within]
                   if product_kind_clause(ev.passage.text, ev.start, ev.end, thing)), None)
    return ranked if saying is None else (saying,) + tuple(ev for ev in ranked if ev is not saying)


def _model_named_first(ranked: tuple[Evidence, ...], required: Sequence[str],
                       within: int = 3) -> tuple[Evidence, ...]:
    """The leading evidence from the best one whose sentence names the model number asked
    and which lacks nothing else required.

    "小米手机1的发布会在哪开的": a sentence about Redmi Note 7's launch event lacks the 1 and could
    never be the answer (see the other_model objection); one naming 小米手机1 is.
    """
    models = [t for t in required if t.startswith(MODEL_NUMBER)]
    if not ranked or not models or not any(t in ranked[0].missing for t in models):
        return ranked
    named = next((ev for ev in ranked[:within]
                  if not ev.missing and all(contains_term(normalise(ev.text), t) for t in models)), None)
    return ranked if named is None else (named,) + tuple(ev for ev in ranked if ev is not named)


# "What does 经管会 stand for?", "经管会是什么的简称", "经管会全称是什么": a short form's meaning.
_STANDS_FOR = re.compile(r"\bwhat does (?:the )?(\S+?) (?:stand for|mean|short for)\b"
                         r"|^(\S+?)是(?:什么|啥)的(?:简称|缩写)|^(\S+?)的?全称(?:是|叫)"
                         r"|\bfull (?:name|form) (?:of|for)\b[^'\"‘“]*['\"‘“]([^'\"’”]{2,20})['\"’”]"
                         r"|\bwhat is (\S+?) short for\b", re.IGNORECASE)
_LISTED = re.compile(r"上市|挂牌")
_WITHHELD = re.compile(r"(?:未|没有|并未|尚未)(?:公布|透露|披露|公开)")
# Words for a time only expected: "预计6月完工", "计划于2024年上半年量产".
_PLANNED = re.compile(r"预计|计划|将于|拟于?|有望|预期|打算")
# A quarter or half of a year (a question in English reads here in its Chinese words).
_PART_OF_YEAR = re.compile(r"季度|[一二三四1-4]季|[上下]半年|前三季|\bq[1-4]\b|quarter", re.IGNORECASE)
_CONTRAST = re.compile(r"\s*(?:而非|而不是|并非)")
_NEGATION = re.compile(r"未|没有|并非|不是|尚未|不再|而非|而不是|并不|除外|不含|禁止")
_CLAUSE_BREAK = re.compile(r"[，,；;。]")


# The field a question asks the value of, right before its asking words: "法人是谁" → 法人.
_FOUNDING_ASKED = re.compile(r"成立|创立|创办|创建|\bfounded\b|\bestablished\b|\bset up\b", re.IGNORECASE)
# "英文全称", "full English name", "小米公司的英文名": a company's name, not a product's that bears it.
_FULL_NAME_ASKED = re.compile(r"全称|全名|正式名称|(?:公司|集团)的?英文名|\bfull (?:english |official )?name\b"
                              r"|\bofficial name\b|\bcompany'?s? (?:english )?name\b", re.IGNORECASE)
_LATIN_IN_BRACKETS = re.compile(r"[（(][A-Za-z][A-Za-z .&-]*[)）]")
_FIELD_ASKED = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:是|为|有|共|一共|大概|大约)*(?:谁|多少|什么|哪天|哪一天|几)")


_POST_NAMED = re.compile(r"副?(?:秘书长|主任|总裁|董事长|总经理|主席|部长|院长|所长|总监)")


def _post_named_first(info: QuestionInfo, ranked: tuple[Evidence, ...], within: int = 4) -> tuple[Evidence, ...]:
    """The leading evidence from the best one saying the post a who-question names: "经管会副主任是谁" is
    answered where 副主任 is said, not by the sentence that set the committee up under its 主任."""
    said = normalise(" ".join([info.text, *chinese_keywords(info.text)]) if info.english else info.text)
    posts = _POST_NAMED.findall(said)
    if not posts:
        return ranked
    post = max(posts, key=len)

    def says(ev: Evidence) -> bool:
        text = normalise(ev.text)
        return any(post.startswith("副") or text[max(m.start() - 1, 0) : m.start()] != "副"
                   for m in re.finditer(post, text))

    if says(ranked[0]):
        return ranked
    named = next((ev for ev in ranked[1:within] if says(ev)), None)
    return ranked[ranked.index(named):] if named else ranked


def _company_name_first(ranked: tuple[Evidence, ...], within: int = 3) -> tuple[Evidence, ...]:
    """"小米英文全称叫啥": the bracketed name of a company (小米科技有限责任公司（Xiaomi Corporation）), over
    that of a product the company's name is part of (小米澎湃OS（Xiaomi HyperOS）), when it covers the
    question's words as well."""
    def company(ev: Evidence) -> bool:
        return bool(re.search(r"(?:公司|集团)\s*[（(][A-Za-z]", ev.text))

    if company(ranked[0]):
        return ranked
    named = next((ev for ev in ranked[1:within] if company(ev) and ev.coverage >= ranked[0].coverage), None)
    return ranked if named is None else (named, *(ev for ev in ranked if ev is not named))


def _field_named_first(ranked: tuple[Evidence, ...], question: str, within: int = 3) -> tuple[Evidence, ...]:
    """In a record of "label：value" lines, the line labelled with the field asked comes first: "法人是谁"
    is answered by "法定代表人：雷军", not by "登记机关：…" that shares the topic words carried before it."""
    m = _FIELD_ASKED.search(question.split()[-1] if question.split() else question)
    if not m:
        return ranked
    field = m.group(1).split("的")[-1]
    forms = [f for f in (field, *SYNONYMS.get(field, ())) if len(f) >= 2]

    def labels(ev: Evidence) -> bool:
        return any(re.search(rf"{re.escape(f)}\s*[：:]", ev.text) for f in forms)

    if not forms or labels(ranked[0]):
        return ranked
    labelled = next((ev for ev in ranked[1:within] if labels(ev)), None)
    if labelled is None:
        return ranked
    return (labelled, *(ev for ev in ranked if ev is not labelled))


def _withheld(ev: Evidence, terms: dict[str, float]) -> bool:
    """Whether the sentence says the names asked for were not made public: "投资方均为国际顶级投资公司，
    但未公布具体名称" withholds the 投资方 a question asks for, not the 董事长 named before them."""
    m = _WITHHELD.search(ev.passage.text, ev.start, ev.end)
    if m is None:
        return False
    anchors = keyword_positions(ev.passage.text, ev.start, ev.end, terms)
    return not anchors or any(m.start() - 25 <= at < m.start() and weight >= 2.0 for at, weight, _ in anchors)


def _denying_clause(ev: Evidence, terms: dict[str, float]) -> int | None:
    """Where the evidence sentence says no about a question keyword (by the word or a synonym),
    e.g. "投资方均为国际顶级投资公司，但未公布具体名称" for 公开…名字: the start of that clause, or None."""
    text = ev.passage.text
    start = ev.start
    for piece in _CLAUSE_BREAK.split(text[ev.start : ev.end]):
        said = normalise(piece)
        if _NEGATION.search(piece) and any(len(t) > 1 and term_match(t, said) == 1.0 for t in terms):
            return start
        start += len(piece) + 1
    return None


def _keyword_focus(ev: Evidence, terms: dict[str, float], near: int | None = None) -> int:
    """Position of the weightiest question keyword in the evidence sentence (nearest to `near` on ties)."""
    anchors = keyword_positions(ev.passage.text, ev.start, ev.end, terms)
    if not anchors:
        return ev.start if near is None else near

    def company(a: tuple[int, float, int]) -> float:
        # "科研设备、研究所 …设立“产品制造研究所”": the 研究所 beside the question's other words.
        return sum(b[1] for b in anchors if b[0] != a[0] and -8 <= b[0] - a[0] <= 8)

    return max(anchors, key=lambda a: (a[1], company(a), -abs(a[0] - near) if near is not None else 0))[0]


_CLAUSE = re.compile(r"[^，,；;：:]+?(?:[，,；;：:]|(?<=\S) (?=[\u4e00-\u9fff])|$)")


def clip_around(text: str, start: int, end: int, focus: int, span: Span | None,
                limit: int = MAX_ANSWER_CHARS, anchor: int | None = None, following: bool = False) -> str:
    """The sentence if it fits the limit, else the clauses from the focus to the nearest keyword.

    Args:
        focus: position of the answer (or of the keywords when there is no span).
        anchor: position of the question's weightiest keyword near the focus, if any.
        following: also take the clause after the focus's, which says what the thing named there does.
    """
    sentence = text[start:end].strip()
    if len(sentence) <= limit:
        return sentence
    clauses = [(m.start() + start, m.end() + start) for m in _CLAUSE.finditer(text[start:end]) if m.group().strip()]
    if not clauses:
        return sentence[:limit]

    def index_of(pos: int) -> int:
        return next((i for i, (a, b) in enumerate(clauses) if a <= pos < b), len(clauses) - 1)

    lo = hi = index_of(focus)
    if anchor is not None:
        other = index_of(anchor)
        if clauses[max(hi, other)][1] - clauses[min(lo, other)][0] <= limit:
            lo, hi = min(lo, other), max(hi, other)
    if following and hi + 1 < len(clauses) and clauses[hi + 1][1] - clauses[lo][0] <= limit:
        hi += 1  # "小米在日本设立研究所，在消费者的参与下…开发产品": what it does comes next
    # A bare clause ("雷军，") says too little: grow it to a readable length.
    while clauses[hi][1] - clauses[lo][0] < 16:
        if lo > 0 and clauses[hi][1] - clauses[lo - 1][0] <= limit:
            lo -= 1
        elif hi + 1 < len(clauses) and clauses[hi + 1][1] - clauses[lo][0] <= limit:
            hi += 1
        else:
            break
    a, b = clauses[lo][0], clauses[hi][1]
    piece = text[a:b].strip().rstrip("，,；;：: ")
    if len(piece) > limit:
        a = max(a, min(focus - limit // 3, b - limit))
        piece = text[a : a + limit].strip()
        if span and span.end > a + limit:
            piece = text[span.end - limit : span.end]
        elif text.count("、", a, a + limit) >= 2:
            # A window into a long enumeration shows whole items, not half a name at each end.
            mid_item = a > clauses[lo][0] and text[a - 1] != "、"
            left = text.index("、", a) + 1 if mid_item else a
            right = text.rindex("、", a, a + limit) if a + limit < b and text[a + limit] != "、" else a + limit
            if left <= focus < right and right - left >= 16:
                piece = text[left:right].strip()
    return piece

"""The web chat page, driven in headless Chromium (Debian's /usr/bin/chromium; no browser is downloaded)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag.engine import Engine, EngineConfig
from server.app import create_app
from server.background import serve_in_thread
from server.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "server" / "static"
SCREENSHOTS = ROOT / "eval" / "results" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                    "(apt-get install -y chromium)")
TIMEOUT_MS = 60_000


def test_page_script_never_inserts_html():
    """Text from the corpus reaches the page through textContent only."""
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script
    assert "textContent" in script
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert not re.search(r"\son[a-z]+\s*=", html), "no inline event handlers"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


@pytest.fixture(scope="module")
def base_url(engine, corpus_copy, cache_dir):
    settings = Settings(corpus=corpus_copy, index=engine.config.index, cache_dir=cache_dir)
    with serve_in_thread(create_app(settings, engine=engine)) as url:
        yield url


def ask(page, question: str):
    """Type a question, send it, and return the locator of the finished answer."""
    count = page.locator(".turn.bot").count()
    page.fill("#question", question)
    page.click("#send")
    answer = page.locator(".turn.bot").nth(count)
    answer.and_(page.locator(":not(.pending)")).wait_for()
    return answer


@needs_chromium
def test_ask_read_citation_and_screenshot(page, base_url, engine):
    from playwright.sync_api import expect

    expected = engine.ask("小米是哪一年成立的？").citations[0]
    page.goto(base_url)
    expect(page.locator("h1")).to_have_text("文档问答")

    held = []  # hold the first request back to see the waiting state
    page.route("**/chat", lambda route: held.append(route))
    page.fill("#question", "小米是哪一年成立的？")
    page.click("#send")
    expect(page.locator("#send")).to_be_disabled()
    expect(page.locator("#send")).to_have_text("…")
    expect(page.locator(".turn.bot.pending .dots")).to_be_visible()
    while not held:
        page.wait_for_timeout(20)
    held[0].continue_()
    page.unroute("**/chat")

    answer = page.locator(".turn.bot").first
    expect(answer).not_to_have_class(re.compile("pending"))
    expect(page.locator("#send")).to_be_enabled()
    assert "2010" in answer.locator(".answer").inner_text()

    answer.locator(".answer .cite").first.click()
    panel = page.locator("#passage")
    expect(panel).to_be_visible()
    expect(page.locator("#passage-title")).to_contain_text(expected.passage.section)
    expect(page.locator("#passage-text")).to_have_text(expected.passage.text)
    start, end = expected.highlight
    expect(page.locator("#passage-text mark")).to_have_text(expected.passage.text[start:end])

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "web-chat.png"), full_page=True)
    assert page.dialogs == []


@needs_chromium
def test_conversation_continues_across_turns(page, base_url):
    page.goto(base_url)
    first = ask(page, "小米的创始人是谁？")
    assert "雷军" in first.inner_text()
    second = ask(page, "他是哪一年出生的？")
    assert "1969" in second.locator(".answer").inner_text()
    assert "雷军" in second.locator(".note").inner_text()

    page.click("#new-chat")
    assert page.locator(".turn").count() == 0
    fresh = ask(page, "他是哪一年出生的？")
    assert fresh.locator(".note").count() == 0  # a new conversation has nothing to resolve against


@needs_chromium
def test_bad_input_is_shown_as_an_error(page, base_url):
    page.goto(base_url)
    page.fill("#question", "  ")
    page.click("#send")
    assert page.locator(".turn").count() == 0  # nothing is sent
    page.evaluate("document.getElementById('question').removeAttribute('maxlength')")
    answer = ask(page, "问" * 2001)
    assert "error" in answer.get_attribute("class")
    assert "2000" in answer.inner_text()


@pytest.fixture(scope="module")
def html_corpus_url(tmp_path_factory, engine, cache_dir):
    """A server over a tiny corpus whose text contains HTML."""
    corpus = tmp_path_factory.mktemp("html-corpus")
    (corpus / "demo.md").write_text(
        "# 示例公司\n## 品牌标语\n示例公司的口号是<b>粗体</b>标语。官网首页写着<img src=x onerror=alert(1)>欢迎光临。\n"
        "## 成立\n示例公司成立于2001年。\n",
        encoding="utf-8",
    )
    settings = Settings(corpus=corpus, index=tmp_path_factory.mktemp("html-index"), cache_dir=cache_dir)
    tiny = Engine(EngineConfig(corpus=settings.corpus, index=settings.index, cache_dir=cache_dir))
    tiny.embedder = engine.embedder  # reuse the loaded model instead of loading it again
    tiny.warm_up()
    with serve_in_thread(create_app(settings, engine=tiny)) as url:
        yield url


@needs_chromium
def test_corpus_html_is_shown_as_text(page, html_corpus_url):
    page.goto(html_corpus_url)
    answer = ask(page, "示例公司的口号是什么？")
    assert "<b>粗体</b>" in answer.locator(".answer").inner_text()
    answer.locator(".cite").first.click()
    assert "<b>粗体</b>" in page.locator("#passage-text").inner_text()

    answer = ask(page, "示例公司的官网首页写着什么？")
    assert "<img src=x onerror=alert(1)>" in answer.locator(".answer").inner_text()
    answer.locator(".cite").first.click()
    assert "<img src=x onerror=alert(1)>" in page.locator("#passage-text").inner_text()

    assert page.locator("#log b, #log img, #passage b, #passage img").count() == 0
    page.wait_for_timeout(200)
    assert page.dialogs == []

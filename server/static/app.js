// Web chat: every piece of text from the server goes into the page through textContent, never as HTML.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const log = $("log");
  const form = $("ask");
  const input = $("question");
  const send = $("send");
  const intro = $("intro");
  const panel = $("passage");
  let sessionId = null;
  let busy = false;
  let activeCite = null;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function scrollToEnd() {
    log.lastElementChild?.scrollIntoView({ behavior: "smooth", block: "end" });
  }

  function showPassage(citation, n, button) {
    $("passage-title").textContent = `[${n}] ${citation.section}`;
    $("passage-meta").textContent = `${citation.id} · 相关度 ${citation.score.toFixed(2)}`;
    const body = $("passage-text");
    body.replaceChildren();
    const text = citation.text;
    const span = citation.highlight;
    if (Array.isArray(span) && span[0] < span[1] && span[1] <= text.length) {
      body.append(text.slice(0, span[0]), el("mark", "", text.slice(span[0], span[1])), text.slice(span[1]));
    } else {
      body.append(text);
    }
    activeCite?.classList.remove("active");
    activeCite = button;
    button.classList.add("active");
    panel.hidden = false;
  }

  function answerParagraph(data) {
    const p = el("p", "answer");
    for (const part of data.answer.split(/(\[\d+\])/)) {
      const match = /^\[(\d+)\]$/.exec(part);
      const citation = match ? data.citations[Number(match[1]) - 1] : undefined;
      if (citation) {
        const n = Number(match[1]);
        const button = el("button", "cite", `[${n}]`);
        button.type = "button";
        button.title = `${citation.section}（点击查看原文）`;
        button.addEventListener("click", () => showPassage(citation, n, button));
        p.append(button);
      } else if (part) {
        p.append(part);
      }
    }
    return p;
  }

  function sources(data) {
    const list = el("ol", "sources");
    data.citations.forEach((citation, i) => {
      const item = el("li");
      const button = el("button", "source", `[${i + 1}] ${citation.section}`);
      button.type = "button";
      button.addEventListener("click", () => showPassage(citation, i + 1, button));
      item.append(button);
      list.append(item);
    });
    return list;
  }

  function renderAnswer(item, question, data) {
    item.classList.remove("pending");
    item.replaceChildren(answerParagraph(data));
    if (data.resolved_question && data.resolved_question !== question) {
      item.append(el("p", "note", `理解为：${data.resolved_question}`));
    }
    if (!data.grounded) item.classList.add("ungrounded");
    if (data.citations.length) item.append(sources(data));
  }

  function renderError(item, message) {
    item.classList.remove("pending");
    item.classList.add("error");
    item.replaceChildren(el("p", "answer", message));
  }

  function setBusy(value) {
    busy = value;
    send.disabled = value;
    send.textContent = value ? "…" : "发送";
    form.setAttribute("aria-busy", String(value));
  }

  async function ask(question) {
    intro.hidden = true;
    log.append(el("li", "turn user", question));
    const item = el("li", "turn bot pending");
    item.setAttribute("aria-label", "正在回答");
    item.append(el("span", "dots", "…"));
    log.append(item);
    scrollToEnd();
    setBusy(true);
    try {
      const response = await fetch("/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message: question, session_id: sessionId }),
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) {
        const message = data.error?.message || `请求失败（${response.status}）`;
        renderError(item, response.status === 503 ? `服务正在加载，请稍后再试：${message}` : message);
        return;
      }
      sessionId = data.session_id;
      renderAnswer(item, question, data);
    } catch (error) {
      renderError(item, `无法连接服务器：${error.message}`);
    } finally {
      setBusy(false);
      scrollToEnd();
      input.focus();
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question || busy) return;
    input.value = "";
    ask(question);
  });

  for (const button of document.querySelectorAll(".suggestion")) {
    button.addEventListener("click", () => {
      if (!busy) ask(button.textContent);
    });
  }

  $("new-chat").addEventListener("click", () => {
    sessionId = null;
    log.replaceChildren();
    panel.hidden = true;
    intro.hidden = false;
    input.focus();
  });

  $("passage-close").addEventListener("click", () => {
    panel.hidden = true;
    activeCite?.classList.remove("active");
    activeCite = null;
  });

  input.focus();
})();

// The attempt's navigator (quizzes/_navigator.html): states kept up to date as answers are
// saved (the `course:answer-saved` event of the autosave) and flags set (through the API, with
// no reload); jumps on the same page scroll; the question in view is kept in the address, so
// that a reload or a language switch comes back to it. Without JavaScript every part of it
// still works through links and the attempt form's buttons.
(function () {
  "use strict";
  window.course = window.course || {};
  const nav = document.querySelector("[data-navigator]");
  const form = document.getElementById("attempt-form");
  focusErrorSummary();
  if (!form) {
    // The summary page: nothing on it to save when the countdown ends.
    if (!window.course.saveAnswers) {
      window.course.saveAnswers = function () { return Promise.resolve(true); };
    }
    return;
  }
  if (!nav) return;
  const words = JSON.parse(nav.dataset.states);
  const currentPage = nav.dataset.page;
  const inView = form.querySelector("[data-in-view]");
  const token = form.querySelector("input[name=csrf_token]");

  function focusErrorSummary() {
    const summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }

  function item(questionId) {
    return nav.querySelector('.nav-question[data-question-id="' + CSS.escape(questionId) + '"]');
  }

  function describe(link) {
    const main = link.classList.contains("has-problem")
      ? words.problem
      : link.dataset.answered === "true" ? words.answered : words.unanswered;
    const flagged = link.classList.contains("is-flagged");
    link.querySelector("[data-state-words]").textContent =
      flagged ? main + ", " + words.flagged : main;
  }

  function count() {
    const links = nav.querySelectorAll(".nav-question[data-question-id]");
    const answered = nav.querySelectorAll('.nav-question[data-answered="true"]').length;
    const flagged = nav.querySelectorAll(".nav-question[data-question-id].is-flagged").length;
    nav.querySelector("[data-answered-count]").textContent = String(answered);
    nav.querySelector("[data-flagged-count]").textContent = String(flagged);
    nav.querySelector(".quiz-nav-flagged").hidden = flagged === 0;
    return links.length;
  }

  // An answer saved (or refused) by the autosave: {questionId, answered, problem}.
  document.addEventListener("course:answer-saved", function (event) {
    const detail = event.detail || {};
    const link = item(String(detail.questionId));
    if (!link) return;
    if (!detail.problem) link.dataset.answered = detail.answered ? "true" : "false";
    link.classList.toggle("is-answered", link.dataset.answered === "true");
    link.classList.toggle("has-problem", Boolean(detail.problem));
    describe(link);
    count();
  });

  // Flags: set through the API, the page stays as it is. Should that fail, the button submits
  // the form as it would without JavaScript.
  function showFlag(questionId, flagged) {
    const section = document.getElementById("q-" + questionId);
    if (section) {
      section.classList.toggle("is-flagged", flagged);
      const button = section.querySelector("[data-flag]");
      if (button) button.setAttribute("aria-pressed", flagged ? "true" : "false");
    }
    const link = item(questionId);
    if (link) {
      link.classList.toggle("is-flagged", flagged);
      describe(link);
    }
    count();
  }

  form.addEventListener("click", function (event) {
    const button = event.target.closest("[data-flag]");
    if (!button || !window.fetch) return;
    event.preventDefault();
    const questionId = button.value;
    const flagged = button.getAttribute("aria-pressed") !== "true";
    showFlag(questionId, flagged);
    fetch(nav.dataset.flagsUrl, {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
      body: JSON.stringify({ question: questionId, flagged: flagged }),
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (body) {
        showFlag(questionId, body.flagged.indexOf(questionId) !== -1);
      })
      .catch(function () {
        showFlag(questionId, !flagged);
        form.requestSubmit(button);
      });
  });

  // A jump on the same page scrolls there and moves the focus to the question; to another page
  // it saves the answers first, as the page's buttons do.
  nav.addEventListener("click", function (event) {
    const link = event.target.closest("a.nav-question[data-question-id]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    if (link.dataset.page === currentPage) {
      const section = document.getElementById("q-" + link.dataset.questionId);
      if (fold && isPhone()) fold.open = false;
      history.replaceState(null, "", link.href);
      section.scrollIntoView({ block: "start" });
      const target = section.querySelector("input:not([type=hidden]), select, textarea, button");
      if (target) target.focus({ preventScroll: true });
      remember(link.dataset.questionId);
      return;
    }
    const saved = window.course.saveAnswers ? window.course.saveAnswers() : Promise.resolve(true);
    saved.then(function () { window.location.assign(link.href); });
  });

  // The question in view: the last one whose top has passed a line just under what stays at
  // the top of the window (its scroll margin, see course.css). None while above the first.
  function remember(questionId) {
    inView.value = questionId || "";
    const url = new URL(window.location.href);
    url.hash = questionId ? "q-" + questionId : "";
    history.replaceState(null, "", url);
  }

  const sections = Array.prototype.slice.call(
    form.querySelectorAll("section.question[data-question-id]")
  );
  function sectionInView() {
    if (!sections.length) return null;
    const line = (parseFloat(getComputedStyle(sections[0]).scrollMarginTop) || 0) + 24;
    let found = null;
    for (const section of sections) {
      if (section.getBoundingClientRect().top > line) break;
      found = section;
    }
    return found;
  }
  let pending = false;
  window.addEventListener("scroll", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      const section = sectionInView();
      remember(section ? section.dataset.questionId : null);
    });
  }, { passive: true });
  const opened = window.location.hash.match(/^#q-(.+)$/);
  if (opened && document.getElementById("q-" + decodeURIComponent(opened[1]))) {
    inView.value = decodeURIComponent(opened[1]);
  }

  // On a phone the navigator is a bar that opens; on a wider screen it stays open.
  const fold = nav.querySelector("[data-navigator-fold]");
  const phone = window.matchMedia ? window.matchMedia("(max-width: 599px)") : null;
  function isPhone() { return Boolean(phone && phone.matches); }
  function fit() { if (fold) fold.open = !isPhone(); }
  if (phone) {
    fit();
    phone.addEventListener("change", fit);
  }
})();

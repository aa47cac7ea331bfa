// Saves each answer as the learner gives it, one question at a time, through the API
// (PUT /api/v1/attempts/<id>/answers with the question's own form fields: its type reads them on
// the server, so this script knows no question type). A problem with an answer ("XXI" in a
// number field, two items in one place) is shown at its question at once, as the server shows
// it after a form post. Without JavaScript the page's Save and Submit buttons post the form.
(function () {
  "use strict";
  const form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  const status = form.querySelector(".autosave-status");
  const revision = form.querySelector("input[name=revision]");
  const csrf = form.querySelector("input[name=csrf_token]");
  const url = form.dataset.answersUrl;
  const dirty = new Set(); // question IDs changed since they were last sent
  let timer = null;
  let queue = Promise.resolve(true);
  let busy = 0;
  let stopped = false; // the attempt is closed, or this page is stale: saving would be refused
  let resubmitting = false;

  function say(text, isError) {
    if (!status) return;
    status.textContent = text || "";
    status.classList.toggle("is-error", Boolean(isError));
  }

  function sectionOf(element) {
    return element && element.closest ? element.closest("section[data-question-id]") : null;
  }

  // The fields of these questions exactly as the form would post them (the browser decides
  // which inputs count: checked boxes, chosen options…), each question named once.
  function body(ids) {
    const data = new URLSearchParams();
    data.set("revision", revision.value);
    const names = new Set();
    ids.forEach(function (id) {
      data.append("question", id);
      const section = document.getElementById("q-" + id);
      if (!section) return;
      section.querySelectorAll("[name]").forEach(function (el) { names.add(el.name); });
    });
    new FormData(form).forEach(function (value, name) {
      if (names.has(name) && typeof value === "string") data.append(name, value);
    });
    return data;
  }

  // The problem at its question: the same element, place and wiring as the server renders.
  function showProblem(id, problem) {
    const section = document.getElementById("q-" + id);
    if (!section) return;
    const errorId = "error-" + id;
    let error = document.getElementById(errorId);
    if (problem) {
      if (!error) {
        error = document.createElement("p");
        error.className = "field-error";
        error.id = errorId;
        const prompt = document.getElementById("prompt-" + id);
        if (prompt) prompt.insertAdjacentElement("afterend", error);
        else section.prepend(error);
      }
      error.textContent = problem;
    } else if (error) {
      error.remove();
    }
    section.classList.toggle("has-problem", Boolean(problem));
    section.querySelectorAll("[aria-describedby]").forEach(function (el) {
      const ids = el.getAttribute("aria-describedby").split(/\s+/).filter(function (x) {
        return x && x !== errorId;
      });
      if (problem && ids.indexOf("prompt-" + id) !== -1) ids.push(errorId);
      el.setAttribute("aria-describedby", ids.join(" "));
    });
  }

  function questionTitle(id) {
    const section = document.getElementById("q-" + id);
    const title = section && section.querySelector(".question-number");
    return title ? title.textContent.trim() : "";
  }

  function announceSaved(ids, reply, problems) {
    ids.forEach(function (id) {
      const problem = problems[id] || null;
      showProblem(id, problem);
      const answered = Boolean(reply.answered && reply.answered[id]);
      document.dispatchEvent(new CustomEvent("course:answer-saved", {
        detail: { questionId: id, answered: answered, problem: problem },
      }));
    });
    const first = ids.find(function (id) { return problems[id]; });
    if (first) say(questionTitle(first) + ": " + problems[first], true);
    else say(status && status.dataset.savedText);
  }

  function refused(reply) {
    const reason = reply && reply.error && reply.error.reason;
    stopped = true;
    if (reason === "closed") {
      window.location.assign(form.getAttribute("action"));
    } else {
      say(status.dataset.staleText, true);
    }
  }

  function send() {
    const ids = Array.from(dirty);
    if (!ids.length || stopped) return Promise.resolve(true);
    dirty.clear();
    busy += 1;
    return fetch(url, {
      method: "PUT",
      body: body(ids),
      headers: { "X-CSRFToken": csrf.value, Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (![200, 409, 422].includes(response.status)) throw new Error(String(response.status));
        return response.json().then(function (reply) { return [response.status, reply]; });
      })
      .then(function (answer) {
        const code = answer[0];
        const reply = answer[1];
        if (code === 409) {
          refused(reply);
          return true;
        }
        revision.value = reply.revision;
        announceSaved(ids, reply, code === 422 ? reply.error.questions : {});
        return true;
      })
      .catch(function () {
        ids.forEach(function (id) { dirty.add(id); }); // sent again with the next save
        say(status && status.dataset.errorText, true);
        return false;
      })
      .finally(function () { busy -= 1; });
  }

  // One save at a time, each sending the revision the one before returned (else it would be
  // refused as stale). Resolves to whether the server answered.
  function save() {
    clearTimeout(timer);
    queue = queue.then(send);
    return queue;
  }

  function changed(event, delay) {
    const section = sectionOf(event.target);
    if (!section || stopped) return;
    dirty.add(section.dataset.questionId);
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  form.addEventListener("change", function (event) { changed(event, 300); });
  form.addEventListener("input", function (event) {
    if (event.target.type === "text") changed(event, 1200);
  });

  // A button press posts the whole form with the page's revision: let the saves in progress
  // end first, so that it is not refused as older than they are.
  form.addEventListener("submit", function (event) {
    if (resubmitting || !form.requestSubmit || (!busy && !dirty.size)) return;
    event.preventDefault();
    const submitter = event.submitter;
    dirty.clear(); // the form post sends them
    queue.then(function () {
      // In a task of its own: a form ignores a submission asked for while it fires "submit".
      setTimeout(function () {
        resubmitting = true;
        form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
      }, 0);
    });
  });

  // Leaving the page (closing the tab, following a link): send what is left.
  window.addEventListener("pagehide", function () {
    if (!dirty.size || stopped || busy) return;
    fetch(url, {
      method: "PUT",
      body: body(Array.from(dirty)),
      headers: { "X-CSRFToken": csrf.value },
      credentials: "same-origin",
      keepalive: true,
    });
  });

  // For the countdown (countdown.js): when time is up, it saves everything unsaved first.
  window.course = Object.assign(window.course || {}, { saveAnswers: save });
})();

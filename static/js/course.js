// Saves quiz answers as the learner goes. Without JavaScript the Save and Submit buttons do it.
(function () {
  "use strict";
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = form.querySelector(".autosave-status");
  let timer = null;
  let queue = Promise.resolve(true);

  function say(text, isError) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("is-error", Boolean(isError));
  }

  function show(result) {
    if (result.saved) {
      form.querySelector("input[name=revision]").value = result.revision;
      say(status.dataset.savedText);
    } else if (result.closed) {
      window.location.assign(result.url);
    } else {
      say(result.message, true);
    }
    return true;
  }

  function send() {
    const data = new FormData(form);
    data.set("action", "save");
    // form.action would be the buttons named "action": read the attribute itself.
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      headers: { "X-Autosave": "1" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok && response.status !== 409) throw new Error(String(response.status));
        return response.json();
      })
      .then(show)
      .catch(function () {
        say(status.dataset.errorText, true);
        return false;
      });
  }

  // One save at a time, each sending the revision the one before returned (else it is refused
  // as stale). Resolves to whether the server answered; the page's answers of that moment are sent.
  function save() {
    clearTimeout(timer);
    queue = queue.then(send);
    return queue;
  }

  function saveSoon(delay) {
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  form.addEventListener("change", function () { saveSoon(300); });
  form.addEventListener("input", function (event) {
    if (event.target.type === "text") saveSoon(1200);
  });
  // For the countdown (countdown.js): when time is up, it saves what is on the page first.
  window.course = Object.assign(window.course || {}, { saveAnswers: save });
})();

// The browser's time zone, so dates are shown in the learner's own: sent with registration,
// and kept in a cookie for learners without an account.
(function () {
  "use strict";
  if (!window.Intl) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  const field = document.querySelector("input[data-detect-timezone]");
  if (field) field.value = zone;
  if (!document.cookie.split("; ").includes("tz=" + zone)) {
    document.cookie = "tz=" + zone + "; path=/; max-age=31536000; samesite=lax";
  }
})();

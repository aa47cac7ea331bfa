// Saves quiz answers as the learner goes. Without JavaScript the Save and Submit buttons do it.
(function () {
  "use strict";
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = form.querySelector(".autosave-status");
  let timer = null;

  function say(text) {
    if (status) status.textContent = text;
  }

  function save() {
    const data = new FormData(form);
    data.set("action", "save");
    // form.action would be the buttons named "action": read the attribute itself.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      headers: { "X-Autosave": "1" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok && response.status !== 409) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (result) {
        if (result.saved) {
          form.querySelector("input[name=revision]").value = result.revision;
          say(status.dataset.savedText);
        } else if (result.closed) {
          window.location.assign(result.url);
        } else {
          say(result.message);
        }
      })
      .catch(function () { say(status.dataset.errorText); });
  }

  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 300);
  });
  form.addEventListener("input", function (event) {
    if (event.target.type !== "text") return;
    clearTimeout(timer);
    timer = setTimeout(save, 1200);
  });
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

// "Only my mistakes" at once, without loading the page again. Without JavaScript the filter's
// links load the page with ?only=mistakes, which lists the mistakes alone.
(function () {
  "use strict";
  const filter = document.querySelector("[data-results-filter]");
  const results = document.querySelectorAll(".results > .result");
  // A page loaded with the mistakes alone has nothing to show again: its link loads the rest.
  if (!filter || !Array.from(results).some((r) => r.dataset.mistake === "false")) return;

  function show(onlyMistakes) {
    results.forEach((result) => {
      result.hidden = onlyMistakes && result.dataset.mistake !== "true";
    });
    filter.querySelectorAll("[data-filter]").forEach((control) => {
      const current = (control.dataset.filter === "mistakes") === onlyMistakes;
      if (current) control.setAttribute("aria-current", "page");
      else control.removeAttribute("aria-current");
    });
  }

  // Both controls become links of this page, the current one marked by aria-current.
  filter.querySelectorAll("[data-filter]").forEach((control) => {
    let link = control;
    if (control.tagName !== "A") {
      link = document.createElement("a");
      link.href = location.pathname;
      link.dataset.filter = control.dataset.filter;
      link.textContent = control.textContent;
      control.replaceWith(link);
    }
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const onlyMistakes = link.dataset.filter === "mistakes";
      show(onlyMistakes);
      history.replaceState(null, "", location.pathname + (onlyMistakes ? "?only=mistakes" : ""));
    });
  });
  show(false);
})();

// A review card: the time it took to answer (for the rating of a quick answer), the flashcard's
// "Show the answer" in focus, and keys 1 to 4 for the ratings once the answer shows.
(function () {
  "use strict";
  const shownAt = performance.now();

  document.querySelectorAll("form[data-review]").forEach(function (form) {
    form.addEventListener("submit", function () {
      const field = form.querySelector("[data-duration]");
      if (field) field.value = String(Math.round(performance.now() - shownAt));
    });
  });

  const flip = document.querySelector("details[data-flip]");
  if (!flip) return;
  flip.querySelector("summary").focus();
  flip.addEventListener("toggle", function () {
    // The answer takes the focus, so that a screen reader reads it out at once.
    if (flip.open) flip.querySelector(".flash-answer").focus();
  });
  document.addEventListener("keydown", function (event) {
    if (!flip.open || event.ctrlKey || event.metaKey || event.altKey) return;
    const button = flip.querySelector('button[name="rating"][value="' + event.key + '"]');
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();

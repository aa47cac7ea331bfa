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

// The time left on an attempt. It starts from the seconds the server counted when it rendered the
// page and runs on performance.now(), never on the device's clock, which may be wrong or in
// another time zone. When time is up it saves the answers on the page, then opens the attempt:
// the server submits what was saved. The server enforces the deadline either way.
(function () {
  "use strict";
  const root = document.querySelector("[data-countdown]");
  const announcer = document.querySelector("[data-countdown-announcer]");
  if (!root || !announcer || !window.course || !window.course.saveAnswers) return;
  const RETRY_MS = 5000;
  const loaded = performance.now();
  const secondsAtLoad = Number(root.dataset.secondsLeft);
  const digits = root.querySelector(".countdown-digits");
  const spoken = root.querySelector(".countdown-spoken");
  const warning = root.querySelector(".countdown-warning");
  const status = root.querySelector(".countdown-status");
  // Announced once each as the time left passes them, the smallest last: {seconds: text}.
  const milestones = Object.entries(JSON.parse(announcer.dataset.milestones))
    .map(function (entry) { return { below: Number(entry[0]), text: entry[1] }; })
    .sort(function (a, b) { return b.below - a.below; });
  const duration = window.Intl && Intl.DurationFormat
    ? new Intl.DurationFormat(document.documentElement.lang, { style: "long" })
    : null;
  let announced = Infinity;
  let offlineSaid = false;

  function secondsLeft() {
    return secondsAtLoad - (performance.now() - loaded) / 1000;
  }

  function pad(n) {
    return String(n).padStart(2, "0");
  }

  function clock(parts) {
    const minutes = pad(parts.minutes) + ":" + pad(parts.seconds);
    return parts.hours ? parts.hours + ":" + minutes : minutes;
  }

  function split(total) {
    return { hours: Math.floor(total / 3600), minutes: Math.floor(total / 60) % 60, seconds: total % 60 };
  }

  function announce(text) {
    announcer.textContent = text;
  }

  function passMilestones(shown) {
    const passed = milestones.filter(function (m) { return shown < m.below && m.below < announced; });
    if (!passed.length) return;
    announced = passed[passed.length - 1].below;
    announce(passed[passed.length - 1].text);
  }

  function show(shown) {
    const parts = split(shown);
    digits.textContent = clock(parts);
    // Read out on demand only (role=timer is not live): "4 minutes, 59 seconds" beats "04:59".
    spoken.textContent = (duration && duration.format(parts)) || digits.textContent;
    const warn = shown < Number(warning.dataset.below);
    warning.hidden = !warn;
    root.classList.toggle("is-warning", warn);
    passMilestones(shown);
  }

  function tick() {
    const left = secondsLeft();
    const shown = Math.max(0, Math.ceil(left));
    show(shown);
    if (shown === 0) {
      timeUp();
      return;
    }
    // Wake when the shown second changes, not on a fixed beat that drifts.
    setTimeout(tick, (left - Math.floor(left)) * 1000 + 20);
  }

  function say(text) {
    status.textContent = text;
    status.hidden = false;
  }

  function timeUp() {
    warning.hidden = true;
    say(root.dataset.timeUpText);
    announce(root.dataset.timeUpText);
    submit();
  }

  // Save first, so that an answer typed in the last seconds counts; offline, say so and retry.
  function submit() {
    window.course.saveAnswers().then(function (answered) {
      if (answered) window.location.assign(root.dataset.timeUpUrl);
      else offline();
    });
  }

  function offline() {
    say(root.dataset.offlineText);
    if (!offlineSaid) announce(root.dataset.offlineText);
    offlineSaid = true;
    setTimeout(submit, RETRY_MS);
  }

  // Back to this page from the history: count again from what the server says now.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.reload();
  });
  root.hidden = false;
  tick();
})();

// A citation opens, in place, the digest of each paragraph it cites, the article's reference and
// the lessons citing it, all read from the Sources page (one cached request per page). Without
// JavaScript a citation stays a link to the paragraph's anchor there.
(function () {
  "use strict";
  const moreLabel = document.currentScript.dataset.more;
  let sourcesPage = null;
  let open = null;

  function loadSources(url) {
    if (!sourcesPage) {
      sourcesPage = fetch(url, { credentials: "same-origin" })
        .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
        .then((html) => new DOMParser().parseFromString(html, "text/html"));
    }
    return sourcesPage;
  }

  function close(returnFocus) {
    if (!open) return;
    open.panel.remove();
    open.link.setAttribute("aria-expanded", "false");
    if (returnFocus) open.link.focus();
    open = null;
  }

  function build(link, doc, id) {
    const url = new URL(link.href);
    const source = link.dataset.cite;
    const first = Number(url.hash.split("-").pop());
    const last = Number(link.dataset.last || first);
    const panel = document.createElement("span");
    panel.className = "cite-popover";
    panel.id = id;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", link.textContent);
    panel.tabIndex = -1;
    const section = doc.getElementById(source);
    const reference = section && section.querySelector(".bibliography");
    if (reference) panel.appendChild(piece("cite-reference", reference));
    for (let n = first; n <= last; n += 1) {
      const item = doc.getElementById(source + "-" + n);
      if (item) panel.appendChild(piece("cite-paragraph", item));
    }
    const more = document.createElement("a");
    more.href = link.href;
    more.className = "cite-more";
    more.textContent = moreLabel;
    panel.appendChild(more);
    return panel;
  }

  function piece(className, element) {
    const part = document.createElement("span");
    part.className = className;
    part.innerHTML = element.innerHTML;
    part.removeAttribute("id");
    return part;
  }

  function toggle(link) {
    if (open && open.link === link) return close(true);
    close(false);
    const id = "cite-popover-" + Math.random().toString(36).slice(2);
    const sourcesUrl = link.href.split("#")[0];
    loadSources(sourcesUrl)
      .then((doc) => {
        const panel = build(link, doc, id);
        (link.closest(".cite") || link).after(panel);
        link.setAttribute("aria-expanded", "true");
        link.setAttribute("aria-controls", id);
        open = { link: link, panel: panel };
        panel.focus();
      })
      .catch(() => {
        window.location.href = link.href;
      });
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-cite]");
    if (link) {
      event.preventDefault();
      toggle(link);
    } else if (open && !open.panel.contains(event.target)) {
      close(false);
    }
  });
  document.addEventListener("keydown", (event) => {
    const link = event.target.closest && event.target.closest("a[data-cite]");
    if (link && event.key === " ") {
      event.preventDefault();
      toggle(link);
    } else if (event.key === "Escape" && open) {
      close(true);
    }
  });
  for (const link of document.querySelectorAll("a[data-cite]")) {
    link.setAttribute("role", "button");
    link.setAttribute("aria-expanded", "false");
  }
})();

// Ordering questions: the items are put in order by dragging them (mouse, pen or touch, through
// pointer events) or by each item's "Move up" and "Move down" buttons (keyboard). The page's
// drop-downs, one per item, stay the answer: they are hidden and always hold distinct positions,
// 1 to n in the order shown. Without this script the learner fills the drop-downs themselves.
// A fresh question stays unanswered until an item is moved or "Keep this order" is pressed.
(function () {
  "use strict";

  function setUp(list) {
    const question = list.closest(".question") || list.parentElement;
    const status = question.querySelector("[data-arrange-status]");
    const keep = question.querySelector("[data-keep-order]");
    const kept = question.querySelector("[data-arrange-kept]");
    const items = function () { return Array.from(list.children); };
    const select = function (item) { return item.querySelector("select"); };
    const count = items().length;

    // The order stored (or posted) first; items without a position after them, as shown.
    const start = items().map(function (item, index) {
      const position = parseInt(select(item).value, 10);
      return { item: item, key: Number.isNaN(position) ? count + index : position, index: index };
    });
    start.sort(function (a, b) { return a.key - b.key || a.index - b.index; });
    start.forEach(function (entry) { list.appendChild(entry.item); });

    list.classList.add("is-arranged");
    question.querySelectorAll("[data-arrange-on]").forEach(function (el) { el.hidden = false; });
    question.querySelectorAll("[data-arrange-off]").forEach(function (el) { el.hidden = true; });
    items().forEach(function (item) {
      item.querySelectorAll(".position, .drag-handle, .move-buttons").forEach(function (el) {
        el.hidden = false;
      });
      select(item).hidden = true;
      select(item).tabIndex = -1;
    });

    function isAnswered() {
      return items().every(function (item) { return select(item).value !== ""; });
    }

    function showState() {
      const answered = isAnswered();
      if (keep) keep.hidden = answered;
      if (kept) kept.hidden = !answered;
      items().forEach(function (item, index) {
        item.querySelector(".position").textContent = String(index + 1);
        item.querySelectorAll("[data-move]").forEach(function (button) {
          const step = Number(button.dataset.move);
          const blocked = (step < 0 && index === 0) || (step > 0 && index === count - 1);
          // aria-disabled, not disabled: a disabled button would lose the keyboard focus.
          button.setAttribute("aria-disabled", blocked ? "true" : "false");
        });
      });
    }

    // Write the order shown into the drop-downs; the autosave hears a change on each that moved.
    function commit() {
      items().forEach(function (item, index) {
        const field = select(item);
        const value = String(index + 1);
        if (field.value !== value) {
          field.value = value;
          field.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
      showState();
    }

    function announce(item) {
      const label = item.querySelector("label").textContent.trim();
      const position = items().indexOf(item) + 1;
      status.textContent = list.dataset.movedText
        .replace("{item}", label)
        .replace("{position}", String(position));
    }

    function move(item, step) {
      const all = items();
      const index = all.indexOf(item);
      const target = index + step;
      if (target < 0 || target >= all.length) return false;
      // The neighbour moves, not the item: moving the focused button's item would blur it.
      if (step < 0) list.insertBefore(all[target], item.nextSibling);
      else list.insertBefore(all[target], item);
      return true;
    }

    list.addEventListener("click", function (event) {
      const button = event.target.closest("[data-move]");
      if (!button) return;
      const item = button.closest("li");
      if (move(item, Number(button.dataset.move))) {
        button.focus(); // moving the node can drop the focus in some browsers
        commit();
        announce(item);
      }
    });

    if (keep) {
      keep.addEventListener("click", function () {
        commit();
        status.textContent = list.dataset.keptText;
        if (kept) {
          kept.tabIndex = -1;
          kept.focus();
        }
      });
    }

    // Dragging: the item follows the pointer, swapping places as it passes its neighbours'
    // middles. Touch starts a drag from the handle only, so that the page still scrolls.
    let dragged = null;
    list.addEventListener("pointerdown", function (event) {
      const item = event.target.closest("li");
      if (!item || event.button !== 0 || event.target.closest("button")) return;
      if (event.pointerType === "touch" && !event.target.closest(".drag-handle")) return;
      event.preventDefault();
      dragged = {
        item: item, id: event.pointerId, moved: false, from: items().indexOf(item), order: items(),
      };
      item.classList.add("is-dragged");
      list.setPointerCapture(event.pointerId);
    });
    list.addEventListener("pointermove", function (event) {
      if (!dragged || event.pointerId !== dragged.id) return;
      // Near the top or bottom of the window the page scrolls, for a list taller than it.
      const edge = 48;
      if (event.clientY < edge) window.scrollBy(0, -12);
      else if (event.clientY > window.innerHeight - edge) window.scrollBy(0, 12);
      const others = items().filter(function (item) { return item !== dragged.item; });
      const before = others.find(function (item) {
        const box = item.getBoundingClientRect();
        return event.clientY < box.top + box.height / 2;
      });
      if ((before || null) !== dragged.item.nextElementSibling) {
        list.insertBefore(dragged.item, before || null);
        dragged.moved = true;
      }
    });
    function drop(event) {
      if (!dragged || event.pointerId !== dragged.id) return;
      const item = dragged.item;
      item.classList.remove("is-dragged");
      if (dragged.moved && items().indexOf(item) !== dragged.from) {
        commit();
        announce(item);
      }
      dragged = null;
    }
    list.addEventListener("pointerup", drop);
    list.addEventListener("pointercancel", drop);
    // Escape while dragging puts everything back where it was.
    document.addEventListener("keydown", function (event) {
      if (!dragged || event.key !== "Escape") return;
      dragged.order.forEach(function (item) { list.appendChild(item); });
      dragged.item.classList.remove("is-dragged");
      if (list.hasPointerCapture(dragged.id)) list.releasePointerCapture(dragged.id);
      dragged = null;
    });

    showState();
  }

  document.querySelectorAll("[data-arrange]").forEach(setUp);
})();

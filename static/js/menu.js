// The main menu folds behind a button on a narrow screen (see "Pages around the quiz" in
// course.css). Loaded in <head>, not deferred, so that the page is never drawn unfolded first;
// without JavaScript the menu simply stays unfolded.
document.documentElement.classList.add("has-menu-button");

document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".menu-button");
  const menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) {
    return;
  }
  const setOpen = (open) => {
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("is-open", open);
  };
  button.addEventListener("click", () => {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape folds the menu again and gives the focus back to its button.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") {
      return;
    }
    if (menu.contains(document.activeElement) || document.activeElement === button) {
      setOpen(false);
      button.focus();
    }
  });
});

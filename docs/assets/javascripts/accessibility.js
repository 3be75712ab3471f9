// Accessibility fixes on top of Material's defaults, found by axe-core in the browser tests.

// The search overlay has role="dialog" but no accessible name.
document.querySelector(".md-search")?.setAttribute("aria-label", "Search");

// A wide table or formula scrolls sideways: make it reachable with the keyboard. Widths are
// final only once the math is typeset and the fonts are loaded, and change with the window.
const markScrollable = () => {
  for (const element of document.querySelectorAll(".md-typeset__scrollwrap, div.arithmatex")) {
    if (element.scrollWidth > element.clientWidth) element.setAttribute("tabindex", "0");
    else element.removeAttribute("tabindex");
  }
};
document$.subscribe(() => {
  markScrollable();
  document.fonts.ready.then(markScrollable);
});
window.addEventListener("resize", markScrollable);

// The library's code on the tutorial's pages. Each doctest sits in a closed `details.bp-code`
// box, so a chapter reads like the post (picture, equation with numbers, one sentence of why).
// A page with such boxes gets a "Show the code" switch under its title: a toggle button
// (`aria-pressed`) that opens every box, on this page and on every page after it, since the
// browser remembers the choice (localStorage). Without this script the boxes still open one by
// one.

(() => {
  const KEY = "bp-show-code";

  const remembered = () => {
    try {
      return localStorage.getItem(KEY) === "1";
    } catch {
      return false; // storage blocked: the switch still works on this page
    }
  };

  const remember = (on) => {
    try {
      if (on) localStorage.setItem(KEY, "1");
      else localStorage.removeItem(KEY);
    } catch {
      // storage blocked
    }
  };

  const show = (article, button, on) => {
    button.setAttribute("aria-pressed", String(on));
    for (const box of article.querySelectorAll("details.bp-code")) box.open = on;
  };

  const setup = () => {
    const article = document.querySelector("article.md-content__inner");
    if (!article?.querySelector("details.bp-code") || article.querySelector(".bp-code-switch")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "bp-code-switch";
    button.textContent = "Show the code";
    button.title = "Open every box of library code, on every page";
    button.addEventListener("click", () => {
      const on = button.getAttribute("aria-pressed") !== "true";
      remember(on);
      show(article, button, on);
    });
    const title = article.querySelector("h1");
    if (title) title.after(button);
    else article.prepend(button);
    // Closed is how the page is built: only the switch's "on" needs applying (a box the reader
    // reached through a link stays open).
    if (remembered()) show(article, button, true);
    else button.setAttribute("aria-pressed", "false");
  };

  // Material's instant navigation replaces the page without loading it: `document$` tells.
  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();

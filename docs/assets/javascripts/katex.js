// Render the math that pymdownx.arithmatex (generic mode) leaves in the page:
// inline `<span class="arithmatex">\(...\)</span>`, display `<div class="arithmatex">\[...\]</div>`.
// `document$` fires on the first load and after every instant navigation.
document$.subscribe(({ body }) => {
  for (const element of body.querySelectorAll(".arithmatex")) {
    renderMathInElement(element, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      throwOnError: true,
      errorCallback: (message, error) => console.error(message, error),
    });
  }
});

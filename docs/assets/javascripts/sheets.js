// The exercise sheets and their answer keys (docs/exercises/sheet.md and key.md). The address
// names the seeds, `?seeds=1,2,3` or `?seeds=1-30`; each seed's sheet and key were written as
// HTML when the site was built (backprop_steps.render.course, one small JSON file per seed), so
// this script reads the list, fetches those files and places them: it computes nothing. A list
// it cannot read gets one line naming the field, in the words of `number_list` in that module.
// Without this script the page shows the first seed.

(() => {
  const MATH = {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: true,
  };

  // "1-30", "4", "1-3,7": numbers as the list writes them.
  const listed = (numbers) => {
    const runs = [];
    for (const n of numbers) {
      const run = runs[runs.length - 1];
      if (run && n === run[run.length - 1] + 1) run.push(n);
      else runs.push([n]);
    }
    return runs.map((r) => (r.length > 1 ? `${r[0]}-${r[r.length - 1]}` : `${r[0]}`)).join(",");
  };

  // The seeds a list names, in its order, each once; or the one-line message saying why not.
  const seedList = (text, first, last, most) => {
    const found = new Set();
    for (const item of text.split(",")) {
      const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(item);
      if (!match) return { error: `seeds: expected a list like 7, 1,2,3 or 1-30, got '${text.trim()}'` };
      const from = Number(match[1]);
      const to = Number(match[2] ?? match[1]);
      if (to < from) return { error: `seeds: the range ${from}-${to} runs backwards; write ${to}-${from}` };
      if (to - from + found.size >= most) return { error: `seeds: more than ${most} in one list` };
      for (let seed = from; seed <= to; seed += 1) found.add(seed);
    }
    for (const seed of found) {
      if (seed < first || seed > last) {
        return { error: `seeds: ${seed} is not offered; the seeds are ${first}-${last}` };
      }
    }
    return { seeds: [...found] };
  };

  const place = async (root) => {
    const { kind, folder } = root.dataset;
    const [first, last, most] = ["first", "last", "most"].map((name) => Number(root.dataset[name]));
    const pages = root.querySelector(".bp-sheets__pages");
    const field = root.querySelector("input[name=seeds]");
    const error = root.querySelector(".bp-sheets__error");
    const other = root.querySelector(".bp-sheets__other");
    const asked = new URLSearchParams(location.search).get("seeds");
    if (asked === null) return; // the first seed, as built
    field.value = asked;
    const { seeds, error: message } = seedList(asked, first, last, most);
    if (message) {
      error.textContent = message;
      field.setAttribute("aria-invalid", "true");
      pages.replaceChildren();
      return;
    }
    const base = new URL(folder, location.href);
    try {
      const files = await Promise.all(
        seeds.map(async (seed) => {
          const response = await fetch(new URL(`${seed}.json`, base));
          if (!response.ok) throw new Error(`seed ${seed}: HTTP ${response.status}`);
          return response.json();
        }),
      );
      pages.innerHTML = files.map((file) => file[kind]).join("");
    } catch (failure) {
      error.textContent = `seeds: the files could not be loaded (${failure.message})`;
      pages.replaceChildren();
      return;
    }
    for (const formula of pages.querySelectorAll(".arithmatex")) renderMathInElement(formula, MATH);
    const link = new URL(other.href);
    link.searchParams.set("seeds", listed(seeds));
    other.href = link.href;
  };

  document$.subscribe(async ({ body }) => {
    const root = body.querySelector(".bp-sheets");
    if (!root) return;
    try {
      await place(root);
    } finally {
      root.dataset.ready = "true"; // placed, or said why not
    }
  });
})();

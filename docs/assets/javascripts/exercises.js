// The exercises at the end of a chapter (backprop_steps.render.exercises writes the section).
//
// Everything was worked out when the site was built: the answer of each exercise and the value
// each catalogued mistake gives, each as the list of figures a careful person may write for it.
// This script only compares text: it tidies what the student typed (a "+", a comma, ".5",
// 4.39e-4) into a figure written as those are, and looks it up. It never rounds a number and
// never computes a step of backpropagation. The chapter's own network is in the page; another
// network, drawn from a seed (kept in the address, `?seed=17`), is one small JSON file of the
// site, fetched when asked for. Nothing else is loaded, and no other host is asked.

(() => {
  const MATH = {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: true,
    errorCallback: (message, error) => console.error(message, error),
  };

  const typeset = (element) => {
    for (const formula of element.querySelectorAll(".arithmatex")) {
      if (!formula.querySelector(".katex")) renderMathInElement(formula, MATH);
    }
  };

  // --- the figures ---------------------------------------------------------------------------

  // `[figure, fewest, others]` (backprop_steps.render.exercises.packed): the figure cut to each
  // count of decimals from `fewest` to its own, and the others.
  const unpack = (forms) => {
    const figures = new Set();
    if (!forms.length) return figures;
    const [stem, fewest, others] = forms;
    const point = stem.indexOf(".");
    for (let end = point + 1 + fewest; end <= stem.length; end++) figures.add(stem.slice(0, end));
    for (const figure of others) figures.add(figure);
    return figures;
  };

  // The typed text as the lists write a figure: no "+", a point, one 0 before it at most, the
  // exponent's shift of the point done on the digits. `null` when it is not a number.
  const written = (typed) => {
    let text = typed.trim().replace(/[\u2212\u2013]/g, "-").replace(",", ".");
    let sign = "";
    if (text.startsWith("+")) text = text.slice(1);
    else if (text.startsWith("-")) [sign, text] = ["-", text.slice(1)];
    const parts = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/.exec(text);
    if (!parts || !(parts[1] || parts[2])) return null;
    let [, whole, fraction = "", exponent] = parts;
    if (exponent) {
      const digits = whole + fraction;
      const point = whole.length + Number(exponent);
      if (point <= 0) [whole, fraction] = ["0", "0".repeat(-point) + digits];
      else if (point >= digits.length) [whole, fraction] = [digits + "0".repeat(point - digits.length), ""];
      else [whole, fraction] = [digits.slice(0, point), digits.slice(point)];
    }
    whole = whole.replace(/^0+(?=\d)/, "") || "0";
    return sign + whole + (fraction ? "." + fraction : "");
  };

  const significant = (figure) => figure.replace(/[-.]/g, "").replace(/^0+/, "").length;
  const decimals = (figure) => (figure.split(".")[1] || "").length;

  // --- a verdict -------------------------------------------------------------------------------

  const element = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  // What the typed text is: [kind, nodes of the verdict].
  const judge = (exercise, diagnoses, typed, limits) => {
    if (!typed.trim()) return ["hint", ["Type your answer first."]];
    const figure = written(typed);
    if (figure === null) {
      return ["hint", [`“${typed.trim()}” is not a number: write it as 0.123456, or 1.23456e-1.`]];
    }
    const places = decimals(figure);
    if (exercise.forms.has(figure)) {
      const digits = places === 1 ? "the decimal" : `the ${places} decimals`;
      return ["right", [element("strong", "Right."), ` ${figure} is the answer to ${digits} you wrote.`]];
    }
    if (significant(figure) < limits.fewest) {
      return ["hint", [`Too few digits to judge: write at least ${limits.fewest} significant digits.`]];
    }
    if (places > limits.most) return ["hint", [`Write at most ${limits.most} decimals.`]];
    const slip = exercise.slips.find(([forms]) => forms.has(figure));
    if (slip) {
      const { mistake, message, also } = diagnoses[slip[1]];
      const nodes = [element("strong", "Not right, and we know why:"), " ", element("code", mistake), `. ${message}`];
      if (also.length) {
        nodes.push(" The same number comes from ");
        also.forEach((name, k) => nodes.push(k ? ", " : "", element("code", name)));
        nodes.push(" too.");
      }
      return ["slip", nodes];
    }
    return [
      "wrong",
      [
        element("strong", "Not right,"),
        ` and no mistake we know of gives ${figure}. Compare your steps with the working.`,
      ],
    ];
  };

  // --- the section -----------------------------------------------------------------------------

  const prepared = (data) => ({
    data,
    exercises: new Map(
      data.exercises.map((item) => [
        item.id,
        { forms: unpack(item.forms), slips: item.slips.map(([forms, k]) => [unpack(forms), k]) },
      ]),
    ),
  });

  const setup = (root) => {
    const chapter = root.dataset.chapter;
    const first = Number(root.dataset.first);
    const last = Number(root.dataset.last);
    const limits = { fewest: Number(root.dataset.fewest), most: Number(root.dataset.most) };
    const own = prepared(JSON.parse(root.dataset.exercises));
    const folder = new URL(root.dataset.folder, location.href);
    const seedForm = root.querySelector("[data-action=seed]");
    const seedField = seedForm.elements.seed;
    const seedError = root.querySelector(".bp-exercises__error");
    const ownButton = root.querySelector("[data-action=own]");
    let current = own;
    let asked = 0; // the latest request: an older answer that arrives late is dropped

    const complain = (text) => {
      seedError.textContent = text;
      if (text) seedField.setAttribute("aria-invalid", "true");
      else seedField.removeAttribute("aria-invalid");
    };

    const keep = (seed) => {
      const url = new URL(location.href);
      if (seed === null) url.searchParams.delete("seed");
      else url.searchParams.set("seed", String(seed));
      history.replaceState(history.state, "", url);
    };

    // An exercise's working, written in when its box is open (a closed box stays empty: the
    // page does not typeset every working on load).
    const work = (box) => {
      const equations = box.querySelector(".bp-exercise__equations");
      const { data } = current;
      const item = data.exercises.find((e) => e.id === box.querySelector("form").dataset.exercise);
      if (!box.querySelector("details").open) {
        if (equations.dataset.seed !== String(data.seed)) equations.replaceChildren();
        return;
      }
      if (equations.dataset.seed === String(data.seed) && equations.childElementCount) return;
      equations.innerHTML = item.working.map((k) => data.working[k]).join("");
      equations.dataset.seed = String(data.seed);
      typeset(equations);
    };

    const show = (state) => {
      current = state;
      const { data } = state;
      const givens = root.querySelector("[data-part=givens]");
      givens.innerHTML = data.givens;
      root.querySelector(".bp-exercises__which strong").textContent = data.network;
      root.querySelector(".bp-exercises__calculator").href = root.dataset.calculator + data.calculator;
      for (const item of data.exercises) {
        const box = root.querySelector(`[data-exercise="${item.id}"]`).closest(".bp-exercise");
        const verdict = box.querySelector(".bp-exercise__verdict");
        box.querySelector("input").value = "";
        box.querySelector("input").removeAttribute("aria-invalid");
        verdict.replaceChildren();
        verdict.className = "bp-exercise__verdict";
        work(box);
      }
      typeset(givens);
      ownButton.hidden = data.seed === null;
      root.dataset.seed = data.seed === null ? "" : String(data.seed);
    };

    const use = async (seed) => {
      const mine = ++asked;
      if (seed === null) {
        show(own);
        return;
      }
      root.setAttribute("aria-busy", "true");
      try {
        const response = await fetch(new URL(`${chapter}/${seed}.json`, folder));
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        const data = await response.json();
        if (mine === asked) show(prepared(data));
      } catch (error) {
        if (mine === asked) complain(`Seed ${seed}: its numbers could not be loaded (${error.message}).`);
      } finally {
        if (mine === asked) root.removeAttribute("aria-busy");
      }
    };

    // A seed as typed: a whole number the site has the numbers of, else a one-line message.
    const seedOf = (text) => {
      const trimmed = text.trim();
      if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1) {
        complain(`Seed: type a whole number from ${first} to ${last}.`);
        return null;
      }
      const seed = Number(trimmed);
      if (seed < first || seed > last) {
        complain(`Seed ${seed}: this page has the numbers of seeds ${first} to ${last} only.`);
        return null;
      }
      complain("");
      return seed;
    };

    seedForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const seed = seedOf(seedField.value);
      if (seed === null) return;
      keep(seed);
      use(seed);
    });
    root.querySelector("[data-action=new]").addEventListener("click", () => {
      const now = current.data.seed;
      let seed = first + Math.floor(Math.random() * (last - first + 1));
      if (seed === now) seed = seed === last ? first : seed + 1;
      complain("");
      seedField.value = String(seed);
      keep(seed);
      use(seed);
    });
    ownButton.addEventListener("click", () => {
      complain("");
      seedField.value = "";
      keep(null);
      use(null);
    });

    for (const box of root.querySelectorAll(".bp-exercise")) {
      box.querySelector("details").addEventListener("toggle", () => work(box));
    }
    for (const form of root.querySelectorAll(".bp-exercise__answer")) {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const id = form.dataset.exercise;
        const exercise = current.exercises.get(id);
        const [kind, nodes] = judge(exercise, current.data.diagnoses, form.elements.answer.value, limits);
        const verdict = form.querySelector(".bp-exercise__verdict");
        verdict.className = `bp-exercise__verdict bp-exercise__verdict--${kind}`;
        verdict.replaceChildren(...nodes);
        form.elements.answer.setAttribute("aria-invalid", String(kind === "slip" || kind === "wrong"));
      });
    }

    root.dataset.seed = ""; // the chapter's network, until a seed is shown
    const linked = new URLSearchParams(location.search).get("seed");
    if (linked !== null) {
      seedField.value = linked;
      const seed = seedOf(linked);
      if (seed !== null) use(seed);
    }
    root.dataset.ready = "1";
  };

  document$.subscribe(() => {
    for (const root of document.querySelectorAll(".bp-exercises:not([data-ready])")) setup(root);
  });
})();

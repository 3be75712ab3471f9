// The calculator page (docs/calculator.md): runs the library in the reader's browser.
//
// Nothing of Pyodide loads until the reader presses "Compute": then Pyodide (served by the site
// itself, assets/pyodide/, see docs/hooks/pyodide.py) and the library's package load, and from
// then on every edit recomputes. Python does all the work: `calculate` in
// backprop_steps.render.calculator takes the form as JSON and answers with the HTML of the
// results (the same code printed the Mazur results when the site was built) and the errors,
// each with the field it concerns. The URL's fragment holds the whole form (a permalink).

(() => {
  // The names of the form's fields, from the form itself: `form_fields` in
  // backprop_steps.render.calculator writes them into its `data-fields` when the site is built,
  // from the network file's table of fields. NUMBERS are text fields, OPTIONS the other fields of
  // one value, FLAGS checkboxes, FILE what a network file sets itself.
  let NUMBERS = [];
  let OPTIONS = [];
  let FLAGS = [];
  let FILE = [];
  let python = null; // the promise of `calculate`, once the reader asked for it

  const load = async (root) => {
    const start = performance.now();
    const base = new URL(root.dataset.pyodide, location.href).href;
    // the package downloads while Python starts
    const zip = fetch(new URL(root.dataset.package, location.href)).then((response) => {
      if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
      return response.arrayBuffer();
    });
    const { loadPyodide } = await import(base + "pyodide.mjs");
    // Both URLs point at the site's copy: without them Pyodide fetches from a CDN.
    const pyodide = await loadPyodide({ indexURL: base, packageBaseUrl: base });
    root.dataset.pyodideMs = String(Math.round(performance.now() - start));
    pyodide.FS.writeFile("/home/pyodide/backprop_steps.zip", new Uint8Array(await zip));
    return pyodide.runPython(
      "import sys\n" +
        "sys.path.insert(0, '/home/pyodide/backprop_steps.zip')\n" +
        "from backprop_steps.render.calculator import calculate\n" +
        "calculate",
    );
  };

  // --- the form as a request, and back -----------------------------------------------------

  const request = (form) => {
    const fields = {};
    for (const name of NUMBERS) fields[name] = form.elements[name].value;
    const data = { mode: form.elements.mode.value, fields, network: form.elements.network.value };
    for (const name of OPTIONS) data[name] = form.elements[name].value;
    for (const name of FLAGS) data[name] = form.elements[name].checked;
    data.mine = form.elements.mine.value;
    return data;
  };

  const fill = (form, data) => {
    for (const name of NUMBERS) if (data.fields?.[name] !== undefined) form.elements[name].value = data.fields[name];
    for (const name of [...OPTIONS, "network", "mine"]) if (data[name] !== undefined) form.elements[name].value = data[name];
    if (data.mode) form.elements.mode.value = data.mode;
    for (const name of FLAGS) if (data[name] !== undefined) form.elements[name].checked = Boolean(data[name]);
    showMode(form);
  };

  // The permalink: every field in the fragment, `#calc&w1=0.15&...`, readable and editable.
  const permalink = (data) => {
    const params = new URLSearchParams({ mode: data.mode });
    if (data.mode === "json") params.set("network", data.network);
    else for (const name of NUMBERS) params.set(name, data.fields[name]);
    for (const name of OPTIONS) params.set(name, data[name]);
    for (const name of FLAGS) params.set(name, data[name] ? "1" : "0");
    if (data.mine) params.set("mine", data.mine);
    return "#calc&" + params.toString();
  };

  const fromPermalink = (hash) => {
    if (!hash.startsWith("#calc&")) return null;
    const params = new URLSearchParams(hash.slice("#calc&".length));
    const data = { fields: {} };
    for (const [key, value] of params) {
      if (NUMBERS.includes(key)) data.fields[key] = value;
      else if (FLAGS.includes(key)) data[key] = value === "1";
      else data[key] = value;
    }
    return data;
  };

  const showMode = (form) => {
    const json = form.elements.mode.value === "json";
    form.querySelector(".bp-network-fields").hidden = json;
    form.querySelector(".bp-network-file").hidden = !json;
    for (const name of FILE) form.elements[name].disabled = json;
  };

  // --- showing an answer ----------------------------------------------------------------------

  // KaTeX into strings before the HTML enters the page (no layout per formula), remembering
  // each formula: an edit changes only the equations that use the value edited. A formula not
  // seen before is typeset when it comes near the screen, so an edit at the top of the page
  // does not wait for the equations far below it.
  const rendered = new Map();
  const katexOptions = { displayMode: true, throwOnError: true };
  const tex = (formula) => formula.textContent.trim().replace(/^\\\[|\\\]$/g, "");
  const render = (formula) => {
    const source = tex(formula);
    let html = rendered.get(source);
    if (html === undefined) {
      try {
        html = katex.renderToString(source, katexOptions);
      } catch (error) {
        console.error(error);
        html = "";
      }
      if (rendered.size > 4000) rendered.clear();
      rendered.set(source, html);
    }
    formula.innerHTML = html;
    formula.classList.add("bp-typeset");
  };
  const near = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        near.unobserve(entry.target);
        if (!entry.target.classList.contains("bp-typeset")) render(entry.target);
      }
    },
    { rootMargin: "1000px 0px" },
  );
  const typeset = (html) => {
    const template = document.createElement("template");
    template.innerHTML = html;
    const later = [];
    for (const formula of template.content.querySelectorAll(".arithmatex")) {
      if (rendered.has(tex(formula))) render(formula);
      else later.push(formula);
    }
    return [template.content, later];
  };

  // Tables as Material wraps them on a page, so they scroll inside their own box.
  const wrapTables = (element) => {
    for (const table of element.querySelectorAll("table")) {
      if (table.closest(".md-typeset__table")) continue;
      const scroll = document.createElement("div");
      scroll.className = "md-typeset__scrollwrap";
      const inner = document.createElement("div");
      inner.className = "md-typeset__table";
      table.replaceWith(scroll);
      scroll.append(inner);
      inner.append(table);
    }
  };

  const show = (root, answer) => {
    const form = root.querySelector("form");
    for (const element of root.querySelectorAll(".bp-error")) element.textContent = "";
    for (const element of form.querySelectorAll("[aria-invalid]")) element.removeAttribute("aria-invalid");
    for (const { field, message } of answer.errors) {
      const input = form.elements[field] || form.elements.network;
      const line = root.querySelector(`#bp-${input.name}-error`);
      if (line) line.textContent = message;
      input.setAttribute("aria-invalid", "true");
    }
    root.classList.toggle("bp-calculator--error", answer.errors.length > 0);
    if (answer.errors.length) return;
    // The reader may be typing in a field beside a quantity: keep the focus there.
    const active = document.activeElement?.dataset?.quantity;
    const caret = active && document.activeElement.selectionStart;
    const opened = root.querySelector(".bp-quantities-box")?.open;
    const boxes = Object.entries(answer.parts).map(([part, html]) => [`[data-part=${part}]`, html]);
    if (answer.compare !== null) boxes.push([".bp-compare", answer.compare]);
    // the verdict right under the buttons, a live region: a screen reader reads it out
    if (answer.verdict !== null && answer.verdict !== undefined) boxes.push([".bp-verdict", answer.verdict]);
    for (const [selector, html] of boxes) {
      const [content, later] = typeset(html);
      wrapTables(content);
      const box = root.querySelector(selector);
      box.replaceChildren(content);
      box.classList.remove("bp-pending");
      for (const formula of later) near.observe(formula);
    }
    if (opened) root.querySelector(".bp-quantities-box").open = true;
    if (active) {
      const field = root.querySelector(`[data-quantity="${CSS.escape(active)}"]`);
      field?.focus();
      field?.setSelectionRange(caret, caret);
    }
    root.classList.remove("bp-calculator--stale");
  };

  const status = (root, text) => {
    root.querySelector(".bp-status").textContent = text;
  };

  // --- wiring -------------------------------------------------------------------------------

  const setup = (root) => {
    const form = root.querySelector("form");
    ({ numbers: NUMBERS, options: OPTIONS, flags: FLAGS, file: FILE } = JSON.parse(form.dataset.fields));
    const link = root.querySelector("[data-action=link]");
    const button = root.querySelector("[data-action=compute]");
    let calculate = null;
    let pending = false;
    let since = null;

    // The numbers first (the tables, and the comparison when the reader gave numbers), then in
    // the next task what takes longer: the drawing, the equations (in the one layout this screen
    // shows), the training curve. An edit made meanwhile drops the second half of the one before.
    let generation = 0;
    const compute = () => {
      const data = request(form);
      link.href = permalink(data);
      if (!calculate) return;
      const start = since ?? performance.now(); // from the edit, when an edit asked for it
      since = null;
      const layout = matchMedia("(min-width: 600px)").matches ? "wide" : "narrow";
      const ask = (parts) => JSON.parse(calculate(JSON.stringify({ ...data, parts, layout })));
      // the comparison comes first when the reader gave numbers, else with the second half
      const compareFirst = data.mine.split("\n").some((line) => line.split("#")[0].trim() !== "");
      const answer = ask(compareFirst ? ["tables", "compare"] : ["tables"]);
      root.dataset.pythonMs = String(Math.round(performance.now() - start));
      show(root, answer);
      root.dataset.layout = layout;
      root.dataset.computeMs = String(Math.round(performance.now() - start));
      const failed = answer.errors.length > 0;
      // the message in the status line too, for a field that is hidden (the network file's,
      // when the step overflows with the 2-2-2 fields)
      status(root, failed ? `Not computed: ${answer.errors[0].message}` : "Computed in your browser.");
      const rest = ["drawing", "equations", "training", ...(compareFirst ? [] : ["compare"])];
      if (failed) {
        root.dataset.fullMs = root.dataset.computeMs;
        return;
      }
      for (const part of rest) root.querySelector(`[data-part=${part}]`)?.classList.add("bp-pending");
      const mine = ++generation;
      setTimeout(() => {
        if (mine !== generation) return;
        const asked = performance.now();
        const answer = ask(rest);
        root.dataset.restPythonMs = String(Math.round(performance.now() - asked));
        show(root, answer);
        // the time until the frame that shows everything
        requestAnimationFrame(() => {
          root.dataset.fullMs = String(Math.round(performance.now() - start));
        });
      }, 0);
    };

    // One computation per frame, however fast the reader types.
    const changed = () => {
      link.href = permalink(request(form));
      if (!calculate) {
        root.classList.add("bp-calculator--stale");
        status(root, "Press “Compute in your browser” to compute these values.");
        return;
      }
      since ??= performance.now();
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        compute();
      });
    };

    // After Compute, the verdict on the reader's numbers comes into view (the results below
    // are long; the verdict is what the reader asked for).
    const showVerdict = () => {
      const verdict = root.querySelector(".bp-verdict");
      if (verdict.textContent.trim()) verdict.scrollIntoView({ block: "nearest" });
    };

    button.addEventListener("click", async () => {
      if (calculate) {
        compute();
        return showVerdict();
      }
      button.disabled = true;
      const start = performance.now();
      status(root, "Loading Python in your browser (about 7 MB, once)…");
      try {
        python ??= load(root);
        calculate = await python;
      } catch (error) {
        python = null;
        button.disabled = false;
        status(root, `Python could not be loaded: ${error.message}`);
        return;
      }
      root.classList.add("bp-live");
      compute();
      showVerdict();
      root.dataset.firstResultMs = String(Math.round(performance.now() - start));
      const full = () => {
        if (root.dataset.fullMs === undefined) return requestAnimationFrame(full);
        root.dataset.firstFullMs = String(Math.round(performance.now() - start));
      };
      delete root.dataset.fullMs;
      full();
      button.disabled = false;
      button.textContent = "Compute again";
    });

    form.addEventListener("input", (event) => {
      if (event.target.name === "mode") showMode(form);
      if (event.target.type !== "file") changed();
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    // A field beside a quantity writes the whole list into "Your numbers", as `name value` lines.
    root.querySelector(".bp-compare").addEventListener("input", (event) => {
      if (!event.target.dataset.quantity) return;
      const lines = [...root.querySelectorAll("[data-quantity]")]
        .filter((field) => field.value.trim())
        .map((field) => `${field.dataset.quantity} ${field.value.trim()}`);
      form.elements.mine.value = lines.join("\n");
      changed();
    });
    for (const preset of root.querySelectorAll("[data-preset]")) {
      preset.addEventListener("click", () => {
        fill(form, JSON.parse(root.querySelector(`#bp-preset-${preset.dataset.preset}`).textContent));
        changed();
      });
    }
    root.querySelector("#bp-upload").addEventListener("change", async (event) => {
      const file = event.target.files[0];
      if (!file) return;
      form.elements.network.value = await file.text();
      form.elements.mode.value = "json";
      showMode(form);
      changed();
    });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      history.replaceState(null, "", link.getAttribute("href"));
      navigator.clipboard?.writeText(location.href).catch(() => {});
      status(root, "The address bar now holds a link to this calculation.");
    });

    matchMedia("(min-width: 600px)").addEventListener("change", () => root.isConnected && calculate && compute());
    showMode(form);
    const linked = fromPermalink(location.hash);
    if (linked) {
      fill(form, linked);
      changed();
    } else {
      link.href = permalink(request(form));
    }
  };

  document$.subscribe(() => {
    const root = document.getElementById("bp-calculator");
    if (root && !root.dataset.ready) {
      root.dataset.ready = "1";
      setup(root);
    }
  });
})();

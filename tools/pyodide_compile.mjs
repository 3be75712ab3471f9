// Compile Python to bytecode inside Pyodide itself (the same Python as in the browser), so the
// browser does not compile source while the reader waits. Run by tools/pyodide_files.py:
//
//   node pyodide_compile.mjs INDEX_DIR STDLIB PACKAGE_ZIP PACKAGE_OUT [STDLIB_OUT]
//
// INDEX_DIR holds the pinned Pyodide files, STDLIB the standard library zip to run with;
// PACKAGE_ZIP the library's sources. Writes PACKAGE_OUT, the library as bytecode only, and with
// STDLIB_OUT the standard library with every module the library imports as bytecode (.pyc, no
// source; the others stay source).
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [indexDir, stdlibZip, packageZip, packageOut, stdlibOut] = process.argv.slice(2);
const indexURL = pathToFileURL(path.resolve(indexDir)).href + "/";
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const pyodide = await loadPyodide({
  indexURL: path.resolve(indexDir) + "/",
  stdLibURL: path.resolve(stdlibZip),
});
pyodide.FS.writeFile("/tmp/stdlib.zip", readFileSync(stdlibZip));
pyodide.FS.writeFile("/tmp/package.zip", readFileSync(packageZip));
pyodide.runPython(`
import importlib, importlib.util, marshal, pkgutil, sys, zipfile

sys.path.insert(0, "/tmp/package.zip")
import backprop_steps
for module in pkgutil.walk_packages(backprop_steps.__path__, "backprop_steps."):
    # not the ones that need NumPy or matplotlib, nor the command line's __main__
    if module.name.rpartition(".")[2] not in ("vectorized", "plots", "__main__"):
        importlib.import_module(module.name)
try:
    from backprop_steps.render import calculator
    calculator.warm_up()
except ImportError:
    pass
stdlib = [m.__file__ for m in list(sys.modules.values()) if getattr(m, "__file__", None)]
prefix = sys.prefix.rstrip("/") + "/lib/python" + "%d%d" % sys.version_info[:2] + ".zip/"
wanted = {f.removeprefix(prefix) for f in stdlib if f.startswith(prefix)}


def pyc(source, name):
    code = compile(source, name, "exec", dont_inherit=True)
    header = importlib.util.MAGIC_NUMBER + bytes(4) + bytes(8)  # timestamp-based, no source
    return header + marshal.dumps(code)


def rewrite(source, target, compile_this):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data, name = old.read(info), info.filename
            if compile_this(name):
                data, name = pyc(data, name), name + "c"
            entry = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            new.writestr(entry, data)


if ${stdlibOut ? "True" : "False"}:
    rewrite("/tmp/stdlib.zip", "/tmp/stdlib_out.zip", lambda name: name in wanted)
rewrite("/tmp/package.zip", "/tmp/package_out.zip", lambda name: name.endswith(".py"))
`);
if (stdlibOut) writeFileSync(stdlibOut, pyodide.FS.readFile("/tmp/stdlib_out.zip"));
writeFileSync(packageOut, pyodide.FS.readFile("/tmp/package_out.zip"));

#!/usr/bin/env bash
# Executes the notebooks in quick mode and saves them with their outputs, as the repository commits them:
#
#   notebooks/run-all.sh                         every notebooks/NN_*.ipynb
#   notebooks/run-all.sh notebooks/02_*.ipynb    some of them
#
# Each notebook runs in a temporary folder of its own (also its TMPDIR) on the Release build of the
# library, built first. A notebook is replaced only when every cell ran without an error; otherwise the
# failing cell's messages are printed and the script exits non-zero. The kernel's start-up script output,
# which only a live Jupyter front end uses and which names this machine's network addresses, is dropped.
# Needs environment/setup.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if ! build_log=$(dotnet build -c Release src/MlCgMd --nologo -v quiet 2>&1); then
  printf '%s\n' "$build_log" >&2
  exit 1
fi
export MLCGMD_ROOT="$root" MLCGMD_BIN="$root/src/MlCgMd/bin/Release/net10.0" MLCGMD_TIER=quick
jupyter=/usr/bin/jupyter
[[ -x $jupyter ]] || jupyter=jupyter

notebooks=("$@")
(( ${#notebooks[@]} > 0 )) || notebooks=(notebooks/[0-9][0-9]_*.ipynb)
failed=0
for notebook in "${notebooks[@]}"; do
  scratch=$(mktemp -d)
  start=$(date +%s)
  if ! TMPDIR="$scratch" "$jupyter" nbconvert --to notebook --execute --allow-errors --output-dir "$scratch" \
      --ExecutePreprocessor.timeout=900 --ExecutePreprocessor.record_timing=False "$notebook" >"$scratch/nbconvert.log" 2>&1; then
    cat "$scratch/nbconvert.log" >&2
    failed=1
  elif /usr/bin/python3 - "$scratch/$(basename "$notebook")" "$notebook" <<'PY'
import sys, nbformat
executed, target = sys.argv[1], sys.argv[2]
nb = nbformat.read(executed, as_version=4)
errors = []
for index, cell in enumerate(nb.cells):
    if cell.cell_type != "code":
        continue
    cell.outputs = [o for o in cell.outputs
                    if "dotnet-interactive-this-cell" not in "".join(o.get("data", {}).get("text/html", ""))]
    if any(o.output_type == "error" for o in cell.outputs):
        messages = [o.get("text", "") for o in cell.outputs if o.output_type == "stream"]
        messages += [o.get("evalue", "") for o in cell.outputs if o.output_type == "error"]
        errors.append(f"cell {index}:\n{cell.source}\n--\n" + "\n".join(messages))
if errors:
    sys.exit(f"{target}: " + "\n\n".join(errors))
nbformat.write(nb, target)
PY
  then
    echo "$notebook: $(( $(date +%s) - start )) s"
  else
    failed=1
  fi
  rm -rf "$scratch"
done
exit "$failed"

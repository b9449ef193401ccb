#!/usr/bin/env bash
# Installs every system package MlCgMd needs on Debian 12 and checks that libtorch
# resolves BLAS to OpenBLAS. Idempotent: quiet and fast when everything is in place.
#
#   environment/setup.sh            packages for building, testing and running
#   environment/setup.sh --peers    also the peers the benchmarks compare against
#                                   (python3-torch for PyTorch, python3-h5py, python3-mdtraj
#                                   for the viewer exports, python3-omegaconf for Lightning
#                                   checkpoint fixtures)
#
# The notebooks (notebooks/*.ipynb) run on the .NET Interactive C# kernel: this script installs the
# dotnet-interactive tool and registers the Jupyter kernel `.net-csharp` with the tool's absolute path,
# so neither ~/.dotnet/tools on PATH nor HOME is needed to start it (see the end of this script).
set -euo pipefail

packages=(
  libtorch-dev          # tensors and autograd (PyTorch's C++ library, CPU build)
  libopenblas0-pthread  # fast BLAS for libtorch (reference BLAS is 6-8x slower)
  cmake g++             # builds the native shim src/MlCgMd.Torch/native
  libgloo-dev           # Gloo headers for the shim's torch.distributed (c10d ProcessGroupGloo)
  libmetis5             # graph partitioning for coarse-graining
  libhdf5-103-1         # HDF5 datasets in the original layout
  lammps                # reference MD cross-check (binary: lmp)
  jupyter-nbconvert     # executes and renders the notebooks headless (tests, notebooks/run-all.sh)
  python3-nbclient      # the Jupyter client nbconvert runs notebooks with
)
if [[ "${1:-}" == "--peers" ]]; then
  packages+=(python3-torch python3-h5py python3-mdtraj python3-omegaconf)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if (( ${#missing[@]} > 0 )); then
  echo "environment: installing ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q >/dev/null
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# libtorch links libblas.so.3; Debian's alternatives decide which implementation that is.
torch_lib=/usr/lib/x86_64-linux-gnu/libtorch_cpu.so
blas=$(ldd "$torch_lib" | awk '/libblas\.so\.3/ {print $3}')
if [[ -z "$blas" ]] || ! readlink -f "$blas" | grep -q openblas; then
  openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3
  echo "environment: libtorch resolves BLAS to '$(readlink -f "${blas:-none}")'; switching to OpenBLAS"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" update-alternatives --set libblas.so.3-x86_64-linux-gnu "$openblas" >/dev/null
  "${sudo_cmd[@]}" update-alternatives --set liblapack.so.3-x86_64-linux-gnu \
    /usr/lib/x86_64-linux-gnu/openblas-pthread/liblapack.so.3 >/dev/null
  blas=$(ldd "$torch_lib" | awk '/libblas\.so\.3/ {print $3}')
  if ! readlink -f "$blas" | grep -q openblas; then
    echo "environment: ERROR libtorch still resolves BLAS to '$(readlink -f "$blas")', expected OpenBLAS" >&2
    exit 1
  fi
fi

# The .NET Interactive C# kernel for the notebooks. Its final release (upstream archived it in 2026)
# targets net10.0. As root it goes to a fixed folder with a link in /usr/local/bin and the kernel is
# registered system-wide; otherwise into ~/.dotnet/tools and the user's Jupyter folder.
interactive_version=1.0.712001
if [[ $(id -u) -eq 0 ]]; then
  tool_dir=/usr/local/lib/dotnet-interactive
  kernel_dir=/usr/local/share/jupyter/kernels/.net-csharp
else
  tool_dir="$HOME/.dotnet/tools"
  kernel_dir="${XDG_DATA_HOME:-$HOME/.local/share}/jupyter/kernels/.net-csharp"
fi
if [[ ! -d "$tool_dir/.store/microsoft.dotnet-interactive/$interactive_version" ]]; then
  echo "environment: installing the dotnet-interactive tool $interactive_version"
  if [[ -x "$tool_dir/dotnet-interactive" ]]; then
    dotnet tool uninstall --tool-path "$tool_dir" Microsoft.dotnet-interactive >/dev/null
  fi
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    dotnet tool install --tool-path "$tool_dir" Microsoft.dotnet-interactive --version "$interactive_version" >/dev/null
fi
if [[ $(id -u) -eq 0 ]]; then ln -sfn "$tool_dir/dotnet-interactive" /usr/local/bin/dotnet-interactive; fi

# The kernel spec names the tool by absolute path and the .NET runtime by DOTNET_ROOT, so Jupyter can
# start it from any environment (the spec `dotnet interactive jupyter install` writes needs the tool on PATH).
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
kernel_json=$(cat <<JSON
{
  "argv": ["$tool_dir/dotnet-interactive", "jupyter", "--default-kernel", "csharp", "--http-local-only", "{connection_file}"],
  "env": {"DOTNET_ROOT": "$dotnet_root", "DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1"},
  "display_name": ".NET (C#)",
  "language": "C#",
  "metadata": {"vscode": {"extension_id": "ms-dotnettools.dotnet-interactive-vscode", "kernel_id": "dotnet-interactive"}}
}
JSON
)
if [[ ! -f "$kernel_dir/kernel.json" ]] || [[ "$(cat "$kernel_dir/kernel.json")" != "$kernel_json" ]]; then
  echo "environment: registering the Jupyter kernel .net-csharp in $kernel_dir"
  mkdir -p "$kernel_dir"
  printf '%s\n' "$kernel_json" > "$kernel_dir/kernel.json.tmp"
  mv "$kernel_dir/kernel.json.tmp" "$kernel_dir/kernel.json"
fi
# Jupyter prefers a user's own kernel spec of the same name (e.g. one `dotnet interactive jupyter install` wrote).
user_spec="${XDG_DATA_HOME:-${HOME:-/nonexistent}/.local/share}/jupyter/kernels/.net-csharp/kernel.json"
if [[ "$user_spec" != "$kernel_dir/kernel.json" && -f "$user_spec" ]] && ! grep -q "$tool_dir" "$user_spec"; then
  echo "environment: note: $user_spec takes precedence over $kernel_dir; remove it if the kernel does not start" >&2
fi

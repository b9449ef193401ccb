#!/usr/bin/env bash
# Installs every system package MlCgMd needs on Debian 12 and checks that libtorch
# resolves BLAS to OpenBLAS. Idempotent: quiet and fast when everything is in place.
#
#   environment/setup.sh            packages for building, testing and running
#   environment/setup.sh --peers    also the peers the benchmarks compare against
#                                   (python3-torch for PyTorch, python3-h5py)
set -euo pipefail

packages=(
  libtorch-dev          # tensors and autograd (PyTorch's C++ library, CPU build)
  libopenblas0-pthread  # fast BLAS for libtorch (reference BLAS is 6-8x slower)
  cmake g++             # builds the native shim src/MlCgMd.Torch/native
  libgloo-dev           # Gloo headers for the shim's torch.distributed (c10d ProcessGroupGloo)
  libmetis5             # graph partitioning for coarse-graining
  libhdf5-103-1         # HDF5 datasets in the original layout
  lammps                # reference MD cross-check (binary: lmp)
)
if [[ "${1:-}" == "--peers" ]]; then
  packages+=(python3-torch python3-h5py)
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

"""Writes the h5py fixtures the C# tests read (run with Debian's /usr/bin/python3, which has h5py).

The files follow the official mlcgmd layout: one folder per trajectory, one dataset per file,
written with h5py's create_dataset(name, data=array) and the numpy dtypes the official
preprocessing produces:
  chain   position float32 [T,N,3], lattice float32 [T,3], rgs float64 [T],
          particle_type int64 [N], bond_indices int64 [B,2] (float64 from newer mdtraj)
  battery unwrapped/wrapped_position float64 [T,N,3], lattice float32 [T,3],
          raw_particle_type and particle_type int32 [N], bond_indices and bond_type int64,
          diffusivity float64 [T-1]
Values come from closed formulas so the tests can recompute them without h5py.

    /usr/bin/python3 tests/MlCgMd.Tests/Fixtures/make_h5py_fixture.py
"""
import os
import shutil

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CHAIN_BEAD_NAMES = ['B1', 'B2', 'S1', 'S2']


def coordinate(t, i, k):
    """Same formula as H5pyFixtureTests.Coordinate on the C# side."""
    return t + 0.1 * i + 0.01 * k


def positions(frames, particles, dtype):
    xyz = np.array([[[coordinate(t, i, k) for k in range(3)] for i in range(particles)]
                    for t in range(frames)], dtype=dtype)
    return xyz


def store(folder, file_name, dataset, array, **options):
    os.makedirs(folder, exist_ok=True)
    with h5py.File(os.path.join(folder, file_name), 'w') as f:
        f.create_dataset(dataset, data=array, **options)


def chain_trajectory(folder, frames, particles, bond_dtype, position_options):
    # mdtraj positions are float32 nm; the official code multiplies by 10 and keeps float32.
    store(folder, 'position.h5', 'position', positions(frames, particles, np.float32) * 10., **position_options)
    store(folder, 'lattice.h5', 'lattice', np.full((frames, 3), 12.5, dtype=np.float32))
    store(folder, 'rgs.h5', 'rgs', np.array([3.0 + 0.25 * t for t in range(frames)]))
    names = [CHAIN_BEAD_NAMES[i % 4] for i in range(particles)]
    store(folder, 'ptype.h5', 'particle_type', np.array([CHAIN_BEAD_NAMES.index(n) for n in names]))
    store(folder, 'bond.h5', 'bond_indices', np.array([[i, i + 1] for i in range(particles - 1)], dtype=bond_dtype))


def battery_trajectory(folder, frames, particles):
    unwrapped = positions(frames, particles, np.float64)
    store(folder, 'unwrapped_position.h5', 'unwrapped_position', unwrapped)
    store(folder, 'wrapped_position.h5', 'wrapped_position', np.mod(unwrapped, 2.0))
    store(folder, 'lattice.h5', 'lattice', np.full((frames, 3), 40.74, dtype=np.float32))
    store(folder, 'raw_ptype.h5', 'raw_particle_type', np.array([1 + i % 3 for i in range(particles)], dtype=np.int32))
    store(folder, 'ptype.h5', 'particle_type', np.array([[6, 8, 3][i % 3] for i in range(particles)], dtype=np.int32))
    store(folder, 'bond.h5', 'bond_indices', np.array([[0, 1], [1, 2]]))
    store(folder, 'bond_type.h5', 'bond_type', np.array([7, 9]))
    store(folder, 'diffusivity.h5', 'diffusivity', np.array([1e-6 * (t + 1) for t in range(frames - 1)]))


def write_split(path, names):
    with open(path, 'w') as f:
        f.write('\n'.join(names))


def main():
    chain = os.path.join(HERE, 'h5py_chain')
    battery = os.path.join(HERE, 'h5py_battery')
    for folder in (chain, battery):
        shutil.rmtree(folder, ignore_errors=True)
    chain_trajectory(os.path.join(chain, 'poly_a'), frames=6, particles=5,
                     bond_dtype=np.int64, position_options={})
    chain_trajectory(os.path.join(chain, 'poly_b'), frames=4, particles=3,
                     bond_dtype=np.float64, position_options={'compression': 'gzip'})
    # Unsorted on purpose: the official loader sorts the folder paths.
    write_split(os.path.join(chain, 'train.txt'), ['poly_b', 'poly_a'])
    write_split(os.path.join(chain, 'val.txt'), ['poly_a'])
    battery_trajectory(os.path.join(battery, '9-0-1-0'), frames=3, particles=4)
    write_split(os.path.join(battery, 'train_5ns.txt'), ['9-0-1-0'])


if __name__ == '__main__':
    main()

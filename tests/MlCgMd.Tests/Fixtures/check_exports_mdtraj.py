"""Loads every file `mlcgmd export` wrote with mdtraj and compares it with the HDF5 it came from.

    /usr/bin/python3 check_exports_mdtraj.py ROLLOUT_DIR DATA_DIR ANGSTROM_PER_SIGMA EXPORT_DIR...

The expected coordinates are recomputed here from the HDF5 files with h5py and numpy, independently
of the C# exporter: a rollout's valid frames (rollout.json frames_written) from its position dataset,
a reference on CG beads as the unit-weight centres of mass of the fine frames over the rollout's
`cluster`, a fine reference as position.h5 itself. mdtraj reads every format as Angstrom and
returns nm, so a coordinate in sigma is mdtraj's value x 10 / ANGSTROM_PER_SIGMA (LAMMPS dumps
stay in sigma: x 10). Prints one JSON object per file: frames, atoms, bonds, max abs / relative
difference.
"""
import json
import os
import sys

import h5py
import mdtraj
import numpy as np

rollout_dir, data_dir, scale, export_dirs = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4:]
manifest = json.load(open(os.path.join(rollout_dir, 'rollout.json')))


def expected(stem):
    system, kind = stem.split('.', 1)
    entry = next(s for s in manifest['systems'] if s['name'] == system)
    with h5py.File(os.path.join(rollout_dir, entry['file']), 'r') as f:
        if kind == 'rollout':
            return f['position'][:entry['frames_written']].astype(np.float64)
        cluster = f['cluster'][()]
    with h5py.File(os.path.join(data_dir, system, 'position.h5'), 'r') as f:
        fine = f['position'][()].astype(np.float64)
    if kind == 'reference-fine':
        return fine
    beads = cluster.max() + 1
    sums = np.zeros((fine.shape[0], beads, 3))
    np.add.at(sums, (slice(None), cluster), fine)
    return sums / np.bincount(cluster, minlength=beads)[None, :, None]


results = {}
for export_dir, name in sorted((d, n) for d in export_dirs for n in os.listdir(d)):
    stem, ext = os.path.splitext(name)
    # NAME.topology.pdb is the one-model topology beside NAME.xyz/.dcd/.lammpstrj, not a trajectory.
    if ext not in ('.xyz', '.pdb', '.dcd', '.lammpstrj') or name.endswith('.topology.pdb'):
        continue
    path = os.path.join(export_dir, name)
    topology = os.path.join(export_dir, stem + '.topology.pdb')
    traj = mdtraj.load(path) if ext == '.pdb' else mdtraj.load(path, top=topology)
    factor = 10.0 if ext == '.lammpstrj' else 10.0 / scale
    ours = traj.xyz.astype(np.float64) * factor
    want = expected(stem)
    shape_ok = ours.shape == want.shape
    diff = np.abs(ours - want) if shape_ok else np.array([np.inf])
    results[os.path.join(os.path.basename(export_dir), name)] = {
        'frames': int(traj.n_frames), 'atoms': int(traj.n_atoms), 'bonds': int(traj.topology.n_bonds),
        'expected_frames': int(want.shape[0]), 'expected_atoms': int(want.shape[1]),
        'max_abs': float(diff.max()),
        'max_rel': float((diff / np.maximum(1.0, np.abs(want))).max()) if shape_ok else float('inf'),
    }
print(json.dumps(results))

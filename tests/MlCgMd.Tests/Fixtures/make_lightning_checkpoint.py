"""Writes PyTorch Lightning checkpoints in the layout of the official mlcgmd ones (ckpts/*/last.ckpt).

Run with Debian's /usr/bin/python3 (python3-torch, python3-omegaconf):

    make_lightning_checkpoint.py WEIGHTS.safetensors HPARAMS.json OUT.ckpt
        the weights of a model saved by MlCgMd (Checkpoint.SaveModel) under 'state_dict', with Adam
        moments, a scheduler state and the official hyperparameters (HPARAMS.json, the keys of
        graphwm/conf/model/*.yaml) under 'hyper_parameters', as OmegaConf containers the way hydra's
        instantiate(cfg.model, optim=..., data=..., logging=..., _recursive_=False) hands them to
        GraphSim.__init__ and save_hyperparameters() stores them (PL 1.3.8 dump_checkpoint).
    make_lightning_checkpoint.py --malicious OUT.ckpt MARKER
        a checkpoint whose data.pkl calls os.system('touch MARKER') when unpickled by pickle/torch.load.
    make_lightning_checkpoint.py --fixtures FOLDER
        the small fixtures committed beside this script: lightning_layout.ckpt (tensors of every
        dtype the reader supports, a transposed view, a view with a storage offset sharing its storage,
        a 0-dim tensor, by closed formulas that LightningCheckpointTests recomputes; the official
        hyper_parameters of conf/model/chain.yaml) and malicious.ckpt (os.system('touch pwned')).

Lightning itself is not a Debian package: the callback key of 'callbacks' is a class object in PL 1.3,
so a stand-in class named pytorch_lightning.callbacks.model_checkpoint.ModelCheckpoint is registered
here; only its name goes into the pickle, exactly as the real class's would.
"""
import collections
import json
import os
import struct
import sys
import types

import torch
from omegaconf import OmegaConf

DTYPES = {'F32': torch.float32, 'F64': torch.float64, 'I64': torch.int64, 'I32': torch.int32, 'BOOL': torch.bool}


def read_safetensors(path):
    with open(path, 'rb') as f:
        (length,) = struct.unpack('<Q', f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    tensors = collections.OrderedDict()
    for name, entry in header.items():
        if name == '__metadata__':
            continue
        begin, end = entry['data_offsets']
        raw = bytearray(data[begin:end])
        tensors[name] = torch.frombuffer(raw, dtype=DTYPES[entry['dtype']]).reshape(entry['shape']).clone()
    return tensors


def write_safetensors(path, tensors):
    codes = {v: k for k, v in DTYPES.items()}
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        raw = t.contiguous().numpy().tobytes()
        header[name] = {'dtype': codes[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + b''.join(blobs))


def stand_in_model_checkpoint_class():
    names = ['pytorch_lightning', 'pytorch_lightning.callbacks', 'pytorch_lightning.callbacks.model_checkpoint']
    for name in names:
        sys.modules.setdefault(name, types.ModuleType(name))
    module = sys.modules[names[-1]]
    cls = type('ModelCheckpoint', (), {'__module__': names[-1]})
    module.ModelCheckpoint = cls
    return cls


def lightning_checkpoint(state_dict, hparams):
    # The hydra root config: model (what hparams came from), optim, data, logging.
    root = OmegaConf.create({
        'model': dict(hparams, _target_='graphwm.model.PnR' if 'score_gn_hparams' in hparams else 'graphwm.model.GNS'),
        'optim': {'optimizer': {'_target_': 'torch.optim.Adam', 'lr': 1e-4, 'betas': [0.9, 0.999], 'eps': 1e-8,
                                'weight_decay': 0},
                  'use_lr_scheduler': True, 'scheduler_interval': 'step',
                  'lr_scheduler': {'_target_': 'graphwm.common.CustomScheduleLR', 'min_lr': 2e-6, 'decay_steps': 2e6,
                                   'decay_rate': 0.1, 'last_epoch': -1, 'verbose': False}},
        'data': {'name': 'chain', 'dir': '${oc.env:CHAIN_DATASET_DIR}', 'dimension': 3, 'batch_size': 32,
                 'traj_len': 10000, 'recursive_metis': False},
        'logging': {'val_check_interval': 20000.0, 'progress_bar_refresh_rate': 20},
    })
    # instantiate(cfg.model, ..., _recursive_=False): primitives resolved, nested dicts as DictConfig nodes.
    model = root.model
    kwargs = {k: (model[k] if not OmegaConf.is_config(model[k]) else model[k]) for k in model if k != '_target_'}
    kwargs.update(optim=root.optim, data=root.data, logging=root.logging)
    params = list(state_dict.values())
    adam_state = {i: {'step': torch.tensor(1200.0), 'exp_avg': torch.full_like(p, 1e-3), 'exp_avg_sq': torch.full_like(p, 1e-6)}
                  for i, p in enumerate(params) if p.is_floating_point()}
    checkpoint_class = stand_in_model_checkpoint_class()
    return {
        'epoch': 3,
        'global_step': 1200,
        'pytorch-lightning_version': '1.3.8',
        'state_dict': state_dict,
        'callbacks': {checkpoint_class: {'monitor': 'val_acc_loss', 'best_model_score': torch.tensor(0.8512),
                                         'best_model_path': '/ckpts/chain/epoch=3-step=1199.ckpt',
                                         'current_score': torch.tensor(0.8512), 'dirpath': '/ckpts/chain'}},
        'optimizer_states': [{'state': adam_state,
                              'param_groups': [{'lr': 9.9e-5, 'betas': (0.9, 0.999), 'eps': 1e-8, 'weight_decay': 0,
                                                'amsgrad': False, 'maximize': False, 'foreach': None, 'capturable': False,
                                                'initial_lr': 1e-4, 'params': list(range(len(params)))}]}],
        'lr_schedulers': [{'_min_lr': 2e-6, '_decay_steps': 2e6, '_decay_rate': 0.1, 'base_lrs': [1e-4],
                           'last_epoch': 1200, '_step_count': 1201, 'verbose': False,
                           '_get_lr_called_within_step': False, '_last_lr': [9.9e-5]}],
        'hparams_name': 'kwargs',
        'hyper_parameters': kwargs,
    }


class SystemCall:
    """Unpickling this calls os.system(command): what a hostile checkpoint does."""
    def __init__(self, command):
        self.command = command

    def __reduce__(self):
        return os.system, (self.command,)


def write(path, checkpoint):
    # The legacy archive name 'archive' and pickle protocol 2 are what torch.save uses.
    torch.save(checkpoint, path)


def fixture_state_dict():
    base = torch.arange(10, dtype=torch.float32) * 0.25
    return collections.OrderedDict([
        ('a.weight', torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8),
        ('a.bias', torch.arange(3, dtype=torch.float64) * 0.5 - 1),
        ('ids', torch.tensor([5, -7, 2 ** 40], dtype=torch.int64)),
        ('small_ids', torch.tensor([3, -2], dtype=torch.int32)),
        ('mask', torch.tensor([True, False, True])),
        ('transposed', (torch.arange(6, dtype=torch.float32).reshape(2, 3) + 1).t()),
        ('base', base),
        ('offset_view', base[4:7]),
        ('scalar', torch.tensor(3.25)),
    ])


CHAIN_YAML = {  # graphwm/conf/model/chain.yaml, dimension resolved from data.dimension
    'dimension': 3, 'use_atom_mass': False, 'use_weights': False, 'seq_len': 30, 'dilation': 1, 'num_ptypes': 5,
    'num_btypes': 0, 'cg_level': 100, 'radius': 200, 'min_std': 0.1, 'type_emb_size': 32,
    'dynamics_gn_hparams': {'latent_dim': 128, 'units': 128, 'layers': 2, 'mp_steps': 7},
    'embedding_gn_hparams': {'latent_dim': 64, 'units': 64, 'layers': 2, 'mp_steps': 7},
    'property_net_hparams': {'units': 256, 'layers': 2, 'out_dim': 1},
    'noise_method': 'multi_scale', 'noise_target': 'pos', 'noise_begin': 0.1, 'noise_end': 0.01, 'noise_level': 10,
    'name': 'gns',
}


def main(argv):
    if argv[0] == '--malicious':
        write(argv[1], {'state_dict': collections.OrderedDict(), 'payload': SystemCall('touch ' + argv[2])})
    elif argv[0] == '--fixtures':
        folder = argv[1]
        write(os.path.join(folder, 'lightning_layout.ckpt'), lightning_checkpoint(fixture_state_dict(), CHAIN_YAML))
        write(os.path.join(folder, 'malicious.ckpt'),
              {'state_dict': collections.OrderedDict(), 'payload': SystemCall('touch pwned')})
    else:
        weights, hparams_path, out = argv
        with open(hparams_path) as f:
            hparams = json.load(f)
        write(out, lightning_checkpoint(read_safetensors(weights), hparams))


if __name__ == '__main__':
    main(sys.argv[1:])

"""PyTorch twin of one MlCgMd training step of the chain model (run by `mlcgmd bench train`).

An independent implementation of MlCgMd.Model.GraphSimulator.ComputeLoss for the chain model
(Embedding GNN on the fine bond graph, coarse-graining by the given clusters, noise
augmentation, Dynamics GNN on the CG radius graph, Gaussian NLL, Rg head), reading the C#
model's weights and the batch from safetensors files. It prints one JSON line (torch version,
threads, the loss with noise augmentation off, for the equality check), then for each line
"step" read from stdin runs one training step (zero_grad, loss with noise on, backward,
gradient-norm clipping, Adam) and prints its wall time and process CPU time in ms; "quit" or end
of input stops.
"""
import argparse
import json
import math
import struct
import sys
import time

import torch
import torch.nn.functional as F

LOG_2PI = math.log(2 * math.pi)
DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32, "BOOL": torch.bool}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (header_size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_size])
    base = 8 + header_size
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        flat = (torch.frombuffer(bytearray(data[base + begin:base + end]), dtype=dtype) if end > begin
                else torch.empty(0, dtype=dtype))
        tensors[name] = flat.reshape(info["shape"]).clone()
    return tensors


class Mlp:
    """Linear layers with ReLU between them, optionally a final LayerNorm, from state-dict entries prefix.{i}.*."""

    def __init__(self, params, prefix):
        indices = sorted({int(k[len(prefix) + 1:].split(".")[0]) for k in params if k.startswith(prefix + ".")})
        self.layers = [(params[f"{prefix}.{i}.weight"], params[f"{prefix}.{i}.bias"]) for i in indices]
        if not self.layers:
            raise KeyError(f"no weights under {prefix}")
        self.linear_count = sum(1 for weight, _ in self.layers if weight.dim() == 2)

    def __call__(self, x):
        return self._layers_from(x, 0, 0)

    def on_edges(self, edges, nodes, senders, receivers):
        """self(cat([edges, nodes[receivers], nodes[senders]])) with the first layer split by input columns
        (node terms computed per node, then gathered), as EdgeBlock.cs computes it."""
        weight, bias = self.layers[0]
        e, n = edges.shape[1], nodes.shape[1]
        x = (F.linear(edges, weight[:, :e], bias)
             + F.linear(nodes, weight[:, e:e + n]).index_select(0, receivers)
             + F.linear(nodes, weight[:, e + n:]).index_select(0, senders))
        if self.linear_count > 1:
            x = torch.relu(x)
        return self._layers_from(x, 1, 1)

    def _layers_from(self, x, start, linears):
        for weight, bias in self.layers[start:]:
            if weight.dim() == 1:
                x = F.layer_norm(x, (x.shape[-1],), weight, bias)
                continue
            x = F.linear(x, weight, bias)
            linears += 1
            if linears < self.linear_count:
                x = torch.relu(x)
        return x


class EncodeProcessDecode:
    """Independent encoders, residual interaction layers (edge then node update, sum at receivers), node decoder."""

    def __init__(self, params, prefix):
        self.encode_edges = Mlp(params, f"{prefix}._encode._edge_mlp")
        self.encode_nodes = Mlp(params, f"{prefix}._encode._node_mlp")
        steps = sorted({int(k.split(".")[2]) for k in params if k.startswith(f"{prefix}._interaction.")})
        self.layers = [(Mlp(params, f"{prefix}._interaction.{k}._edge_block._edge_mlp"),
                        Mlp(params, f"{prefix}._interaction.{k}._node_block._node_mlp")) for k in steps]
        self.decode = Mlp(params, f"{prefix}._decode")

    def __call__(self, nodes, edges, senders, receivers):
        nodes, edges = self.encode_nodes(nodes), self.encode_edges(edges)
        for edge_mlp, node_mlp in self.layers:
            new_edges = edge_mlp.on_edges(edges, nodes, senders, receivers)
            incoming = torch.zeros(nodes.shape[0], new_edges.shape[1]).index_add_(0, receivers, new_edges)
            new_nodes = node_mlp(torch.cat([nodes, incoming], dim=1))
            nodes, edges = new_nodes + nodes, new_edges + edges
        return self.decode(nodes), nodes


class ChainSimulator:
    def __init__(self, params, batch, a):
        self.p = params
        self.embedding_gn = EncodeProcessDecode(params, "embedding_gn")
        self.dynamics_gn = EncodeProcessDecode(params, "dynamics_gn")
        self.property_head = Mlp(params, "property_head")
        self.masses = torch.ones(100)
        self.noise_sigmas = torch.linspace(math.log(a.noise_begin), math.log(a.noise_end), a.noise_level).exp()
        self.noise_level, self.radius, self.min_std = a.noise_level, a.radius, a.min_std
        self.b = batch
        self.bead_counts = batch["bead_counts"]
        systems = self.bead_counts.shape[0]
        self.bead_system = torch.arange(systems).repeat_interleave(self.bead_counts)
        # Every ordered within-system pair (self-pairs included), first-major: the radius-graph candidates.
        firsts, seconds, offset = [], [], 0
        for n in self.bead_counts.tolist():
            local = torch.arange(offset, offset + n)
            firsts.append(local.repeat_interleave(n))
            seconds.append(local.repeat(n))
            offset += n
        self.pair_first, self.pair_second = torch.cat(firsts), torch.cat(seconds)

    def embed_particles(self):
        types = self.b["particle_types"]
        type_embeddings = F.embedding(types, self.p["type_embedding.weight"])
        senders = self.b["bonds"][:, 0].contiguous()
        receivers = self.b["bonds"][:, 1].contiguous()
        edges = type_embeddings.index_select(0, senders) + type_embeddings.index_select(0, receivers)
        return self.embedding_gn(type_embeddings, edges, senders, receivers)[0]

    def coarse_grain(self, embeddings, weights):
        history, target, cluster = self.b["position_history"], self.b["target"], self.b["cluster"]
        beads = int(self.bead_counts.sum())
        frames = torch.cat([history, target.unsqueeze(1)], dim=1)
        bead_weights = torch.zeros(beads).index_add_(0, cluster, weights)
        weighted = torch.zeros(beads, frames.shape[1], frames.shape[2]).index_add(0, cluster, frames * weights.view(-1, 1, 1))
        centres = weighted / bead_weights.view(-1, 1, 1)
        t = history.shape[1]
        members = torch.zeros(beads).index_add_(0, cluster, torch.ones(cluster.shape[0]))
        bead_embeddings = torch.zeros(beads, embeddings.shape[1]).index_add(0, cluster, embeddings) / members.unsqueeze(1)
        return centres[:, :t], centres[:, t], bead_embeddings, bead_weights.unsqueeze(1)

    def cg_edges(self, positions):
        """Within-system pairs closer than the radius united with the CG bonds, sorted; type 1 = bond within radius."""
        scaled = (positions.index_select(0, self.pair_first) - positions.index_select(0, self.pair_second)) / self.radius
        selected = (scaled.norm(dim=-1) < 1.0).nonzero().squeeze(1)
        senders, receivers = self.pair_first.index_select(0, selected), self.pair_second.index_select(0, selected)
        cg_bonds = self.b["cg_bonds"]
        if cg_bonds.shape[0] > 0:
            pairs, counts = torch.unique(torch.cat([torch.stack([senders, receivers], dim=1), cg_bonds]), sorted=True,
                                         return_counts=True, dim=0)
            senders, receivers, types = pairs[:, 0].contiguous(), pairs[:, 1].contiguous(), (counts > 1).long()
        else:
            types = torch.zeros(senders.shape[0], dtype=torch.int64)
        displacements = (positions.index_select(0, senders) - positions.index_select(0, receivers)) / self.radius
        return senders, receivers, displacements, displacements.norm(dim=-1, keepdim=True), types

    def per_system_sum(self, values):
        return torch.zeros(self.bead_counts.shape[0], values.shape[1]).index_add(0, self.bead_system, values)

    def weighted_rg(self, positions, weights):
        total = self.per_system_sum(weights)
        com = self.per_system_sum(positions * weights) / total
        squared = (positions - com.index_select(0, self.bead_system)).pow(2).sum(1, keepdim=True) * weights
        return (self.per_system_sum(squared) / total).sqrt()

    def loss(self, noise):
        weights = self.masses.index_select(0, self.b["particle_types"])
        embeddings = self.embed_particles()
        history, target, bead_embeddings, bead_weights = self.coarse_grain(embeddings, weights)
        if noise:
            chosen = torch.randint(0, self.noise_level, (self.bead_counts.shape[0],))
            sigma = self.noise_sigmas.index_select(0, chosen.repeat_interleave(self.bead_counts)).view(-1, 1, 1)
            history = history + torch.randn_like(history) * sigma

        beads = history.shape[0]
        velocities = (history[:, 1:] - history[:, :-1]).reshape(beads, -1)
        nodes = torch.cat([velocities, bead_embeddings], dim=1)
        senders, receivers, displacements, distances, types = self.cg_edges(history[:, -1])
        edges = torch.cat([displacements, distances, F.embedding(types, self.p["edge_type_embedding.weight"])], dim=1)
        stats, latent = self.dynamics_gn(nodes, edges, senders, receivers)
        mean, std = stats[:, :3], F.softplus(stats[:, 3:]) + self.min_std
        acceleration = target - history[:, -1] - (history[:, -1] - history[:, -2])
        log_prob = -((acceleration - mean).pow(2) / (std.pow(2) * 2.0)) - std.log() - 0.5 * LOG_2PI
        acc_loss = -log_prob.mean()

        pooled = self.per_system_sum(latent.detach()) / self.bead_counts.float().unsqueeze(1)
        rg = self.property_head(pooled) + self.weighted_rg(history[:, -1].detach(), bead_weights.detach())
        property_loss = (rg - self.b["rg_labels"][:, -1].unsqueeze(1)).pow(2).mean()
        # The diagnostics MlCgMd computes every step, kept so both sides do the same work.
        (mean.norm(dim=-1) / std.norm(dim=-1)).mean()
        (std.log() + 0.5 * (1 + LOG_2PI)).mean()
        return acc_loss + property_loss


def main():
    parser = argparse.ArgumentParser()
    for name in ["weights", "batch"]:
        parser.add_argument("--" + name, required=True)
    for name in ["threads", "seed", "noise-level"]:
        parser.add_argument("--" + name, type=int, required=True)
    for name in ["radius", "min-std", "noise-begin", "noise-end", "lr", "clip"]:
        parser.add_argument("--" + name, type=float, required=True)
    a = parser.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    params = {name: t.requires_grad_() for name, t in read_safetensors(a.weights).items()}
    model = ChainSimulator(params, read_safetensors(a.batch), a)
    optimizer = torch.optim.Adam(params.values(), lr=a.lr)

    with torch.no_grad():
        check_loss = model.loss(noise=False).item()

    def step():
        optimizer.zero_grad(set_to_none=True)
        model.loss(noise=True).backward()
        torch.nn.utils.clip_grad_norm_(params.values(), a.clip)
        optimizer.step()

    print(json.dumps({"torch_version": torch.__version__, "threads": torch.get_num_threads(), "check_loss": check_loss}),
          flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            break
        if command != "step":
            raise ValueError(f"unknown command {command!r}")
        wall, cpu = time.perf_counter(), time.process_time()
        step()
        print(f"{(time.perf_counter() - wall) * 1000!r} {(time.process_time() - cpu) * 1000!r}", flush=True)


if __name__ == "__main__":
    main()

"""PyTorch twin of MlCgMd.Benchmarks.MessagePassingProcessor (run by `mlcgmd bench processor`).

Builds the same weights in the same order from the same seed and prints one JSON line
(torch version, threads, sum of the forward output). Then, for each line "forward" or
"forward_backward" read from stdin, runs that pass once and prints its wall time in ms,
so the caller can alternate its own runs with these ones; "quit" or end of input stops.
"""
import argparse
import json
import math
import sys
import time

import torch
import torch.nn.functional as F


def linear_weights(fan_in, fan_out):
    scale = 1 / math.sqrt(fan_in)
    weight = (torch.randn(fan_out, fan_in) * scale).requires_grad_()
    bias = (torch.randn(fan_out) * scale).requires_grad_()
    return [weight, bias]


def make_mlp(fan_in, latent):
    params = linear_weights(fan_in, latent) + linear_weights(latent, latent) + linear_weights(latent, latent)
    return params + [torch.ones(latent, requires_grad=True), torch.zeros(latent, requires_grad=True)]


def mlp(x, p):
    h = torch.relu_(F.linear(x, p[0], p[1]))
    h = torch.relu_(F.linear(h, p[2], p[3]))
    h = F.linear(h, p[4], p[5])
    return F.layer_norm(h, (h.shape[-1],), p[6], p[7])


def forward(nodes, edges, senders, receivers, edge_mlps, node_mlps):
    for edge_p, node_p in zip(edge_mlps, node_mlps):
        edge_input = torch.cat([edges, nodes.index_select(0, receivers), nodes.index_select(0, senders)], dim=1)
        new_edges = mlp(edge_input, edge_p)
        incoming = torch.zeros_like(nodes).index_add(0, receivers, new_edges)
        new_nodes = mlp(torch.cat([nodes, incoming], dim=1), node_p)
        nodes = nodes + new_nodes
        edges = edges + new_edges
    return nodes


def fully_connected(graphs, n, self_loops):
    senders, receivers = [], []
    for g in range(graphs):
        for s in range(n):
            for r in range(n):
                if s == r and not self_loops:
                    continue
                senders.append(g * n + s)
                receivers.append(g * n + r)
    return torch.tensor(senders), torch.tensor(receivers)


def time_ms(run):
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser()
    for name in ["graphs", "nodes-per-graph", "latent", "layers", "threads", "seed", "self-loops"]:
        parser.add_argument("--" + name, type=int, required=True)
    a = parser.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    edge_mlps, node_mlps = [], []
    for _ in range(a.layers):
        edge_mlps.append(make_mlp(3 * a.latent, a.latent))
        node_mlps.append(make_mlp(2 * a.latent, a.latent))
    params = [p for group in edge_mlps + node_mlps for p in group]
    senders, receivers = fully_connected(a.graphs, a.nodes_per_graph, a.self_loops != 0)
    nodes = torch.randn(a.graphs * a.nodes_per_graph, a.latent)
    edges = torch.randn(len(senders), a.latent)

    with torch.no_grad():
        output_sum = forward(nodes, edges, senders, receivers, edge_mlps, node_mlps).sum().item()

    def run_forward():
        with torch.no_grad():
            forward(nodes, edges, senders, receivers, edge_mlps, node_mlps)

    def run_forward_backward():
        for p in params:
            p.grad = None
        forward(nodes, edges, senders, receivers, edge_mlps, node_mlps).sum().backward()

    passes = {"forward": run_forward, "forward_backward": run_forward_backward}
    print(json.dumps({"torch_version": torch.__version__, "threads": torch.get_num_threads(), "output_sum": output_sum}),
          flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            break
        print(repr(time_ms(passes[command])), flush=True)


if __name__ == "__main__":
    main()

using MlCgMd.Torch;

namespace MlCgMd.Model;

/// <summary>
/// A batch of graphs in one flat set of tensors (the graph_nets / official GraphsTuple).
/// Edges run sender → receiver; aggregation sums incoming edges at the receiver.
/// </summary>
/// <param name="Nodes">node features [total_nodes, node_dim]</param>
/// <param name="Edges">edge features [total_edges, edge_dim]</param>
/// <param name="Senders">source node of each edge [total_edges] int64 (already offset per graph)</param>
/// <param name="Receivers">target node of each edge [total_edges] int64</param>
/// <param name="NodeCounts">nodes per graph (host copy), for pooling per graph</param>
public sealed record GraphsTuple(Tensor Nodes, Tensor Edges, Tensor Senders, Tensor Receivers, long[] NodeCounts);

namespace MlCgMd.Tests.Graphs;

/// <summary>How the CG interaction graph is cut (official <c>radius</c> and torch_cluster arguments).</summary>
public sealed record RadiusGraphOptions
{
    /// <summary>Cutoff r in position units (official: 200 σ for the chain, 6 Å for the battery).</summary>
    public required double Radius { get; init; }

    /// <summary>Include the edge (i, i) of every node (official <c>loop=True</c> / <c>add_self_edges=True</c>).</summary>
    public bool SelfLoops { get; init; } = true;

    /// <summary>
    /// At most this many senders per receiver, self-loop included, keeping the lowest sender indices
    /// (the order torch_cluster's CUDA kernel scans them). The official open-boundary graph uses
    /// torch_cluster's default of 32; its periodic graph has no cap. Null = no cap (default).
    /// </summary>
    public int? MaxNeighbors { get; init; }

    internal void Validate()
    {
        if (!(Radius > 0) || double.IsInfinity(Radius))
            throw new ArgumentOutOfRangeException(nameof(Radius), Radius, "the radius must be positive and finite");
        if (MaxNeighbors is < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxNeighbors), MaxNeighbors, "must be at least 1 (or null for no cap)");
    }
}

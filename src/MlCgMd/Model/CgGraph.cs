using MlCgMd.Torch;

namespace MlCgMd.Model;

/// <summary>
/// A batch of CG graphs at one step, as every dynamics network (and the Score GNN) reads it:
/// the velocity history and features of the beads, and the edges of the most recent positions
/// both as raw geometry (what an E(3)-equivariant network needs) and as the official features.
/// Edges run sender → receiver.
/// </summary>
/// <param name="Velocities">[M, T−1, dim] finite-difference velocities x_{k+1} − x_k of the history (T−1 = 0 for the Score GNN)</param>
/// <param name="BeadFeatures">[M, F] bead embeddings (Embedding GNN) or, for the Score GNN, the dynamics latents</param>
/// <param name="BeadWeights">[M, 1] summed member weights (bead counts for chains, masses for electrolytes)</param>
/// <param name="BeadCounts">beads per system (host copy)</param>
/// <param name="Senders">[E] int64 source bead j</param>
/// <param name="Receivers">[E] int64 target bead i</param>
/// <param name="EdgeTypes">[E] int64, 1 = CG bond edge</param>
/// <param name="EdgeTypeFeatures">[E, emb] the simulator's edge-type embedding of <paramref name="EdgeTypes"/></param>
/// <param name="EdgeVectors">[E, dim] x_sender − x_receiver (minimum image when periodic), in length units</param>
/// <param name="EdgeLengths">[E, 1] |x_sender − x_receiver|, in length units</param>
/// <param name="Displacements">[E, dim] EdgeVectors / radius (official edge feature)</param>
/// <param name="Distances">[E, 1] |Displacements| (official edge feature)</param>
/// <param name="Radius">cut-off radius of the graph, in length units</param>
public sealed record CgGraph(
    Tensor Velocities, Tensor BeadFeatures, Tensor BeadWeights, long[] BeadCounts,
    Tensor Senders, Tensor Receivers, Tensor EdgeTypes, Tensor EdgeTypeFeatures,
    Tensor EdgeVectors, Tensor EdgeLengths, Tensor Displacements, Tensor Distances, double Radius)
{
    /// <summary>
    /// The official flat features (graphwm <c>_dynamics_preprocessor</c>): nodes = [flattened
    /// velocities, bead features (, weight)], edges = [displacement/r, distance/r, edge-type embedding].
    /// </summary>
    public GraphsTuple OfficialFeatures(bool appendWeights)
    {
        long beads = Velocities.size(0);
        Tensor flatVelocities = Velocities.reshape(beads, -1);
        Tensor nodes = appendWeights
            ? torch.cat([flatVelocities, BeadFeatures, BeadWeights], dim: 1)
            : torch.cat([flatVelocities, BeadFeatures], dim: 1);
        Tensor edges = torch.cat([Displacements, Distances, EdgeTypeFeatures], dim: 1);
        return new GraphsTuple(nodes, edges, Senders, Receivers, BeadCounts);
    }
}

using MlCgMd.Torch;

namespace MlCgMd.Model;

/// <summary>
/// What a rollout needs at CG level, computed once from the fine batch: bead embeddings,
/// weights, bonds and box. The positions themselves advance step by step.
/// </summary>
/// <param name="BeadEmbeddings">[M, latent] mean of the members' Embedding-GNN outputs</param>
/// <param name="BeadWeights">[M, 1] sum of member weights</param>
/// <param name="BeadCounts">beads per system</param>
/// <param name="CgBonds">[B, 2] int64</param>
/// <param name="Lattices">[systems, dim] or null</param>
public sealed record CoarseGrainedState(Tensor BeadEmbeddings, Tensor BeadWeights, long[] BeadCounts, Tensor CgBonds,
                                        Tensor? Lattices);

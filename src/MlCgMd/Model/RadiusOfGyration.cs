using MlCgMd.Torch;

namespace MlCgMd.Model;

/// <summary>Per-system weighted radius of gyration of a batch (official <c>compute_weighted_rgs</c>).</summary>
public static class RadiusOfGyration
{
    /// <summary>
    /// Rg_b = sqrt( Σ w_i |x_i − c_b|² / Σ w_i ) with c_b the weighted centre of system b; differentiable.
    /// </summary>
    /// <param name="positions">[nodes, 3], systems one after another.</param>
    /// <param name="weights">[nodes] or [nodes, 1].</param>
    /// <param name="nodeCounts">[systems], nodes per system.</param>
    /// <returns>[systems, 1], dtype and device of <paramref name="positions"/>.</returns>
    public static Tensor Weighted(Tensor positions, Tensor weights, int[] nodeCounts)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(nodeCounts);
        long nodes = nodeCounts.Sum(c => (long)c);
        if (positions.dim() != 2 || positions.size(1) != 3 || positions.size(0) != nodes)
            throw new ArgumentException($"positions: expected [nodes, 3] = [{nodes}, 3], got [{string.Join(", ", positions.shape)}]", nameof(positions));
        if (weights.numel() != nodes)
            throw new ArgumentException($"weights: expected [nodes] or [nodes, 1] with nodes = {nodes}, got [{string.Join(", ", weights.shape)}]", nameof(weights));
        if (nodeCounts.Any(c => c < 1))
            throw new ArgumentException("nodeCounts: every system needs at least one node", nameof(nodeCounts));

        long systems = nodeCounts.Length;
        long[] systemOfNode = nodeCounts.SelectMany((c, s) => Enumerable.Repeat((long)s, c)).ToArray();
        using Tensor batch = torch.tensor(systemOfNode, device: positions.device);
        using Tensor w = weights.reshape(nodes).to(positions.dtype);
        using Tensor wColumn = w.unsqueeze(1);
        using Tensor zeros = torch.zeros([systems], positions.dtype, positions.device);
        using Tensor zeros3 = torch.zeros([systems, 3], positions.dtype, positions.device);

        using Tensor totalWeight = zeros.index_add(0, batch, w);
        using Tensor weightedPositions = positions * wColumn;
        using Tensor weightedSum = zeros3.index_add(0, batch, weightedPositions);
        using Tensor totalColumn = totalWeight.unsqueeze(1);
        using Tensor centre = weightedSum / totalColumn;
        using Tensor centrePerNode = centre.index_select(0, batch);
        using Tensor offset = positions - centrePerNode;
        using Tensor squared = (offset * offset).sum(1);
        using Tensor weightedSquared = w * squared;
        using Tensor sumSquared = zeros.index_add(0, batch, weightedSquared);
        using Tensor meanSquared = sumSquared / totalWeight;
        using Tensor rg = meanSquared.sqrt();
        return rg.unsqueeze(1);
    }
}

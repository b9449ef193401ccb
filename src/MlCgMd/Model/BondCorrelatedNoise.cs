using MlCgMd.Torch;

namespace MlCgMd.Model;

/// <summary>
/// Standard normal noise for sampling accelerations in which CG-bonded beads move together:
/// n_i = (z_i + α Σ_{j bonded to i} z_j) / sqrt(1 + α² d_i), z i.i.d. standard normal, d_i the bead's
/// number of CG bonds. Every bead keeps unit variance (its marginal motion, hence its diffusion, is
/// unchanged); two bonded beads of degree 2 without a common neighbour correlate by ρ = 2α / (1 + 2α²),
/// and α is solved from the ρ asked for. ρ = 0 is the official independent sampling.
///
/// Why: in the reference MD of the electrolyte boxes the displacements of CG-bonded beads over one model
/// step correlate by 0.24–0.27 (`analyze`, bonded motion); a per-bead Gaussian sampled independently
/// has 0, so its bond vectors change 33–50% faster than the MD's and its chains swell until a bond tears.
/// </summary>
public static class BondCorrelatedNoise
{
    /// <summary>The largest correlation this construction reaches for degree-2 beads (α = 1/√2).</summary>
    public static readonly double MaxCorrelation = 1 / Math.Sqrt(2);

    /// <summary>α with 2α / (1 + 2α²) = ρ, the smaller root (0 ≤ ρ &lt; 1/√2).</summary>
    public static double Alpha(double rho)
    {
        if (!(rho >= 0 && rho < MaxCorrelation))
            throw new ArgumentOutOfRangeException(nameof(rho), rho, $"a bonded noise correlation must be in [0, {MaxCorrelation:F3})");
        return rho == 0 ? 0 : (1 - Math.Sqrt(1 - 2 * rho * rho)) / (2 * rho);
    }

    /// <param name="like">[M, dim]: shape, dtype and device of the noise</param>
    /// <param name="cgBonds">[B, 2] int64, every CG bond in both directions</param>
    /// <param name="rho">bonded correlation of degree-2 beads</param>
    public static Tensor Sample(Tensor like, Tensor cgBonds, double rho)
    {
        Tensor z = torch.randn_like(like);
        if (rho == 0 || cgBonds.size(0) == 0) return z;
        double alpha = Alpha(rho);
        Tensor from = cgBonds.select(1, 0), to = cgBonds.select(1, 1);
        Tensor neighbours = torch.zeros_like(z).index_add(0, from, z.index_select(0, to));          // [M, dim] Σ_j z_j
        Tensor degree = torch.zeros([like.size(0), 1], like.dtype, like.device)
            .index_add(0, from, torch.ones([cgBonds.size(0), 1], like.dtype, like.device));         // [M, 1]
        return (z + neighbours * alpha) / (degree * (alpha * alpha) + 1).sqrt();
    }
}

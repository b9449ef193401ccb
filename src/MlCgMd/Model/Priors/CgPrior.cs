using MlCgMd.Torch;

namespace MlCgMd.Model.Priors;

/// <summary>
/// The prior acceleration of every bead, a_prior = −λ v + c F(x), from the last velocity
/// v = x_T − x_{T−1} of the history and the forces of two CG potentials at the latest positions:
/// a harmonic bond along every CG bond (on the unwrapped positions) and a soft harmonic wall between
/// non-bonded beads of one system closer than σ_w (minimum image in periodic boxes). Parameter-free as a module: the
/// values live in the model config.
/// </summary>
public sealed class CgPrior
{
    private readonly double bondK, bondLength, wallRange, wallK, damping, forceScale;

    public CgPrior(CgPriorParameters parameters)
    {
        if (!parameters.IsComplete)
            throw new InvalidDataException(
                "model.prior has no fitted values (\"fit\": true is for training configs: training fits the prior and saves " +
                "the values in its checkpoints' model.json, which rollouts read)");
        bondK = parameters.BondK!.Value;
        bondLength = parameters.BondLength!.Value;
        wallRange = parameters.RepulsionRange!.Value;
        wallK = parameters.RepulsionK!.Value;
        damping = parameters.VelocityDamping!.Value;
        forceScale = parameters.ForceScale!.Value;
    }

    /// <summary>a_prior [M, dim] for a CG history [M, T, dim].</summary>
    /// <param name="bonds">[B, 2] int64 CG bonds with batch offsets (either or both orientations)</param>
    /// <param name="lattices">[systems, dim] cubic box lengths, or null for open boundaries</param>
    public Tensor Acceleration(Tensor history, long[] beadCounts, Tensor bonds, Tensor? lattices)
    {
        Tensor detached = history.detach();
        Tensor latest = detached.select(1, -1);
        Tensor velocity = latest - detached.select(1, -2);
        return Forces(latest, beadCounts, bonds, lattices) * forceScale - velocity * damping;
    }

    /// <summary>F = −∇U at positions [M, dim]: [M, dim].</summary>
    public Tensor Forces(Tensor positions, long[] beadCounts, Tensor bonds, Tensor? lattices)
    {
        var pairs = PriorPairs.Of(beadCounts, bonds, positions.device);
        Tensor forces = torch.zeros_like(positions);
        // Bonds act along the unwrapped vector (a bond past half the box must pull back, not across the boundary).
        AddPairForces(forces, positions, pairs.BondFirst, pairs.BondSecond, pairs.BondSystem, null, bondDerivative: true);
        AddPairForces(forces, positions, pairs.OtherFirst, pairs.OtherSecond, pairs.OtherSystem, lattices, bondDerivative: false);
        return forces;
    }

    /// <summary>U of each system [systems]: the sum of its bond and wall energies (kT).</summary>
    public Tensor Energy(Tensor positions, long[] beadCounts, Tensor bonds, Tensor? lattices)
    {
        var pairs = PriorPairs.Of(beadCounts, bonds, positions.device);
        Tensor energy = torch.zeros([beadCounts.Length], positions.dtype, positions.device);
        Tensor bondR = PairDistances(positions, pairs.BondFirst, pairs.BondSecond, pairs.BondSystem, null).Lengths;
        energy = energy.index_add(0, pairs.BondSystem, (bondR - bondLength).pow(2L) * (0.5 * bondK));
        Tensor otherR = PairDistances(positions, pairs.OtherFirst, pairs.OtherSecond, pairs.OtherSystem, lattices).Lengths;
        energy = energy.index_add(0, pairs.OtherSystem, (otherR * -1.0 + wallRange).relu().pow(2L) * (0.5 * wallK));
        return energy;
    }

    private void AddPairForces(Tensor forces, Tensor positions, Tensor first, Tensor second, Tensor system, Tensor? lattices,
                               bool bondDerivative)
    {
        if (first.size(0) == 0) return;
        var (vectors, lengths) = PairDistances(positions, first, second, system, lattices);   // [P, dim], [P]
        // dU/dr: k_b (r − b₀) for bonds, −k_w (σ_w − r)₊ for the wall.
        Tensor dUdr = bondDerivative ? (lengths - bondLength) * bondK : (lengths * -1.0 + wallRange).relu() * -wallK;
        Tensor onFirst = vectors * (dUdr / lengths.clamp_min(1e-9) * -1.0).unsqueeze(1);      // F_i = −dU/dr r̂_ij
        forces.index_add_(0, first, onFirst);
        forces.index_add_(0, second, onFirst * -1.0);
    }

    /// <summary>x_first − x_second (minimum image when periodic) [P, dim] and its length [P].</summary>
    private static (Tensor Vectors, Tensor Lengths) PairDistances(Tensor positions, Tensor first, Tensor second, Tensor system,
                                                                  Tensor? lattices)
    {
        Tensor vectors = positions.index_select(0, first) - positions.index_select(0, second);
        if (lattices is not null)
        {
            Tensor box = lattices.index_select(0, system);
            vectors = vectors - box * (vectors / box).round();
        }
        return (vectors, vectors.norm(dim: -1));
    }
}

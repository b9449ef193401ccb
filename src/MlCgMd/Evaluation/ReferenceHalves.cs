using MlCgMd.Analysis;

namespace MlCgMd.Evaluation;

/// <summary>
/// The MD-against-MD baseline of one polymer: its reference CG Rg² series cut into two halves
/// of equal length, compared with each other as a rollout is compared with the reference. It
/// bounds what any model can reach with references of this length (each half is half as long as
/// the reference, so the bound is conservative).
/// </summary>
/// <param name="Rg2Wasserstein1">W1 distance between the halves' Rg² distributions (σ²)</param>
/// <param name="Rg2Ks">Kolmogorov–Smirnov distance between the halves' Rg² distributions</param>
/// <param name="FirstMeanRg">mean CG Rg of the first half (σ)</param>
/// <param name="SecondMeanRg">mean CG Rg of the second half (σ)</param>
/// <param name="FirstTau">relaxation times of the first half (τ); null when the half is too short</param>
/// <param name="SecondTau">relaxation times of the second half (τ); null when the half is too short</param>
public sealed record ReferenceHalves(double Rg2Wasserstein1, double Rg2Ks, double FirstMeanRg, double SecondMeanRg,
                                     RelaxationTimeSummary? FirstTau, RelaxationTimeSummary? SecondTau)
{
    /// <param name="rg2">[frames] reference CG Rg² per frame</param>
    /// <param name="dt">τ between frames</param>
    public static ReferenceHalves Compute(double[] rg2, double dt)
    {
        int half = rg2.Length / 2;
        if (half < 2) throw new ArgumentException($"a reference of {rg2.Length} frames cannot be cut into two halves of 2 frames or more");
        double[] first = rg2[..half], second = rg2[half..(2 * half)];
        var (w1, ks) = EmpiricalDistance.Compare(first, second);
        return new ReferenceHalves(w1, ks, first.Average(Math.Sqrt), second.Average(Math.Sqrt),
            RolloutEvaluator.TauOrNull(first, dt), RolloutEvaluator.TauOrNull(second, dt));
    }
}

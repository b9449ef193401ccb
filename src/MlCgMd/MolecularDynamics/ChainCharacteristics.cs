using MlCgMd.Analysis;
using MlCgMd.Systems;

namespace MlCgMd.MolecularDynamics;

/// <summary>
/// What a trajectory says about its chain: mean Rg with its block-averaged standard error (sigma),
/// the Rg^2 relaxation time (integrated ACF, tau) and how many relaxation times the production covers.
/// </summary>
public sealed record ChainCharacteristics(
    string Name,
    string Sequence,
    double SolvophobicFraction,
    double MeanRg,
    double MeanRgError,
    double RgSquaredRelaxationTime,
    double ProductionTime,
    double RelaxationTimesCovered)
{
    private const int Blocks = 10;

    public static ChainCharacteristics Of(PolymerSystem system, MdTrajectory trajectory)
    {
        var (mean, error) = BlockAveraging.WithBlocks(trajectory.Rg, Blocks);
        double[] rgSquared = trajectory.Rg.Select(r => r * r).ToArray();
        double interval = trajectory.RgEvery * trajectory.TimeStep;
        double relaxation = RelaxationTime.IntegralToFirstZero(Autocorrelation.Normalized(rgSquared), interval, out _);
        double production = trajectory.Rg.Length * interval;
        return new ChainCharacteristics(system.Name, system.Sequence, system.SolvophobicFraction, mean, error, relaxation,
            production, production / relaxation);
    }
}

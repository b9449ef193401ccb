using MlCgMd.Analysis;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Lammps;

/// <summary>Mean Rg of one chain from our engine and from LAMMPS, same start, force field and run; block-averaged errors (sigma).</summary>
public sealed record LammpsRgComparison(double OursMean, double OursError, double LammpsMean, double LammpsError)
{
    public double CombinedError => Math.Sqrt(OursError * OursError + LammpsError * LammpsError);

    /// <summary>|difference| in units of the combined standard error.</summary>
    public double Deviation => Math.Abs(OursMean - LammpsMean) / CombinedError;

    public static LammpsRgComparison Run(PolymerSystem system, ForceField forceField, MdRunOptions options, int seed, int blocks, string workDirectory)
    {
        double[] start = InitialConformation.RandomWalk(system, (ulong)seed);
        MdTrajectory ours = new MdEngine(system, forceField, SimulationBox.Open, start, (ulong)seed).Run(options);
        MdTrajectory lammps = LammpsChainRun.Run(system, forceField, start, options, seed, workDirectory);
        var (oursMean, oursError) = BlockAveraging.WithBlocks(ours.Rg, blocks);
        var (lammpsMean, lammpsError) = BlockAveraging.WithBlocks(lammps.Rg, blocks);
        return new LammpsRgComparison(oursMean, oursError, lammpsMean, lammpsError);
    }
}

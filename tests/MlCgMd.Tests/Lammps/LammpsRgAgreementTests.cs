using MlCgMd.Lammps;
using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;
using MlCgMd.Tests.MolecularDynamics;

namespace MlCgMd.Tests.Lammps;

public class LammpsRgAgreementTests
{
    [Fact]
    public void Mean_rg_of_our_engine_and_lammps_agree_within_combined_block_error()
    {
        ForceField forceField = MdTestSystems.KremerGrest;
        PolymerSystem system = PolymerSystem.FromSequence("rg_check", "ABBABAABBA");
        double[] start = InitialConformation.RandomWalk(system, 17);
        var options = new MdRunOptions(EquilibrationSteps: 5_000, ProductionSteps: 200_000, RecordEvery: 20_000, RgEvery: 100);

        MdTrajectory ours = new MdEngine(system, forceField, SimulationBox.Open, start, 17).Run(options);
        string work = Directory.CreateTempSubdirectory("mlcgmd-rg-").FullName;
        MdTrajectory lammps;
        try
        {
            lammps = LammpsChainRun.Run(system, forceField, start, options, 17, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        var (oursMean, oursError) = BlockAverage.Compute(ours.Rg, 20);
        var (lammpsMean, lammpsError) = BlockAverage.Compute(lammps.Rg, 20);
        double combined = Math.Sqrt(oursError * oursError + lammpsError * lammpsError);
        Assert.True(combined < 0.02 * lammpsMean, $"statistical error {combined:G3} too large to be a meaningful check");
        Assert.True(Math.Abs(oursMean - lammpsMean) < 3 * combined,
            $"Rg ours {oursMean:F4} +- {oursError:F4}, LAMMPS {lammpsMean:F4} +- {lammpsError:F4}");
        Assert.Equal(options.FrameCount, lammps.FrameCount);
    }
}

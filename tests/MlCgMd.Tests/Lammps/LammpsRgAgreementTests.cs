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
        PolymerSystem system = PolymerSystem.FromSequence("rg_check", "ABBABAABBA");
        var options = new MdRunOptions(EquilibrationSteps: 5_000, ProductionSteps: 200_000, RecordEvery: 20_000, RgEvery: 100);
        string work = Directory.CreateTempSubdirectory("mlcgmd-rg-").FullName;
        LammpsRgComparison comparison;
        try
        {
            comparison = LammpsRgComparison.Run(system, MdTestSystems.KremerGrest, options, 17, blocks: 20, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        Assert.True(comparison.CombinedError < 0.02 * comparison.LammpsMean, $"statistical error {comparison.CombinedError:G3} too large to be a meaningful check");
        Assert.True(comparison.Deviation < 3,
            $"Rg ours {comparison.OursMean:F4} +- {comparison.OursError:F4}, LAMMPS {comparison.LammpsMean:F4} +- {comparison.LammpsError:F4}");
    }
}

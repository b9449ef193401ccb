using MlCgMd.Benchmarks;
using MlCgMd.Model;
using MlCgMd.Reports;
using MlCgMd.Systems;
using MlCgMd.Torch;

namespace MlCgMd.Tests.Benchmarks;

public class CostGrowthTests
{
    [Fact]
    public void Every_size_and_batch_gets_a_row_per_engine_with_positive_throughput()
    {
        string work = Path.Combine(Path.GetTempPath(), "mlcgmd-cost-growth-" + Guid.NewGuid().ToString("N"));
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "MlCgMd.sln"))) root = Path.GetDirectoryName(root)!;
        ForceField forceField = ForceFieldLoader.Load(Path.Combine(root, "data", "forcefields", "amphiphilic-kg.json"));
        torch.manual_seed(5);
        using var model = new GraphSimulator(Tests.Model.SyntheticBatches.SmallConfig(seqLen: 4, score: true));   // cg_level 4
        var options = new CostGrowthOptions
        {
            Sizes = [24, 48], CgLevels = [0, 12], Batches = [1, 3], BatchParticles = 24, BatchCgLevel = 4,
            ModelSteps = 1, MdSteps = 10, EquilibrationSteps = 10,
        };
        try
        {
            IReadOnlyList<CostGrowthRow> rows = CostGrowth.Run(model, forceField, options, withLammps: false, work);
            // Per size: (learned, learned + Score GNN) x 2 cg levels + the C# engine; per batch: 2 learned rows.
            Assert.Equal(2 * 5 + 2 * 2, rows.Count);
            Assert.All(rows, r => Assert.True(r.TauPerSecond > 0 && r.SecondsPerStep > 0, $"{r}"));
            Assert.Equal(new[] { 6, 2, 12, 4 }, rows.Where(r => r.Engine == "learned" && r.Series.StartsWith("size")).Select(r => r.CgBeads));
            CostGrowthRow batchOfThree = rows.Single(r => r.Series == "batch" && r.Systems == 3 && r.Engine == "learned");
            Assert.Equal(3 * options.ModelStepTau / batchOfThree.SecondsPerStep, batchOfThree.TauPerSecond, 9);
            Assert.DoesNotContain(rows, r => r.Engine == "LAMMPS");

            // The figure: one line per engine and CG level over the sizes, one per learned engine over the batches.
            Figure figure = CostGrowthFigure.Draw(rows);
            Assert.Equal(2, figure.Panels.Count);
            Assert.Equal(["learned (cg_level 4)", "learned + Score GNN (cg_level 4)", "learned (cg_level 12)", "learned + Score GNN (cg_level 12)", "C# MD engine"],
                figure.Panels[0].Series.Select(l => l.Label));
            Assert.All(figure.Panels[0].Series, l => Assert.Equal([24.0, 48.0], ((LineSeries)l).X));
            Assert.Equal(["learned", "learned + Score GNN"], figure.Panels[1].Series.Select(l => l.Label));
            Assert.StartsWith("<svg", figure.ToSvg());
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }
}

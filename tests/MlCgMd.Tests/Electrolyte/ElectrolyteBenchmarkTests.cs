using MlCgMd.Benchmarks;

namespace MlCgMd.Tests.Electrolyte;

/// <summary>bench md --system electrolyte times both engines on the same box and the same number of steps.</summary>
public sealed class ElectrolyteBenchmarkTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlcgmd-bench-electrolyte-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Both_engines_run_the_same_box_and_the_ratio_is_their_time_ratio()
    {
        MdBenchmarkResult result = MdBenchmark.RunElectrolyte(ElectrolyteTestSystems.Small(), ElectrolyteTestSystems.PeoForceField, steps: 200,
            equilibrationSteps: 100, repeats: 1, seed: 4, workDirectory: root);
        Assert.Equal(ElectrolyteTestSystems.Small().ParticleCount, result.Beads);
        Assert.True(result.OursSeconds > 0 && result.LammpsLoopSeconds > 0);
        Assert.Equal(result.OursSeconds / result.LammpsLoopSeconds, result.Ratio, 12);
        Assert.Contains("pair_style lj/cut/coul/dsf", File.ReadAllText(Path.Combine(root, "in.lammps")));
        Assert.Contains("Atoms # full", File.ReadAllText(Path.Combine(root, "bench.data")));
    }
}

using MlCgMd.Batching;
using MlCgMd.Data;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;
using MlCgMd.Tests.Training;

namespace MlCgMd.Tests.Simulation;

public class StabilityThresholdsTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mlcgmd-thresholds-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Defaults_lie_outside_everything_the_reference_does()
    {
        string data = TinyDataset.Write(Path.Combine(root, "data"));
        var systems = TrajectoryDataset.FromSplit(data, Path.Combine(data, "train.txt")).Folders
            .Select(f => CgSystem.Load(f, new CgRecipe { CgLevel = 3 }, "the test")).ToList();

        // Brute force over every frame: closest non-bonded and longest bonded CG pair.
        double closest = double.PositiveInfinity, longest = 0;
        foreach (CgSystem system in systems)
        {
            float[] cg = system.Map.CentersOfMass(system.ReadFrames(0, system.FrameCount, 1), system.FrameCount);
            int m = system.Map.BeadCount;
            var bonded = new HashSet<(int, int)>();
            for (int b = 0; b < system.Map.CgBonds.Length; b += 2) bonded.Add((system.Map.CgBonds[b], system.Map.CgBonds[b + 1]));
            for (int f = 0; f < system.FrameCount; f++)
                for (int i = 0; i < m; i++)
                    for (int j = i + 1; j < m; j++)
                    {
                        double d = Math.Sqrt(Enumerable.Range(0, 3).Sum(c =>
                            Math.Pow(cg[(f * m + i) * 3 + c] - cg[(f * m + j) * 3 + c], 2)));
                        if (bonded.Contains((i, j)) || bonded.Contains((j, i))) longest = Math.Max(longest, d);
                        else closest = Math.Min(closest, d);
                    }
        }

        var thresholds = StabilityThresholds.FromReference(systems);
        Assert.Equal(0.5 * closest, thresholds.CollisionDistance, 5);
        Assert.Equal(1.5 * longest, thresholds.MaxBondLength, 5);

        // No reference frame would stop a rollout.
        var monitor = new StabilityMonitor(thresholds);
        foreach (CgSystem system in systems)
        {
            float[] cg = system.Map.CentersOfMass(system.ReadFrames(0, system.FrameCount, 1), system.FrameCount);
            int m = system.Map.BeadCount;
            for (int f = 0; f < system.FrameCount; f++)
                Assert.Null(monitor.Check(cg.AsSpan(f * m * 3, m * 3), system.Map.CgBonds));
        }
    }
}

using System.Text.Json;
using MlCgMd.Analysis;
using MlCgMd.Batching;
using MlCgMd.Data;
using MlCgMd.Generation;
using MlCgMd.Systems;
using MlCgMd.SystemKinds;

namespace MlCgMd.Tests.Electrolyte;

/// <summary>The quick electrolyte tier: the official battery layout, resume, and the loader's view of it.</summary>
public sealed class ElectrolyteGenerationTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlcgmd-electrolyte-").FullName;
    private readonly ElectrolyteDatasetConfig config = ElectrolyteDatasetConfigLoader.Load(RepositoryFolder.Config("electrolyte-quick.json"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Quick_tier_writes_the_official_battery_layout_with_ions_last()
    {
        DatasetInfo info = new ElectrolyteDatasetGenerator(config, root, threads: 2).Run();
        ForceField forceField = config.LoadForceField();
        Assert.Equal(forceField.TimeStep * 50, info.FrameInterval, 12);
        foreach (ElectrolyteSplit split in config.Splits)
        {
            Assert.Equal(split.Compositions.Select(c => c.Name), File.ReadAllLines(Path.Combine(root, ElectrolyteDatasetGenerator.SplitFileOf(split.Name))));
            foreach (ElectrolyteComposition composition in split.Compositions)
            {
                var folder = new TrajectoryFolder(Path.Combine(root, composition.Name), TrajectorySchema.Battery);
                int frames = split.Run.FrameCount, n = composition.ParticleCount;
                var unwrapped = folder.ReadField<double>(TrajectoryField.UnwrappedPosition);
                var wrapped = folder.ReadField<double>(TrajectoryField.WrappedPosition);
                Assert.Equal([frames, n, 3], unwrapped.Shape);
                double length = composition.BoxLength;
                for (int k = 0; k < unwrapped.Data.Length; k++)
                {
                    Assert.InRange(wrapped.Data[k], 0, length);
                    double images = (unwrapped.Data[k] - wrapped.Data[k]) / length;
                    Assert.True(Math.Abs(images - Math.Round(images)) < 1e-9);
                }
                Assert.All(folder.ReadField<float>(TrajectoryField.Lattice).Data, l => Assert.Equal((float)length, l));
                long[] types = folder.ReadField<long>(TrajectoryField.ParticleType).Data;
                Assert.Equal(types.Select(t => (int)t + 1), folder.ReadField<int>(TrajectoryField.RawParticleType).Data);
                // Ions last: the anions (An, X pairs), then one Li per ion pair at the very end.
                int li = forceField.TypeId("Li"), an = forceField.TypeId("An");
                Assert.All(types.TakeLast(composition.IonPairs), t => Assert.Equal(li, t));
                Assert.All(types.Skip(composition.PolymerBeads).Take(2 * composition.IonPairs).Where((_, k) => k % 2 == 0), t => Assert.Equal(an, t));
                Assert.All(types.Take(composition.PolymerBeads), t => Assert.DoesNotContain(t, new long[] { li, an }));
                long[] bondTypes = folder.ReadField<long>(TrajectoryField.BondType).Data;
                Assert.Equal(composition.Chains * (composition.ChainLength - 1), bondTypes.Count(t => t == 1));
                Assert.Equal(composition.IonPairs, bondTypes.Count(t => t == 2));

                // diffusivity.h5: the Li MSD from frame 0 over 6t at every later frame.
                double[] label = folder.ReadField<double>(TrajectoryField.Diffusivity).Data;
                Assert.Equal(frames - 1, label.Length);
                int last = frames - 1;
                double sum = 0;
                for (int i = n - composition.IonPairs; i < n; i++)
                    for (int d = 0; d < 3; d++)
                    {
                        double delta = unwrapped.Data[(last * n + i) * 3 + d] - unwrapped.Data[i * 3 + d];
                        sum += delta * delta;
                    }
                Assert.Equal(sum / composition.IonPairs / (6 * last * info.FrameInterval), label[^1], 10);

                using var properties = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, ElectrolyteDatasetGenerator.PropertiesFile)));
                JsonElement lithium = properties.RootElement.GetProperty("properties").GetProperty("diffusivity_li");
                Assert.True(lithium.GetProperty("value").GetDouble() > 0);
                Assert.Equal(composition.IonPairs, lithium.GetProperty("particles").GetInt32());
            }
        }
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, ElectrolyteDatasetGenerator.PropertiesFile)));
        Assert.Equal(config.Splits.Sum(s => s.Compositions.Count), summary.RootElement.EnumerateObject().Sum(s => s.Value.GetArrayLength()));
    }

    [Fact]
    public void An_interrupted_generation_resumes_without_redoing_finished_systems_and_reproduces_the_missing_one()
    {
        new ElectrolyteDatasetGenerator(config, root, threads: 2).Run();
        string redo = Path.Combine(root, config.Splits[0].Compositions[0].Name), keep = Path.Combine(root, config.Splits[0].Compositions[1].Name);
        double[] original = new TrajectoryFolder(redo, TrajectorySchema.Battery).ReadField<double>(TrajectoryField.UnwrappedPosition).Data;
        DateTime untouched = File.GetLastWriteTimeUtc(Path.Combine(keep, TrajectoryField.UnwrappedPosition.FileName));
        Directory.Delete(redo, recursive: true);
        Directory.CreateDirectory(redo + ".tmp");   // a half-written folder from the interruption

        var progress = new List<GenerationProgress>();
        new ElectrolyteDatasetGenerator(config, root, threads: 1).Run(new ListProgress(progress));

        Assert.Equal(untouched, File.GetLastWriteTimeUtc(Path.Combine(keep, TrajectoryField.UnwrappedPosition.FileName)));
        Assert.Equal(original, new TrajectoryFolder(redo, TrajectorySchema.Battery).ReadField<double>(TrajectoryField.UnwrappedPosition).Data);
        Assert.False(Directory.Exists(redo + ".tmp"));
        Assert.Contains(progress, p => p.Split == "train" && p.ChainsSkipped == 1 && p.ChainsDone == 2);
    }

    [Fact]
    public void Shards_fill_one_folder_and_the_last_one_writes_the_splits_properties_and_dataset_json()
    {
        string whole = Path.Combine(root, "whole"), sharded = Path.Combine(root, "sharded");
        DatasetInfo expected = new ElectrolyteDatasetGenerator(config, whole, threads: 2).Run();
        string[] names = config.Splits.SelectMany(s => s.Compositions).Select(c => c.Name).ToArray();   // round-robin order

        Assert.Null(new ElectrolyteDatasetGenerator(config, sharded, threads: 2).RunShard(new Shard(1, 2)));
        // The odd systems only; nothing that names the even ones yet.
        Assert.Equal(names.Select((_, k) => k % 2 == 1), names.Select(n => Directory.Exists(Path.Combine(sharded, n))));
        Assert.False(File.Exists(Path.Combine(sharded, SplitFiles.BatteryTrain)));
        Assert.False(File.Exists(Path.Combine(sharded, ElectrolyteDatasetGenerator.PropertiesFile)));
        Assert.Null(DatasetInfo.TryRead(sharded));

        DatasetInfo? info = new ElectrolyteDatasetGenerator(config, sharded, threads: 2).RunShard(new Shard(0, 2));
        Assert.NotNull(info);
        Assert.Equal(expected.Frames, info.Frames);
        Assert.Equal(expected.MdSteps, info.MdSteps);                 // summed over the shards
        foreach (ElectrolyteSplit split in config.Splits)
        {
            string file = ElectrolyteDatasetGenerator.SplitFileOf(split.Name);
            Assert.Equal(File.ReadAllLines(Path.Combine(whole, file)), File.ReadAllLines(Path.Combine(sharded, file)));
        }
        foreach (string name in names)    // same seed per system, whichever shard ran it: bit-identical
            Assert.Equal(new TrajectoryFolder(Path.Combine(whole, name), TrajectorySchema.Battery).ReadField<double>(TrajectoryField.UnwrappedPosition).Data,
                         new TrajectoryFolder(Path.Combine(sharded, name), TrajectorySchema.Battery).ReadField<double>(TrajectoryField.UnwrappedPosition).Data);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(sharded, ElectrolyteDatasetGenerator.PropertiesFile)));
        Assert.Equal(names.Length, summary.RootElement.EnumerateObject().Sum(s => s.Value.GetArrayLength()));
    }

    [Fact]
    public void The_battery_loader_makes_each_li_a_bead_and_each_anion_one_bead_with_recursive_metis()
    {
        new ElectrolyteDatasetGenerator(config, root, threads: 2).Run();
        var recipe = new CgRecipe { System = SystemKind.Electrolyte.Name, CgLevel = 7, RecursiveMetis = true };
        ElectrolyteComposition composition = config.Split("test").Compositions[0];
        CgSystem system = CgSystem.LoadSplit(root, SplitFiles.BatteryTest, recipe, "the test").Single();
        int[] cluster = system.Map.Cluster;
        int n = composition.ParticleCount, ions = composition.IonPairs;
        Assert.Equal(ions, cluster.TakeLast(ions).Distinct().Count());                      // every Li its own bead
        for (int a = 0; a < ions; a++)                                                      // both beads of an anion share one
            Assert.Equal(cluster[composition.PolymerBeads + 2 * a], cluster[composition.PolymerBeads + 2 * a + 1]);
        int polymerBeads = cluster.Take(composition.PolymerBeads).Distinct().Count();
        Assert.Equal(composition.Chains * (int)Math.Round(composition.ChainLength / 7.0, MidpointRounding.ToEven), polymerBeads);
        Assert.Equal([(float)composition.BoxLength, (float)composition.BoxLength, (float)composition.BoxLength], system.BoxAt(0)!);
        Assert.Equal(n, system.ParticleCount);
    }

    [Theory]
    [InlineData("non_cubic", "expected a cube")]
    [InlineData("missing", "lattice.h5")]
    public void A_lattice_that_is_not_a_cube_or_is_missing_is_refused_naming_the_file(string damage, string expected)
    {
        new ElectrolyteDatasetGenerator(config, root, threads: 2).Run();
        ElectrolyteComposition composition = config.Split("test").Compositions[0];
        var folder = new TrajectoryFolder(Path.Combine(root, composition.Name), TrajectorySchema.Battery);
        int frames = config.Split("test").Run.FrameCount;
        if (damage == "missing")
            File.Delete(folder.FileOf(TrajectoryField.Lattice));
        else
        {
            float[] lattice = Enumerable.Repeat((float)composition.BoxLength, 3 * frames).ToArray();
            lattice[3 * 5 + 2] *= 1.01f;
            folder.WriteField<float>(TrajectoryField.Lattice, lattice, [frames, 3]);
        }
        var recipe = new CgRecipe { System = SystemKind.Electrolyte.Name, CgLevel = 7, RecursiveMetis = true };
        var error = Assert.ThrowsAny<Exception>(() => CgSystem.LoadSplit(root, SplitFiles.BatteryTest, recipe, "the test"));
        Assert.True(error is InvalidDataException or FileNotFoundException, error.GetType().Name + ": " + error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains(composition.Name, error.Message);
    }

    private sealed class ListProgress(List<GenerationProgress> list) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => list.Add(value);
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MlCgMd.Data.Hdf5;
using MlCgMd.Simulation;
using MlCgMd.Tests.Training;
using MlCgMd.Training;
using Xunit.Abstractions;

namespace MlCgMd.Tests.Reliability;

/// <summary>
/// The bad-input suite of issue 10: the real CLI, one process per case, one case per class of the issue's fixes
/// (resume, overwrite and mixing, locking, error reporting, native failures, science values, paths). Each outcome
/// is sorted into the audit's columns; the target is every case "clear": a one-line `mlcgmd: error:` naming what
/// is wrong (exit 2), or, where the input is a legitimate re-run, the right result. docs/reliability.md has the table.
/// </summary>
public class BadInputSuiteTests(BadInputSuiteTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<BadInputSuiteTests.Fixture>
{
    public enum Outcome { Clear, Unclear, StackTrace, NativeCrash, Hang, SilentAcceptance, DataLoss }

    /// <summary>A tiny dataset, a config that trains on it, and a model trained for 3 steps, shared by the cases.</summary>
    public sealed class Fixture : IDisposable
    {
        public string Root { get; } = Path.Combine(Path.GetTempPath(), "mlcgmd-bad-input-" + Guid.NewGuid().ToString("N"));
        public string Data { get; }
        public string TrainConfig { get; }
        public string Model { get; }

        public Fixture()
        {
            Data = TinyDataset.Write(Path.Combine(Root, "data"));
            TrainConfig = Path.Combine(Root, "train.json");
            File.WriteAllText(TrainConfig, TinyDataset.Config(Data, steps: 3).ToJson());
            CliRun.Succeed("train", "--config", TrainConfig, "--run", Path.Combine(Root, "model-run"));
            Model = Path.Combine(Root, "model-run", "checkpoints", "last");
        }

        public void Dispose()
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
    }

    /// <param name="Expected">text the one error line must contain (the field, file or remedy); null: the command must succeed</param>
    private sealed record Case(string Class, string Name, Func<string, Arranged> Arrange, string? Expected);

    /// <param name="Intact">true when what an earlier run wrote is as it was</param>
    private sealed record Arranged(string[] Arguments, Func<bool>? Intact = null, string? Shell = null);

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private string[] Simulate(string output, params string[] extra) =>
        ["simulate", "--model", fixture.Model, "--data", fixture.Data, "--split", "train.txt", "--steps", "4", "--save-every", "1", "--out", output, .. extra];

    private string TrainConfigWith(string folder, Action<JsonObject> edit)
    {
        JsonObject config = JsonNode.Parse(File.ReadAllText(fixture.TrainConfig))!.AsObject();
        edit(config);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "train.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    private static string DatasetConfigWith(string folder, Action<JsonObject> edit)
    {
        JsonObject config = JsonNode.Parse(File.ReadAllText(RepositoryFolder.Config("chain-quick.json")))!.AsObject();
        config["force_field"] = Path.Combine(RepositoryFolder.Root, "data", "forcefields", "amphiphilic-kg.json");
        edit(config);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "chain.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    /// <summary>A copy of the fixture's dataset with <paramref name="edit"/> applied to its first trajectory folder.</summary>
    private string DataWith(string folder, Action<string> edit)
    {
        string data = TinyDataset.Write(Path.Combine(folder, "data"));
        edit(Path.Combine(data, "poly000"));
        return data;
    }

    private static void WriteBonds(string trajectory, long[] pairs)
    {
        using Hdf5File file = Hdf5File.Create(Path.Combine(trajectory, "bond.h5"));
        file.Write<long>("bond_indices", pairs, [pairs.Length / 2, 2]);
    }

    private static long[] ChainBonds(int particles) => Enumerable.Range(0, particles - 1).SelectMany(i => new long[] { i, i + 1 }).ToArray();

    private static string Fifo(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        Process.Start("mkfifo", [path])!.WaitForExit();
        return path;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static Func<bool> Unchanged(string path)
    {
        string before = Hash(path);
        return () => File.Exists(path) && Hash(path) == before;
    }

    private IEnumerable<Case> Cases()
    {
        // 1. Resume: a finished rollout resumed again is a no-op.
        yield return new("resume", "simulate --resume of a finished rollout", dir =>
        {
            string rollout = Path.Combine(dir, "rollout");
            CliRun.Succeed(Simulate(rollout));
            return new(Simulate(rollout, "--resume"), Unchanged(Path.Combine(rollout, "poly000.h5")));
        }, null);

        // 2. No silent overwrite, no silent mixing.
        yield return new("overwrite", "train into a folder that holds a run", dir =>
        {
            string run = Path.Combine(dir, "run");
            CliRun.Succeed("train", "--config", fixture.TrainConfig, "--run", run);
            return new(["train", "--config", fixture.TrainConfig, "--run", run], Unchanged(Path.Combine(run, "metrics.csv")));
        }, "--resume");
        yield return new("overwrite", "train --resume with another learning rate", dir =>
        {
            string run = Path.Combine(dir, "run");
            CliRun.Succeed("train", "--config", fixture.TrainConfig, "--run", run);
            return new(["train", "--config", fixture.TrainConfig, "--run", run, "--resume", "--set", "optim.lr=0.0003"],
                Unchanged(Path.Combine(run, "metrics.csv")));
        }, "optim.lr: 0.001 then, 0.0003 now");
        yield return new("overwrite", "train --resume with a half-written last/ checkpoint", dir =>
        {
            string run = Path.Combine(dir, "run");
            CliRun.Succeed("train", "--config", fixture.TrainConfig, "--run", run);
            File.Delete(Path.Combine(run, "checkpoints", "last", Checkpoint.StateFile));
            return new(["train", "--config", fixture.TrainConfig, "--run", run, "--resume", "--max-steps", "6"],
                Unchanged(Path.Combine(run, "metrics.csv")));
        }, "no complete checkpoint");
        yield return new("overwrite", "train --overwrite of a folder train did not write", dir =>
        {
            File.WriteAllText(Path.Combine(dir, "thesis.tex"), "years of work");
            return new(["train", "--config", fixture.TrainConfig, "--run", dir, "--overwrite"], Unchanged(Path.Combine(dir, "thesis.tex")));
        }, "not a training run folder");
        yield return new("overwrite", "simulate into a folder that holds a rollout", dir =>
        {
            string rollout = Path.Combine(dir, "rollout");
            CliRun.Succeed(Simulate(rollout));
            return new(Simulate(rollout), Unchanged(Path.Combine(rollout, "poly000.h5")));
        }, "--resume");
        yield return new("overwrite", "analyze over an existing metrics file", dir =>
        {
            string rollout = Path.Combine(dir, "rollout");
            CliRun.Succeed(Simulate(rollout));
            string metrics = Path.Combine(rollout, "metrics.json");
            File.WriteAllText(metrics, "earlier");
            return new(["analyze", "--rollout", rollout, "--data", fixture.Data, "--frame-interval", "1"],
                () => File.ReadAllText(metrics) == "earlier");
        }, "--overwrite");
        yield return new("overwrite", "simulate --resume with another seed", dir =>
        {
            string rollout = Path.Combine(dir, "rollout");
            CliRun.Succeed(Simulate(rollout));
            return new(Simulate(rollout, "--resume", "--seed", "5"), Unchanged(Path.Combine(rollout, "poly000.h5")));
        }, "options.seed: 1 then, 5 now");
        yield return new("overwrite", "generate into a dataset made with another config", dir =>
        {
            string data = Path.Combine(dir, "data");
            static void OneChainEach(JsonObject c)
            {
                foreach (JsonNode? split in c["splits"]!.AsArray()) split!["chains"] = 1;
            }
            CliRun.Succeed("generate", "--config", DatasetConfigWith(Path.Combine(dir, "first"), OneChainEach), "--out", data);
            string other = DatasetConfigWith(Path.Combine(dir, "second"), c => { OneChainEach(c); c["seed"] = 7; });
            return new(["generate", "--config", other, "--out", data], Unchanged(Path.Combine(data, "dataset.json")));
        }, "different config");

        // 3. Locking.
        yield return new("locking", "simulate into a rollout folder another process writes", dir =>
        {
            string rollout = Path.Combine(dir, "rollout");
            CliRun.Succeed(Simulate(rollout));
            return new(Simulate(rollout, "--resume"), Unchanged(Path.Combine(rollout, "poly000.h5")),
                // Another writer: flock(1) holds the rollout's lock file (as a second mlcgmd would) while mlcgmd starts.
                Shell: $"L='{Path.Combine(rollout, ".mlcgmd.lock")}'; flock -o \"$L\" sleep 20 >/dev/null 2>&1 & while flock -n \"$L\" true; do sleep 0.05; done;");
        }, "in use");

        // 4. Every error is one clear line, in every verb.
        yield return new("errors", "train config that is not JSON", dir =>
        {
            string config = Path.Combine(dir, "train.json");
            File.WriteAllText(config, "{ \"tier\": \"quick\", ");
            return new(["train", "--config", config, "--run", Path.Combine(dir, "run")]);
        }, "not valid JSON");
        yield return new("errors", "train config with an unknown key", dir =>
            new(["train", "--config", TrainConfigWith(dir, c => c["train"]!["lerning_rate"] = 1), "--run", Path.Combine(dir, "run")]), "lerning_rate");
        yield return new("errors", "integer field overflow (--set train.batch_size=99999999999)", dir =>
            new(["train", "--config", fixture.TrainConfig, "--run", Path.Combine(dir, "run"), "--set", "train.batch_size=99999999999"]), "batch_size");
        yield return new("errors", "bench md with a missing force field", dir =>
            new(["bench", "md", "--force-field", Path.Combine(dir, "missing.json"), "--out", Path.Combine(dir, "md.json")]), "missing.json");
        yield return new("errors", "validate-md with a config that is not JSON", dir =>
        {
            string config = Path.Combine(dir, "chain.json");
            File.WriteAllText(config, "[1, 2");
            return new(["validate-md", "--config", config, "--out", Path.Combine(dir, "v.json")]);
        }, "chain.json");
        yield return new("errors", "analyze a folder that is not a rollout", dir =>
            new(["analyze", "--rollout", dir, "--data", fixture.Data, "--frame-interval", "1"]), "rollout.json");
        yield return new("errors", "simulate with a model folder that does not exist", dir =>
            new(Simulate(Path.Combine(dir, "rollout")).Select(a => a == fixture.Model ? Path.Combine(dir, "nowhere") : a).ToArray()), "nowhere");

        // 5. Native failures surface: a file-size limit below what the rollout writes.
        yield return new("native", "simulate under a 16 KiB file-size limit (ulimit -f 16)", dir =>
        {
            string rollout = Path.Combine(dir, "rollout");
            return new(Simulate(rollout).Select(a => a == "4" ? "400" : a).ToArray(),
                () => !File.Exists(Path.Combine(rollout, RolloutManifest.FileName)) || !RolloutManifest.Read(rollout).Completed,
                Shell: "ulimit -f 16;");
        }, "could not");

        // 6. Values that change the science.
        yield return new("science", "learning rate NaN", dir =>
            new(["train", "--config", fixture.TrainConfig, "--run", Path.Combine(dir, "run"), "--set", "optim.lr=NaN"]), "optim.lr");
        yield return new("science", "negative gradient clip", dir =>
            new(["train", "--config", fixture.TrainConfig, "--run", Path.Combine(dir, "run"), "--set", "train.gradient_clip_val=-1"]), "gradient_clip_val");
        yield return new("science", "val_every 0", dir =>
            new(["train", "--config", fixture.TrainConfig, "--run", Path.Combine(dir, "run"), "--set", "train.val_every=0"]), "val_every");
        yield return new("science", "network block without units", dir =>
            new(["train", "--config", TrainConfigWith(dir, c => c["model"]!["dynamics_gn_hparams"]!.AsObject().Remove("units")),
                "--run", Path.Combine(dir, "run")]), "dynamics_gn_hparams");
        yield return new("science", "training config without a model section", dir =>
            new(["train", "--config", TrainConfigWith(dir, c => c.Remove("model")), "--run", Path.Combine(dir, "run")]), "section 'model'");
        yield return new("science", "cg_level larger than the chain", dir =>
            new(["train", "--config", fixture.TrainConfig, "--run", Path.Combine(dir, "run"), "--set", "model.cg_level=100"]), "cg_level 100");
        yield return new("science", "force field with a misspelt 'pairs'", dir =>
        {
            JsonObject field = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolder.Root, "data", "forcefields", "amphiphilic-kg.json")))!.AsObject();
            var pair = field["pair"]!.AsObject();
            pair["pairz"] = pair["pairs"]!.DeepClone();
            pair.Remove("pairs");
            string path = Path.Combine(dir, "ff.json");
            File.WriteAllText(path, field.ToJsonString());
            return new(["generate", "--config", DatasetConfigWith(dir, c => c["force_field"] = path), "--out", Path.Combine(dir, "data")]);
        }, "pairz");
        yield return new("science", "dataset config with an unknown key", dir =>
            new(["generate", "--config", DatasetConfigWith(dir, c => c["monomers"] = 8), "--out", Path.Combine(dir, "data")]), "monomers");
        yield return new("science", "dataset config integer overflow", dir =>
            new(["generate", "--config", DatasetConfigWith(dir, c => c["monomers_per_chain"] = 10_000_000_000), "--out", Path.Combine(dir, "data")]),
            "monomers_per_chain");
        yield return new("science", "model sidecar that disagrees with the weights", dir =>
        {
            string model = Path.Combine(dir, "model");
            Directory.CreateDirectory(model);
            foreach (string file in Directory.GetFiles(fixture.Model)) File.Copy(file, Path.Combine(model, Path.GetFileName(file)));
            JsonObject sidecar = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "model.json")))!.AsObject();
            JsonObject hparams = (sidecar["model"] ?? sidecar)["dynamics_gn_hparams"]!.AsObject();
            hparams["latent_dim"] = hparams["latent_dim"]!.GetValue<int>() * 2;
            File.WriteAllText(Path.Combine(model, "model.json"), sidecar.ToJsonString());
            return new(Simulate(Path.Combine(dir, "rollout")).Select(a => a == fixture.Model ? model : a).ToArray());
        }, "model.safetensors");
        yield return new("science", "a bond listed twice", dir =>
        {
            string data = DataWith(dir, t => WriteBonds(t, [.. ChainBonds(24), 1, 0]));
            return new(Simulate(Path.Combine(dir, "rollout")).Select(a => a == fixture.Data ? data : a).ToArray());
        }, "repeats an earlier bond");
        yield return new("science", "a self bond", dir =>
        {
            string data = DataWith(dir, t => WriteBonds(t, [.. ChainBonds(24), 5, 5]));
            return new(Simulate(Path.Combine(dir, "rollout")).Select(a => a == fixture.Data ? data : a).ToArray());
        }, "to itself");
        yield return new("science", "a split listing one trajectory twice", dir =>
        {
            string data = DataWith(dir, _ => { });
            File.WriteAllText(Path.Combine(data, "train.txt"), "poly000\npoly001\npoly000");
            return new(Simulate(Path.Combine(dir, "rollout")).Select(a => a == fixture.Data ? data : a).ToArray());
        }, "2 times");
        yield return new("science", "a reference frame with NaN coordinates", dir =>
        {
            string data = DataWith(dir, t =>
            {
                float[] positions;
                using (Hdf5File file = Hdf5File.OpenRead(Path.Combine(t, "position.h5"))) positions = file.Read<float>("position").Data;
                positions[100] = float.NaN;
                using Hdf5File rewritten = Hdf5File.Create(Path.Combine(t, "position.h5"));
                rewritten.Write<float>("position", positions, [positions.Length / 72, 24, 3]);
            });
            return new(Simulate(Path.Combine(dir, "rollout")).Select(a => a == fixture.Data ? data : a).ToArray());
        }, "non-finite");
        yield return new("science", "a reference frame with one bead moved far away (finite)", dir =>
        {
            string data = DataWith(dir, t =>
            {
                float[] positions;
                using (Hdf5File file = Hdf5File.OpenRead(Path.Combine(t, "position.h5"))) positions = file.Read<float>("position").Data;
                for (int k = 0; k < 12; k++) positions[72 * 3 + k] += 1e6f;      // frame 3: the first 4 particles
                using Hdf5File rewritten = Hdf5File.Create(Path.Combine(t, "position.h5"));
                rewritten.Write<float>("position", positions, [positions.Length / 72, 24, 3]);
            });
            return new(Simulate(Path.Combine(dir, "rollout")).Select(a => a == fixture.Data ? data : a).ToArray());
        }, "median CG bond");

        // 7. Paths stay inside their folders; pipes are refused, not read forever.
        yield return new("paths", "dataset split named ../../x", dir =>
            new(["generate", "--config", DatasetConfigWith(dir, c => c["splits"]![0]!["name"] = "../../x"), "--out", Path.Combine(dir, "data")]), "'../../x'");
        yield return new("paths", "rollout.json whose file field leaves the folder", dir =>
        {
            string rollout = Path.Combine(dir, "rollout");
            CliRun.Succeed(Simulate(rollout));
            string manifest = Path.Combine(rollout, RolloutManifest.FileName);
            File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"poly000.h5\"", "\"../../outside.h5\""));
            return new(Simulate(rollout, "--resume"), () => !File.Exists(Path.Combine(dir, "..", "outside.h5")));
        }, "systems[0].file");
        yield return new("paths", "training config that is a FIFO", dir =>
            new(["train", "--config", Fifo(dir, "train.json"), "--run", Path.Combine(dir, "run")]), "not a regular file");
        yield return new("paths", "split file that is a FIFO", dir =>
        {
            string data = DataWith(dir, _ => { });
            File.Delete(Path.Combine(data, "train.txt"));
            Fifo(data, "train.txt");
            return new(Simulate(Path.Combine(dir, "rollout")).Select(a => a == fixture.Data ? data : a).ToArray());
        }, "not a regular file");
    }

    private static Outcome Classify(CliRun run, string? expected, bool intact)
    {
        if (run.TimedOut) return Outcome.Hang;
        if (run.ExitCode >= 128) return Outcome.NativeCrash;      // ended by a signal (128 + its number)
        if (!intact) return Outcome.DataLoss;
        if (run.Errors.Contains("\n   at ")) return Outcome.StackTrace;
        if (expected is null) return run.ExitCode == 0 ? Outcome.Clear : Outcome.Unclear;
        if (run.ExitCode == 0) return Outcome.SilentAcceptance;
        string[] lines = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return run.ExitCode == 2 && lines.Length == 1 && lines[0].StartsWith("mlcgmd: error: ") && lines[0].Contains(expected)
            ? Outcome.Clear
            : Outcome.Unclear;
    }

    [Fact]
    public void Every_bad_input_of_every_class_is_refused_with_one_clear_line_and_nothing_is_lost()
    {
        var cases = Cases().ToList();
        var results = new (Case Case, Outcome Outcome, CliRun Run)[cases.Count];
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, k =>
        {
            string folder = Path.Combine(fixture.Root, "cases", k.ToString("D2"));
            Directory.CreateDirectory(folder);
            Arranged arranged = cases[k].Arrange(folder);
            CliRun run = CliRun.Start(arranged.Arguments, Limit, arranged.Shell);
            results[k] = (cases[k], Classify(run, cases[k].Expected, arranged.Intact?.Invoke() ?? true), run);
        });

        output.WriteLine("| class | clear | unclear | stack traces | native crashes | hangs | silent acceptances | data loss |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var group in results.GroupBy(r => r.Case.Class).Append(results.GroupBy(_ => "all").Single()))
            output.WriteLine($"| {group.Key} ({group.Count()} cases) | " +
                             string.Join(" | ", Enum.GetValues<Outcome>().Select(o => group.Count(r => r.Outcome == o))) + " |");
        foreach (var (c, outcome, run) in results)
            output.WriteLine($"{outcome,-16} {c.Class,-9} {c.Name} (exit {run.ExitCode}, {run.Elapsed.TotalSeconds:F1} s): {run.Errors.Trim().Split('\n')[0]}");

        var failures = results.Where(r => r.Outcome != Outcome.Clear)
            .Select(r => $"{r.Outcome}: {r.Case.Name} (expected {(r.Case.Expected is null ? "success" : $"'{r.Case.Expected}'")}; " +
                         $"exit {r.Run.ExitCode}):\n{r.Run.Errors.Trim()}\n{r.Run.Output.Trim()}");
        Assert.True(results.All(r => r.Outcome == Outcome.Clear), string.Join("\n\n", failures));
    }

    [Fact]
    public void Verbose_and_MLCGMD_VERBOSE_add_the_stack_trace_to_the_one_line()
    {
        string config = Path.Combine(fixture.Root, "not-json.json");
        File.WriteAllText(config, "{");
        string[] arguments = ["train", "--config", config, "--run", Path.Combine(fixture.Root, "verbose-run")];
        CliRun plain = CliRun.Start(arguments, Limit);
        CliRun verbose = CliRun.Start([.. arguments, "--verbose"], Limit);
        CliRun variable = CliRun.Start(arguments, Limit, environment: new() { ["MLCGMD_VERBOSE"] = "1" });
        Assert.DoesNotContain("   at ", plain.Errors);
        foreach (CliRun run in new[] { verbose, variable })
        {
            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith("mlcgmd: error: ", run.Errors);
            Assert.Contains("   at MlCgMd.", run.Errors);
        }
    }

    [Fact]
    public void Ctrl_C_stops_training_at_a_step_says_how_to_resume_and_the_resume_continues()
    {
        string run = Path.Combine(fixture.Root, "interrupted");
        string state = Path.Combine(run, "checkpoints", "last", Checkpoint.StateFile);
        CliRun interrupted = CliRun.Start(["train", "--config", fixture.TrainConfig, "--run", run, "--max-steps", "1000000"], Limit,
            whileRunning: process =>
            {
                var clock = Stopwatch.StartNew();
                while (!File.Exists(state) && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(50);
                Process.Start("kill", ["-INT", process.Id.ToString()])!.WaitForExit();
            }, defaultInterrupt: true);
        Assert.True(interrupted.ExitCode == 130, $"exit {interrupted.ExitCode}:\n{interrupted.Errors}\n{interrupted.Output}");
        Assert.Contains("--resume", interrupted.Errors);
        long stopped = Checkpoint.State.Read(state).Step;
        CliRun.Succeed("train", "--config", fixture.TrainConfig, "--run", run, "--resume", "--max-steps", (stopped + 3).ToString());
        var steps = MetricsLog.Read(Path.Combine(run, "metrics.csv")).Select(r => r.Step).ToList();
        Assert.Equal(Enumerable.Range(1, (int)stopped + 3).Select(k => (long)k), steps);
    }
}

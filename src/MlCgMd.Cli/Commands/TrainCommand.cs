using System.CommandLine;
using System.Globalization;
using MlCgMd.Benchmarks;
using MlCgMd.Configuration;
using MlCgMd.Data;
using MlCgMd.Torch;
using MlCgMd.Training;

namespace MlCgMd.Cli.Commands;

/// <summary>
/// `mlcgmd train --config FILE [--run DIR] [--resume] [--nproc N]`. With --nproc the verb starts N
/// ranks on this machine, torchrun-style (add --nnodes, --node-rank, --master-addr and --master-port
/// on each machine of a multi-machine run); a process that finds WORLD_SIZE &gt; 1 in its environment
/// (set by --nproc, torchrun or a scheduler) is one rank of a data-parallel run.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "training config (JSON; see data/configs/)", Required = true };
        var run = new Option<DirectoryInfo?>("--run") { Description = "run folder (default: runs/<config name>)" };
        var resume = new Option<bool>("--resume") { Description = "continue from the run's last checkpoint (with the settings it was started with; train.max_steps and train.threads may change)" };
        var overwrite = new Option<bool>("--overwrite") { Description = "delete an earlier run in --run first (without it, a folder that holds files is refused)" };
        var steps = new Option<long?>("--max-steps") { Description = "optimizer steps (default: the config's train.max_steps; the same as --set train.max_steps=N)" };
        var threads = new Option<int?>("--threads") { Description = "threads of every libtorch pool per process, 0: all cores (default: the config's train.threads)" };
        var overrides = OverrideOption.Create("model.radius=9 --set optim.lr=3e-4", "any value of the training config");
        var nproc = new Option<int?>("--nproc") { Description = "data-parallel processes to start on this machine, torchrun's --nproc-per-node (default: none, this process trains)" };
        var nnodes = new Option<int>("--nnodes") { Description = "machines in the run, each started with the same --nproc", DefaultValueFactory = _ => 1 };
        var nodeRank = new Option<int>("--node-rank") { Description = "this machine's index among --nnodes", DefaultValueFactory = _ => 0 };
        var masterAddr = new Option<string?>("--master-addr") { Description = "address of node 0, where rank 0 serves the rendezvous (default: 127.0.0.1 on one machine)" };
        var masterPort = new Option<int?>("--master-port") { Description = "port of that rendezvous (default: a free port on one machine, 29500 across machines)" };
        var command = new Command("train", "Train the learned simulator (checkpoints, metrics.csv, validation.csv); data-parallel with --nproc.")
        {
            config, run, resume, overwrite, steps, threads, overrides, nproc, nnodes, nodeRank, masterAddr, masterPort,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            FileInfo file = parse.GetValue(config)!;
            string runDirectory = Path.GetFullPath(parse.GetValue(run)?.FullName
                                                   ?? Path.Combine("runs", Path.GetFileNameWithoutExtension(file.Name)));
            if (parse.GetValue(nproc) is { } processes)
            {
                if (Environment.GetEnvironmentVariable("RANK") is not null)
                    throw new ArgumentException("--nproc starts the ranks itself, but RANK is already set (launched by torchrun or a scheduler?)");
                int nodes = parse.GetValue(nnodes);
                var layout = new RankLayout(processes, nodes, parse.GetValue(nodeRank),
                    parse.GetValue(masterAddr) ?? "127.0.0.1",
                    parse.GetValue(masterPort) ?? (nodes == 1 ? RankLayout.FreePort() : 29500));
                var arguments = new List<string> { "train", "--config", file.FullName, "--run", runDirectory };
                if (parse.GetValue(resume)) arguments.Add("--resume");
                if (parse.GetValue(overwrite)) arguments.Add("--overwrite");
                if (parse.GetValue(steps) is { } s) arguments.AddRange(["--max-steps", s.ToString(CultureInfo.InvariantCulture)]);
                if (parse.GetValue(threads) is { } t) arguments.AddRange(["--threads", t.ToString(CultureInfo.InvariantCulture)]);
                foreach (string set in parse.GetValue(overrides) ?? []) arguments.AddRange(["--set", set]);
                Console.WriteLine($"starting {processes} rank(s) on node {layout.NodeRank} of {nodes} " +
                                  $"(world size {layout.WorldSize}, rendezvous {layout.MasterAddress}:{layout.MasterPort})");
                return RankLauncher.Run(layout, arguments);
            }

            var sets = OverrideOption.Parse(parse.GetValue(overrides));
            if (parse.GetValue(steps) is { } maxSteps) sets = [.. sets, ConfigOverride.Parse($"train.max_steps={maxSteps}")];
            if (parse.GetValue(threads) is { } count) sets = [.. sets, ConfigOverride.Parse($"train.threads={count}")];
            TrainingConfig settings = TrainingConfig.Load(file.FullName, sets);
            if (parse.GetValue(resume) && parse.GetValue(overwrite))
                throw new ArgumentException("--resume continues the run in --run and --overwrite deletes it: give one of them");
            using FolderLock? folderLock = Environment.GetEnvironmentVariable("RANK") is null or "0"
                ? FolderLock.Acquire(runDirectory, "training run") : null;
            if (folderLock is not null)
            {
                if (parse.GetValue(overwrite)) OutputFolder.Clear(runDirectory, "config.json", "training run");
                else if (!parse.GetValue(resume)) OutputFolder.RequireFresh(runDirectory, "training run");
                EffectiveConfig.Record(runDirectory, file.FullName, sets);
            }
            bool distributed = int.TryParse(Environment.GetEnvironmentVariable("WORLD_SIZE"), out int world) && world > 1;
            if (distributed) torch.distributed.init_process_group(settings.Train.Device.StartsWith("cuda") && torch.distributed.is_nccl_available() ? "nccl" : "gloo");
            try
            {
                // A rank that stopped at a step boundary would leave the others waiting in a collective: under
                // torch.distributed Ctrl-C ends the ranks at once (checkpoints are swapped in whole, so none is torn).
                return Train(settings, file, runDirectory, parse.GetValue(resume), distributed ? CancellationToken.None : CommandAction.Cancellation);
            }
            finally
            {
                if (distributed) torch.distributed.destroy_process_group();
            }
        }, "continue with the same command and --resume (from the last checkpoint; train.checkpoint_every sets how often one is written)"));
        return command;
    }

    private static int Train(TrainingConfig settings, FileInfo file, string runDirectory, bool resume, CancellationToken cancel)
    {
        int rank = torch.distributed.is_initialized() ? torch.distributed.get_rank() : 0;
        int world = torch.distributed.is_initialized() ? torch.distributed.get_world_size() : 1;
        if (rank == 0)
            Console.WriteLine($"training '{file.Name}' ({settings.Tier} tier) into {runDirectory}" +
                              (world > 1 ? $" on {world} data-parallel ranks ({torch.distributed.get_backend()})" : ""));
        var line = new ProgressLine(TimeSpan.FromSeconds(2));
        var trainer = new Trainer(settings, file.DirectoryName!, runDirectory);
        CpuClock clock = CpuClock.Start();
        Trainer.Result result = trainer.Run(resume, new InlineProgress<TrainingProgress>(p =>
            line.Report(p.Step == p.MaxSteps, () =>
                $"step {p.Step}/{p.MaxSteps}  loss {p.Loss:F4}  acc_nll {p.AccLoss:F4}  lr {p.Lr:E2}  " +
                $"{p.SamplesPerSecond:F1} samples/s  elapsed {ProgressLine.Format(p.Elapsed)}  ETA {ProgressLine.Format(p.Remaining)}" +
                (p.ValAccLoss is { } v ? $"  val_acc_nll {v:F4}" : ""))), cancel);
        string cpu = CpuTimeLine.Format(clock.Elapsed);
        if (rank == 0)
            Console.WriteLine($"done: best val_acc_loss {result.BestValAccLoss:F4} at step {result.BestStep}; " +
                              $"checkpoints in {Path.Combine(runDirectory, "checkpoints")}");
        if (rank == 0 && File.Exists(Path.Combine(runDirectory, ScoreLevels.FileName)))
        {
            ScoreLevels levels = ScoreLevels.Read(runDirectory);
            Console.WriteLine($"val score loss by σ at step {levels.Step} ({levels.BatchCount} batches), loss / no-information loss " +
                              "(below 1: the Score GNN knows something at that σ): " +
                              string.Join(", ", levels.Sigmas.Select((sigma, k) => $"{sigma:G3}: {levels.Losses[k] / levels.NoInformation[k]:F3}")));
        }
        Console.WriteLine(world > 1 ? $"rank {rank}: {cpu}" : cpu);
        return 0;
    }
}

/// <summary>An IProgress that reports synchronously on the calling thread (no SynchronizationContext hop).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

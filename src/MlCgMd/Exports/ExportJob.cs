using MlCgMd.Data;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;

namespace MlCgMd.Exports;

/// <summary>What <c>mlcgmd export</c> writes: a rollout and its reference, or a dataset split.</summary>
public sealed record ExportRequest
{
    /// <summary>Rollout folder (rollout.json + one HDF5 per system); null exports the dataset split alone.</summary>
    public string? RolloutDirectory { get; init; }
    /// <summary>Dataset folder; null with a rollout: the data_directory its rollout.json names.</summary>
    public string? DataDirectory { get; init; }
    /// <summary>Split file (relative to the dataset) naming the systems, when no rollout is given.</summary>
    public string Split { get; init; } = SplitFiles.ChainTest;
    /// <summary>Only these systems (empty: all).</summary>
    public IReadOnlyList<string> Systems { get; init; } = [];
    public ExportFormat Format { get; init; } = ExportFormat.Dcd;
    /// <summary>The reference at full resolution instead of on CG beads.</summary>
    public bool Fine { get; init; }
    /// <summary>Fine particles per CG bead when a dataset is coarse-grained without a rollout (the official chain value).</summary>
    public int CgLevel { get; init; } = 100;
    public double AngstromPerSigma { get; init; } = 1;
    public bool Overwrite { get; init; }
    public required string OutputDirectory { get; init; }
}

/// <summary>Runs an <see cref="ExportRequest"/>: one trajectory (plus topology PDB) per system and source.</summary>
public static class ExportJob
{
    /// <returns>The files written, per exported trajectory.</returns>
    public static IReadOnlyList<(ExportedTrajectory Trajectory, IReadOnlyList<string> Files)> Run(ExportRequest request)
    {
        var written = new List<(ExportedTrajectory, IReadOnlyList<string>)>();
        void Write(ExportedTrajectory t) => written.Add((t, TrajectoryExporter.Write(t, request.Format,
            request.OutputDirectory, request.AngstromPerSigma, request.Overwrite)));

        if (request.RolloutDirectory is { } rolloutDirectory)
        {
            RolloutManifest manifest = RolloutManifest.Read(rolloutDirectory);
            string data = request.DataDirectory ?? manifest.DataDirectory;
            if (string.IsNullOrEmpty(data))
                throw new ArgumentException($"{Path.Combine(rolloutDirectory, RolloutManifest.FileName)} names no data_directory; pass --data");
            DatasetInfo? info = DatasetInfo.TryRead(data);
            foreach (RolloutSystem system in Chosen(manifest.Systems, s => s.Name, request.Systems, rolloutDirectory))
            {
                var reference = new TrajectoryFolder(Path.Combine(data, system.Name), manifest.Kind.Schema);
                Write(ExportSources.Rollout(rolloutDirectory, manifest, system, reference, info));
                Write(request.Fine
                    ? ExportSources.ReferenceFine(reference, manifest.Kind, info)
                    : ExportSources.ReferenceOnRolloutBeads(Path.Combine(rolloutDirectory, system.File), reference, manifest.Kind, info));
            }
            return written;
        }

        string dataDirectory = request.DataDirectory ?? throw new ArgumentException("export needs --rollout or --data");
        DatasetInfo? datasetInfo = DatasetInfo.TryRead(dataDirectory);
        string splitPath = Path.Combine(dataDirectory, request.Split);
        // The kind is the one whose positions file the split's first trajectory holds.
        string first = Path.Combine(dataDirectory, TrajectoryDataset.ReadSplit(splitPath)[0]);
        SystemKind kind = SystemKind.OfFolder(first)
                          ?? throw new InvalidDataException($"trajectory folder '{first}' holds no positions file of a known system kind");
        var folders = TrajectoryDataset.FromSplit(dataDirectory, splitPath, kind.Schema).Folders;
        foreach (TrajectoryFolder folder in Chosen(folders, f => f.Name, request.Systems, request.Split))
            Write(request.Fine
                ? ExportSources.ReferenceFine(folder, kind, datasetInfo)
                : ExportSources.ReferenceCoarseGrained(folder, kind, request.CgLevel, datasetInfo));
        return written;
    }

    private static IEnumerable<T> Chosen<T>(IReadOnlyList<T> all, Func<T, string> name, IReadOnlyList<string> wanted, string source)
    {
        foreach (string w in wanted)
            if (!all.Any(item => name(item) == w))
                throw new ArgumentException($"'{source}' has no system '{w}' (it has {string.Join(", ", all.Select(name))})");
        return wanted.Count == 0 ? all : all.Where(item => wanted.Contains(name(item)));
    }
}

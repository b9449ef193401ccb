using System.Text.Json;
using MlCgMd.Data;
using MlCgMd.Exports;
using MlCgMd.Lammps;
using MlCgMd.Simulation;
using MlCgMd.Tests.Data;

namespace MlCgMd.Tests.Exports;

/// <summary>`mlcgmd export`: a real (tiny) rollout and its reference in every viewer format, read back by our readers and by mdtraj.</summary>
public sealed class ExportJobTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();
    private readonly string data, rollout;

    public ExportJobTests() => (data, rollout) = TinyRollout.Write(scratch.Path);

    public void Dispose() => scratch.Dispose();

    private IReadOnlyList<(ExportedTrajectory Trajectory, IReadOnlyList<string> Files)> Export(ExportFormat format, bool fine,
        string folder, double scale = 1) =>
        ExportJob.Run(new ExportRequest
        {
            RolloutDirectory = rollout, DataDirectory = data, Format = format, Fine = fine, AngstromPerSigma = scale,
            OutputDirectory = scratch.File(folder),
        });

    [Fact]
    public void Every_format_of_a_rollout_and_its_reference_reads_back_as_the_hdf5_holds_it()
    {
        RolloutManifest manifest = RolloutManifest.Read(rollout);
        foreach (ExportFormat format in Enum.GetValues<ExportFormat>())
        {
            var written = Export(format, fine: false, format.ToString());
            Assert.Equal(2 * manifest.Systems.Count, written.Count);
            foreach (var (trajectory, files) in written)
            {
                float[] read = ReadBack(format, files[0], trajectory.AtomCount, out int frames);
                Assert.Equal(trajectory.FrameCount, frames);
                float tolerance = format == ExportFormat.Pdb ? 5e-4f : 0;
                for (int i = 0; i < read.Length; i++) Assert.Equal(trajectory.Positions[i], read[i], tolerance);
                if (format != ExportFormat.Pdb)
                    Assert.Equal(trajectory.Bonds, PdbReader.Read(files[1]).Bonds);
            }
            RolloutSystem first = manifest.Systems[0];
            var rolled = written.Single(w => w.Trajectory.Name == first.Name + ".rollout").Trajectory;
            Assert.Equal(3, rolled.FrameCount);
            Assert.Equal(RolloutFile.ReadPositions(Path.Combine(rollout, first.File), first.FramesWritten), rolled.Positions);
        }
    }

    [Fact]
    public void Rollout_frames_carry_the_md_step_of_the_reference_frame_they_stand_for()
    {
        var trajectory = Export(ExportFormat.Lammpstrj, fine: false, "steps")[0].Trajectory;
        RolloutManifest manifest = RolloutManifest.Read(rollout);
        // seq_len 4, dilation 1: model step s predicts reference frame 4 + s; TinyDataset has no dataset.json.
        Assert.Equal(Enumerable.Range(0, trajectory.FrameCount).Select(k => (long)(manifest.SeqLen + k * 2)), trajectory.MdSteps);
    }

    [Fact]
    public void A_fine_reference_export_holds_every_particle_and_bond()
    {
        var written = Export(ExportFormat.Xyz, fine: true, "fine");
        var (reference, files) = written.First(w => w.Trajectory.Name.EndsWith(".reference-fine", StringComparison.Ordinal));
        var folder = new TrajectoryFolder(Path.Combine(data, reference.Name.Split('.')[0]));
        Assert.Equal(folder.ReadFrames(0, folder.FrameCount), XyzReader.Read(files[0]).Frames.SelectMany(f => f));
        Assert.Equal(folder.ReadTopology().Bonds, PdbReader.Read(files[1]).Bonds);
        Assert.Equal(["B1", "B2", "S1", "S2"], XyzReader.Read(files[0]).Names.Distinct().Order());
    }

    [Fact]
    public void Existing_files_are_kept_unless_overwrite_is_asked()
    {
        Export(ExportFormat.Dcd, fine: false, "again");
        var error = Assert.Throws<IOException>(() => Export(ExportFormat.Dcd, fine: false, "again"));
        Assert.Contains("--overwrite", error.Message);
    }

    [MdtrajFact]
    public void Mdtraj_loads_every_export_format_of_a_rollout_and_its_reference_with_the_hdf5_coordinates()
    {
        const double scale = 3.4;     // a σ in Å, e.g. a united-atom bead: exercises the documented factor
        var folders = new List<string>();
        foreach (ExportFormat format in Enum.GetValues<ExportFormat>())
        {
            string folder = scratch.File("mdtraj-" + format);
            folders.Add(folder);
            Export(format, fine: false, folder, scale);
            ExportJob.Run(new ExportRequest
            {
                RolloutDirectory = rollout, DataDirectory = data, Format = format, Fine = true, AngstromPerSigma = scale,
                OutputDirectory = folder, Overwrite = true,
            });
        }
        string script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "check_exports_mdtraj.py");
        using var report = JsonDocument.Parse(DebianPython.Run([script, rollout, data, scale.ToString("R"), .. folders]));
        var files = report.RootElement.EnumerateObject().ToList();
        // Every system x (rollout, reference on its beads, fine reference) x 4 formats.
        Assert.Equal(RolloutManifest.Read(rollout).Systems.Count * 3 * 4, files.Count);
        foreach (JsonProperty file in files)
        {
            Console.WriteLine($"mdtraj {file.Name}: {file.Value}");
            JsonElement r = file.Value;
            Assert.Equal(r.GetProperty("expected_frames").GetInt32(), r.GetProperty("frames").GetInt32());
            Assert.Equal(r.GetProperty("expected_atoms").GetInt32(), r.GetProperty("atoms").GetInt32());
            Assert.Equal(r.GetProperty("atoms").GetInt32() - 1, r.GetProperty("bonds").GetInt32());     // linear chains
            // PDB holds 3 decimals of Å; the others round-trip float32 through mdtraj's nm.
            double tolerance = file.Name.EndsWith(".pdb", StringComparison.Ordinal) ? 5e-4 / scale + 1e-6 : 1e-6;
            Assert.True(r.GetProperty("max_rel").GetDouble() <= tolerance,
                $"{file.Name}: max relative difference {r.GetProperty("max_rel").GetDouble():E2} > {tolerance:E1}");
        }
    }

    private static float[] ReadBack(ExportFormat format, string path, int atoms, out int frames)
    {
        switch (format)
        {
            case ExportFormat.Xyz:
                var xyz = XyzReader.Read(path);
                frames = xyz.Frames.Count;
                return xyz.Frames.SelectMany(f => f).ToArray();
            case ExportFormat.Pdb:
                var pdb = PdbReader.Read(path);
                frames = pdb.Frames.Count;
                return pdb.Frames.SelectMany(f => f).ToArray();
            case ExportFormat.Dcd:
                var dcd = DcdReader.Read(path);
                frames = dcd.Frames.Count;
                return dcd.Frames.SelectMany(f => f).ToArray();
            default:
                var dump = LammpsDumpReader.Read(path).ToList();
                frames = dump.Count;
                return dump.SelectMany(f => f.UnwrappedPositions()).Select(v => (float)v).ToArray();
        }
    }
}

using MlCgMd.Data.Hdf5;
using MlCgMd.Simulation;
using MlCgMd.SystemKinds;
using MlCgMd.Tests.Data;
using MlCgMd.Tests.Exports;

namespace MlCgMd.Tests.Simulation;

/// <summary>A rollout's HDF5 file says itself how many rows hold positions, why it ended, and in which units.</summary>
public sealed class RolloutFileAttributeTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private RolloutManifest Roll(StabilityThresholds thresholds, string name) =>
        RolloutManifest.Read(TinyRollout.Run(scratch.File(name), thresholds).Rollout);

    [Fact]
    public void A_stable_rollout_marks_every_row_valid_and_not_stopped()
    {
        RolloutManifest manifest = Roll(new StabilityThresholds(1e-6, 1e6), "stable");
        foreach (RolloutSystem system in manifest.Systems)
        {
            using var file = Hdf5File.OpenRead(Path.Combine(scratch.File("stable"), "rollout", system.File));
            Assert.Equal(6, file.ReadInt64Attribute(null, "valid_frames"));
            Assert.Equal(12, file.ReadInt64Attribute(null, "steps_done"));
            Assert.Equal("not stopped", file.ReadStringAttribute(null, "stop_reason"));
            Assert.Null(file.ReadInt64Attribute(null, "failed_step"));
            Assert.Equal(SystemKind.Chain.LengthUnit, file.ReadStringAttribute("position", "units"));
            Assert.Equal("model steps", file.ReadStringAttribute("step", "units"));
        }
    }

    [Fact]
    public void A_stopped_rollout_marks_its_valid_length_and_the_reason_as_rollout_json_does()
    {
        // No CG bond survives a limit of 1e-6 sigma: every system stops at its first step.
        RolloutManifest manifest = Roll(new StabilityThresholds(1e-6, 1e-6), "stopped");
        foreach (RolloutSystem system in manifest.Systems)
        {
            using var file = Hdf5File.OpenRead(Path.Combine(scratch.File("stopped"), "rollout", system.File));
            Assert.Equal(system.FramesWritten, file.ReadInt64Attribute(null, "valid_frames"));
            Assert.Equal(0, system.FramesWritten);
            Assert.Equal(system.FailedStep, file.ReadInt64Attribute(null, "failed_step"));
            Assert.Equal(system.Failure, file.ReadStringAttribute(null, "stop_reason"));
            Assert.Contains("bond", system.Failure);
        }
    }
}

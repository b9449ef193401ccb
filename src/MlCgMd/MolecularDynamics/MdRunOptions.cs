namespace MlCgMd.MolecularDynamics;

/// <summary>
/// One equilibration + production run. Steps are MD steps of the force field's time step.
/// Frames are recorded every RecordEvery production steps (the last one at the final step),
/// Rg every RgEvery production steps (RgEvery divides RecordEvery so every frame has its Rg).
/// </summary>
public sealed record MdRunOptions(long EquilibrationSteps, long ProductionSteps, int RecordEvery, int RgEvery)
{
    public void Validate()
    {
        if (EquilibrationSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(EquilibrationSteps), EquilibrationSteps, "Equilibration steps must be zero or more.");
        if (RecordEvery <= 0 || RgEvery <= 0)
            throw new ArgumentOutOfRangeException(nameof(RecordEvery), $"record_every ({RecordEvery}) and rg_every ({RgEvery}) must be positive.");
        if (ProductionSteps <= 0 || ProductionSteps % RecordEvery != 0)
            throw new ArgumentOutOfRangeException(nameof(ProductionSteps), ProductionSteps, $"Production steps must be a positive multiple of record_every ({RecordEvery}).");
        if (RecordEvery % RgEvery != 0)
            throw new ArgumentOutOfRangeException(nameof(RgEvery), RgEvery, $"rg_every must divide record_every ({RecordEvery}).");
    }

    public int FrameCount => (int)(ProductionSteps / RecordEvery);
    public int RgCount => (int)(ProductionSteps / RgEvery);
}

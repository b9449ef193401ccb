namespace MlCgMd.Exports;

/// <summary>
/// Layout of CHARMM-style DCD files, little-endian. Every block is a Fortran unformatted
/// record: a 4-byte length, the payload, the same length again.
/// <list type="bullet">
/// <item>header, 84 bytes: "CORD" then 20 int32 slots; slot 0 = frames, 1 = first step,
/// 2 = steps per frame, 8 = fixed atoms, 9 = DELTA as float32, 10 = 1 when frames carry a
/// unit cell, 19 = CHARMM version (non-zero marks the CHARMM variant);</item>
/// <item>titles: int32 count then count x 80 characters;</item>
/// <item>atom count: one int32;</item>
/// <item>per frame: optional unit cell of 6 float64 (A, cos gamma, B, cos beta, cos alpha, C),
/// then X, Y and Z as float32 [atoms] each.</item>
/// </list>
/// </summary>
internal static class DcdFormat
{
    internal const int HeaderBytes = 84;
    internal const int TitleBytes = 80;
    internal const int UnitCellBytes = 48;
    internal const int FrameCountSlot = 0, FirstStepSlot = 1, StepsPerFrameSlot = 2, FixedAtomsSlot = 8,
        TimeStepSlot = 9, UnitCellSlot = 10, CharmmVersionSlot = 19;

    /// <summary>The version VMD and MDAnalysis write to mark the CHARMM variant.</summary>
    internal const int CharmmVersion = 24;

    /// <summary>Byte offset of the frame-count slot, patched once all frames are written.</summary>
    internal const long FrameCountOffset = 4 + 4;
}

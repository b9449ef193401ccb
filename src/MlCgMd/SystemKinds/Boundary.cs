namespace MlCgMd.SystemKinds;

/// <summary>The box a system lives in.</summary>
public enum Boundary
{
    /// <summary>No box: a chain in implicit solvent; distances are plain differences.</summary>
    Open,

    /// <summary>A cubic periodic box with its edge lengths stored per frame (lattice.h5); distances use the minimum image.</summary>
    PeriodicCubic,
}

namespace MlCgMd.CoarseGraining;

/// <summary>How a fine bond graph is cut into beads (official names in parentheses).</summary>
public sealed record CoarseGrainingOptions
{
    /// <summary>Atoms per bead (<c>cg_level</c>): a connected component of n atoms gets round(n / CgLevel) beads, at least 1.</summary>
    public double CgLevel { get; init; } = 1;

    /// <summary>Recursive bisection instead of k-way (<c>recursive_metis</c>; the battery code forces true).</summary>
    public bool Recursive { get; init; }

    /// <summary>
    /// k-way only (ignored for recursive bisection): ask METIS for connected parts
    /// (METIS_OPTION_CONTIG). The official call uses
    /// METIS defaults (no CONTIG); either way, parts that come back disconnected are split.
    /// </summary>
    public bool Contiguous { get; init; } = true;

    /// <summary>METIS_OPTION_SEED.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Components with at most this many atoms become a single bead without METIS (the official
    /// <c>cg_tfsi</c> switch corresponds to 15: each TFSI anion one bead). 0 = off.
    /// </summary>
    public int WholeComponentMaxAtoms { get; init; }

    internal void Validate()
    {
        if (!(CgLevel >= 1) || double.IsInfinity(CgLevel))
            throw new ArgumentOutOfRangeException(nameof(CgLevel), CgLevel, "cg_level must be a finite number >= 1");
        if (WholeComponentMaxAtoms < 0)
            throw new ArgumentOutOfRangeException(nameof(WholeComponentMaxAtoms), WholeComponentMaxAtoms, "must be >= 0");
    }
}

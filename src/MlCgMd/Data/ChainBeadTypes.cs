namespace MlCgMd.Data;

/// <summary>
/// Bead type names of the single-chain polymer data (graphwm/preprocess/chain.py): the
/// particle type stored in <c>ptype.h5</c> is the index into this list.
/// </summary>
public static class ChainBeadTypes
{
    public static readonly IReadOnlyList<string> Names = ["B1", "B2", "S1", "S2"];

    /// <summary>Name of each particle, e.g. for PDB/XYZ exports; types outside the list read <c>X&lt;type&gt;</c>.</summary>
    public static string[] NamesOf(IReadOnlyList<int> particleTypes) =>
        particleTypes.Select(t => t >= 0 && t < Names.Count ? Names[t] : $"X{t}").ToArray();
}

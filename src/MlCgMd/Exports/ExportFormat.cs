namespace MlCgMd.Exports;

/// <summary>
/// The viewer formats <see cref="TrajectoryExporter"/> writes, and the length unit each one carries.
/// The MD and the model work in LJ units (σ). LAMMPS dumps stay in LJ units (LAMMPS <c>units lj</c>);
/// XYZ, PDB and DCD readers (VMD, mdtraj, MDAnalysis) take their numbers as Å, so those files hold
/// σ × <c>angstrom_per_sigma</c> (1 by default: one σ is written as one Å, and mdtraj's nm are σ/10).
/// </summary>
public enum ExportFormat
{
    /// <summary>Extended XYZ, every frame (OVITO, ASE, VMD); shortest round-trip numbers, exact.</summary>
    Xyz,
    /// <summary>Multi-model PDB with CONECT bonds (VMD, PyMOL, OVITO, NGL); 3 decimals.</summary>
    Pdb,
    /// <summary>CHARMM DCD, float32 (VMD, mdtraj, MDAnalysis), with a topology PDB beside it.</summary>
    Dcd,
    /// <summary>LAMMPS text dump <c>id type xu yu zu</c> in LJ units (OVITO, VMD, mdtraj).</summary>
    Lammpstrj,
}

public static class ExportFormats
{
    public const string Choices = "xyz, pdb, dcd or lammpstrj";

    public static ExportFormat Parse(string text) => text.ToLowerInvariant() switch
    {
        "xyz" => ExportFormat.Xyz,
        "pdb" => ExportFormat.Pdb,
        "dcd" => ExportFormat.Dcd,
        "lammpstrj" or "lammps" or "dump" => ExportFormat.Lammpstrj,
        _ => throw new ArgumentException($"export format '{text}' is not one of {Choices}"),
    };

    public static string Extension(this ExportFormat format) => format switch
    {
        ExportFormat.Xyz => ".xyz",
        ExportFormat.Pdb => ".pdb",
        ExportFormat.Dcd => ".dcd",
        ExportFormat.Lammpstrj => ".lammpstrj",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Whether the format's readers take lengths as Å (so <c>angstrom_per_sigma</c> applies).</summary>
    public static bool IsAngstrom(this ExportFormat format) => format != ExportFormat.Lammpstrj;
}

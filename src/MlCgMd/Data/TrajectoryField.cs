namespace MlCgMd.Data;

/// <summary>One file of a trajectory folder and the single dataset it holds.</summary>
/// <param name="FileName">File inside the trajectory folder, e.g. <c>position.h5</c>.</param>
/// <param name="DatasetName">Dataset at the file's root, e.g. <c>position</c>.</param>
/// <param name="Layout">What the dataset holds, for error messages, e.g. <c>float32 [frames, particles, 3]</c>.</param>
public sealed record TrajectoryField(string FileName, string DatasetName, string Layout)
{
    // Names and dtypes as graphwm/preprocess/preprocess.py stores them with h5py.
    public static readonly TrajectoryField Position = new("position.h5", "position", "float32 [frames, particles, 3]");
    public static readonly TrajectoryField ParticleType = new("ptype.h5", "particle_type", "int64 [particles]");
    public static readonly TrajectoryField Bond = new("bond.h5", "bond_indices", "int64 [bonds, 2], 0-based particle indices");
    public static readonly TrajectoryField Rgs = new("rgs.h5", "rgs", "float64 [frames]");
    public static readonly TrajectoryField Lattice = new("lattice.h5", "lattice", "float32 [frames, 3] box lengths");

    // Battery (solid polymer electrolyte) files.
    public static readonly TrajectoryField UnwrappedPosition = new("unwrapped_position.h5", "unwrapped_position", "float64 [frames, particles, 3]");
    public static readonly TrajectoryField WrappedPosition = new("wrapped_position.h5", "wrapped_position", "float64 [frames, particles, 3]");
    public static readonly TrajectoryField RawParticleType = new("raw_ptype.h5", "raw_particle_type", "int32 [particles] LAMMPS atom types");
    public static readonly TrajectoryField BondType = new("bond_type.h5", "bond_type", "int64 [bonds] LAMMPS bond types");
    public static readonly TrajectoryField Diffusivity = new("diffusivity.h5", "diffusivity", "float64 [frames - 1] Li diffusivity, cm^2/s");
    /// <summary>Optional: particle masses of data without atomic numbers (the electrolyte analogue in LJ units).</summary>
    public static readonly TrajectoryField Mass = new("mass.h5", "mass", "float64 [particles] positive particle masses");

    public override string ToString() => $"{FileName} dataset '{DatasetName}' ({Layout})";
}

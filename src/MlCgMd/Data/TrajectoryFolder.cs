using MlCgMd.Data.Hdf5;

namespace MlCgMd.Data;

/// <summary>
/// One trajectory folder of the original mlcgmd dataset: <c>position.h5</c> (or
/// <c>unwrapped_position.h5</c>), <c>ptype.h5</c>, <c>bond.h5</c>, <c>rgs.h5</c> and optional
/// extra fields, one dataset per file. Reads check shapes, dtypes, index ranges and finite
/// coordinates and name the offending file; every file is written atomically.
/// </summary>
public sealed class TrajectoryFolder
{
    public TrajectoryFolder(string path, TrajectorySchema? schema = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        Schema = schema ?? TrajectorySchema.Chain;
    }

    public string Path { get; }

    public TrajectorySchema Schema { get; }

    /// <summary>The folder name, as listed in split files.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    public string FileOf(TrajectoryField field) => System.IO.Path.Combine(Path, field.FileName);

    public bool Has(TrajectoryField field) => File.Exists(FileOf(field));

    /// <summary>The <c>units</c> attribute of the positions dataset (e.g. "sigma (LJ)"), or null when the file names none (the official files).</summary>
    public string? PositionUnits()
    {
        using Hdf5File file = Open(Schema.Positions);
        return file.ReadStringAttribute(Schema.Positions.DatasetName, "units");
    }

    /// <summary>Frames and particles of the position dataset, from its header only.</summary>
    public (int Frames, int Particles) PositionShape()
    {
        using var file = Open(Schema.Positions);
        return PositionShape(file);
    }

    private (int Frames, int Particles) PositionShape(Hdf5File file)
    {
        var field = Schema.Positions;
        var info = Describe(file, field, Hdf5ValueClass.Float, 3);
        if (info.Shape[2] != 3)
            throw new InvalidDataException($"{Source(field)} is {info}, expected {field.Layout}");
        return (ToInt(info.Shape[0], field), ToInt(info.Shape[1], field));
    }

    public int FrameCount => PositionShape().Frames;

    /// <summary>Particle types and bonds, checked against the particle count of the positions.</summary>
    public TrajectoryTopology ReadTopology()
    {
        int particles = PositionShape().Particles;

        var typeField = TrajectoryField.ParticleType;
        long[] types;
        using (var file = Open(typeField))
        {
            Describe(file, typeField, Hdf5ValueClass.Integer, 1);
            types = file.Read<long>(typeField.DatasetName).Data;
        }
        TrajectoryValidation.RequireLength(types.Length, particles,
            $"one type per particle of {Schema.Positions.FileName}", Source(typeField));
        TrajectoryValidation.RequireNonNegativeTypes(types, Source(typeField));

        long[] bonds = ReadBondIndices();
        TrajectoryValidation.RequireBondsInRange(bonds, particles, Source(TrajectoryField.Bond));
        return new TrajectoryTopology(types.Select(t => (int)t).ToArray(), bonds.Select(b => (int)b).ToArray());
    }

    /// <summary>
    /// Reads <paramref name="count"/> frames from <paramref name="start"/>, every
    /// <paramref name="stride"/>-th (the official loader's dilation), through a hyperslab.
    /// Returns [count, particles, 3]; every coordinate read is checked to be finite.
    /// </summary>
    public float[] ReadFrames(int start, int count, int stride = 1)
    {
        var field = Schema.Positions;
        using var file = Open(field);
        var (frames, particles) = PositionShape(file);
        long last = start + (long)(count - 1) * stride;
        if (start < 0 || count < 0 || stride < 1 || (count > 0 && last >= frames))
            throw new ArgumentOutOfRangeException(nameof(start),
                $"{Source(field)}: frames {start}..{last} (count {count}, stride {stride}) are outside the {frames} stored frames");
        var positions = file.ReadRows<float>(field.DatasetName, start, count, stride).Data;
        TrajectoryValidation.RequireFiniteCoordinates(positions, particles, start, Source(field));
        return positions;
    }

    /// <summary>Rg of <paramref name="count"/> frames from <paramref name="start"/> every <paramref name="stride"/>-th, [count].</summary>
    public double[] ReadRgs(int start, int count, int stride = 1)
    {
        var field = RequireRgsField();
        int frames = FrameCount;
        using var file = Open(field);
        var info = Describe(file, field, Hdf5ValueClass.Float, 1);
        TrajectoryValidation.RequireLength(info.Shape[0], frames, $"one Rg per frame of {Schema.Positions.FileName}", Source(field));
        return file.ReadRows<double>(field.DatasetName, start, count, stride).Data;
    }

    /// <summary>The whole trajectory: all frames, topology, Rg (if the schema has it) and box lengths (if stored).</summary>
    public Trajectory Read()
    {
        var topology = ReadTopology();
        int frames = FrameCount;
        var positions = ReadFrames(0, frames);
        double[]? rgs = Schema.Rgs is null ? null : ReadRgs(0, frames);
        float[]? lattices = null;
        if (Has(TrajectoryField.Lattice))
        {
            var lattice = ReadField<float>(TrajectoryField.Lattice);
            if (lattice.Shape is not [var rows, 3] || rows != frames)
                throw new InvalidDataException(
                    $"{Source(TrajectoryField.Lattice)} has shape [{string.Join(", ", lattice.Shape)}], expected [{frames}, 3]");
            lattices = lattice.Data;
        }
        return new Trajectory(frames, topology, positions, rgs, lattices);
    }

    /// <summary>
    /// Writes <paramref name="trajectory"/> in the official layout and dtypes (positions
    /// float32, types and bonds int64, Rg float64, lattice float32), each file atomically.
    /// </summary>
    /// <param name="lengthUnit">written as the <c>units</c> attribute of the position, Rg and lattice datasets (e.g. "sigma (LJ)"); null: none</param>
    public void Write(Trajectory trajectory, string? lengthUnit = null)
    {
        Validate(trajectory);
        Directory.CreateDirectory(Path);
        int frames = trajectory.FrameCount, particles = trajectory.ParticleCount;
        WriteField<float>(Schema.Positions, trajectory.Positions, [frames, particles, 3], units: lengthUnit);
        WriteField<long>(TrajectoryField.ParticleType,
            trajectory.Topology.ParticleTypes.Select(t => (long)t).ToArray(), [particles], units: lengthUnit is null ? null : "type id");
        WriteField<long>(TrajectoryField.Bond,
            trajectory.Topology.Bonds.Select(b => (long)b).ToArray(), [trajectory.Topology.BondCount, 2],
            units: lengthUnit is null ? null : "0-based particle index");
        if (Schema.Rgs is { } rgsField)
            WriteField<double>(rgsField, trajectory.Rgs!, [frames], units: lengthUnit);
        if (trajectory.Lattices is { } lattices)
            WriteField<float>(TrajectoryField.Lattice, lattices, [frames, 3], units: lengthUnit);
    }

    /// <summary>Reads any field (e.g. <see cref="TrajectoryField.BondType"/>) as stored, converted to <typeparamref name="T"/>.</summary>
    public Hdf5Array<T> ReadField<T>(TrajectoryField field) where T : unmanaged
    {
        using var file = Open(field);
        RequireDataset(file, field);
        return file.Read<T>(field.DatasetName);
    }

    /// <summary>Writes one field as its own file (replacing it atomically), row-major with <paramref name="shape"/>.</summary>
    /// <param name="units">the dataset's <c>units</c> attribute, or null for none</param>
    public void WriteField<T>(TrajectoryField field, ReadOnlySpan<T> data, ReadOnlySpan<long> shape, int? gzipLevel = null,
                              string? units = null)
        where T : unmanaged
    {
        Directory.CreateDirectory(Path);
        var buffer = data.ToArray();
        var extents = shape.ToArray();
        AtomicFile.Write(FileOf(field), temporary =>
        {
            using var file = Hdf5File.Create(temporary);
            file.Write<T>(field.DatasetName, buffer, extents, gzipLevel);
            if (units is not null) file.WriteAttribute(field.DatasetName, "units", units);
        });
    }

    private void Validate(Trajectory trajectory)
    {
        const string source = "trajectory to write";
        int frames = trajectory.FrameCount, particles = trajectory.ParticleCount;
        TrajectoryValidation.RequireLength(trajectory.Positions.Length, (long)frames * particles * 3,
            "positions [frames, particles, 3]", source + " positions");
        TrajectoryValidation.RequireFiniteCoordinates(trajectory.Positions, particles, 0, source + " positions");
        TrajectoryValidation.RequireNonNegativeTypes(trajectory.Topology.ParticleTypes.Select(t => (long)t).ToArray(),
            source + " particle types");
        TrajectoryValidation.RequireBondsInRange(trajectory.Topology.Bonds.Select(b => (long)b).ToArray(), particles,
            source + " bonds");
        if (Schema.Rgs is not null)
        {
            if (trajectory.Rgs is null)
                throw new ArgumentException($"{Schema.Name} trajectories store {Schema.Rgs}; the trajectory has no Rg", nameof(trajectory));
            TrajectoryValidation.RequireLength(trajectory.Rgs.Length, frames, "one Rg per frame", source + " Rg");
        }
        if (trajectory.Lattices is { } lattices)
            TrajectoryValidation.RequireLength(lattices.Length, frames * 3L, "box lengths [frames, 3]", source + " lattices");
    }

    /// <summary>Bond pairs as stored: int64 from h5py/numpy, or integral float64 (newer mdtraj returns float bonds).</summary>
    private long[] ReadBondIndices()
    {
        var field = TrajectoryField.Bond;
        using var file = Open(field);
        RequireDataset(file, field);
        var info = file.Describe(field.DatasetName);
        bool empty = info.ElementCount == 0;
        if (!(info.Shape is [_, 2] || (empty && info.Rank <= 2)))
            throw new InvalidDataException($"{Source(field)} is {info}, expected {field.Layout}");
        if (info.ValueClass == Hdf5ValueClass.Integer)
            return file.Read<long>(field.DatasetName).Data;
        if (info.ValueClass != Hdf5ValueClass.Float)
            throw new InvalidDataException($"{Source(field)} is {info}, expected {field.Layout}");
        var stored = file.Read<double>(field.DatasetName).Data;
        var indices = new long[stored.Length];
        for (int i = 0; i < stored.Length; i++)
        {
            if (stored[i] != Math.Floor(stored[i]) || Math.Abs(stored[i]) > int.MaxValue)
                throw new InvalidDataException(
                    $"{Source(field)}: entry {i} is {stored[i]}, expected an integral particle index");
            indices[i] = (long)stored[i];
        }
        return indices;
    }

    private TrajectoryField RequireRgsField() =>
        Schema.Rgs ?? throw new InvalidOperationException($"{Schema.Name} trajectories carry no Rg ({Path})");

    private Hdf5File Open(TrajectoryField field)
    {
        if (!Directory.Exists(Path))
            throw new DirectoryNotFoundException($"trajectory folder '{Path}' does not exist");
        string file = FileOf(field);
        if (!File.Exists(file))
            throw new FileNotFoundException($"trajectory folder '{Path}' has no {field}", file);
        return Hdf5File.OpenRead(file);
    }

    private void RequireDataset(Hdf5File file, TrajectoryField field)
    {
        if (!file.Contains(field.DatasetName))
            throw new InvalidDataException($"'{file.Path}' has no dataset '{field.DatasetName}', expected {field.Layout}");
    }

    private Hdf5DatasetInfo Describe(Hdf5File file, TrajectoryField field, Hdf5ValueClass valueClass, int rank)
    {
        RequireDataset(file, field);
        var info = file.Describe(field.DatasetName);
        if (info.Rank != rank || info.ValueClass != valueClass)
            throw new InvalidDataException($"{Source(field)} is {info}, expected {field.Layout}");
        return info;
    }

    private string Source(TrajectoryField field) => $"'{FileOf(field)}' dataset '{field.DatasetName}'";

    private int ToInt(long extent, TrajectoryField field) =>
        extent <= int.MaxValue ? (int)extent : throw new InvalidDataException($"{Source(field)} has an extent of {extent}, too large");
}

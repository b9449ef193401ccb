using System.Buffers.Binary;
using System.Text;

namespace MlCgMd.Exports;

/// <summary>
/// Reads little-endian CHARMM-variant DCD files (as VMD, NAMD and <see cref="DcdWriter"/>
/// write them), checking every Fortran record marker so a truncated or foreign file fails
/// with the offset where it went wrong.
/// </summary>
public static class DcdReader
{
    public static DcdTrajectory Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);

        var header = Record(reader, path, "header", DcdFormat.HeaderBytes);
        if (!header.AsSpan(0, 4).SequenceEqual("CORD"u8))
            throw new InvalidDataException($"'{path}': header starts with '{Encoding.ASCII.GetString(header, 0, 4)}', expected 'CORD'");
        int Slot(int slot) => BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4 + 4 * slot));
        if (Slot(DcdFormat.CharmmVersionSlot) == 0)
            throw new InvalidDataException($"'{path}': X-PLOR DCD files (CHARMM version 0) are not supported");
        if (Slot(DcdFormat.FixedAtomsSlot) != 0)
            throw new InvalidDataException($"'{path}': DCD files with fixed atoms are not supported");
        bool hasUnitCell = Slot(DcdFormat.UnitCellSlot) != 0;
        int declaredFrames = Slot(DcdFormat.FrameCountSlot);
        float timeStep = BitConverter.Int32BitsToSingle(Slot(DcdFormat.TimeStepSlot));

        var titleRecord = Record(reader, path, "title block", expectedLength: null);
        int titleCount = titleRecord.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(titleRecord) : -1;
        if (titleCount < 0 || titleRecord.Length != 4 + DcdFormat.TitleBytes * titleCount)
            throw new InvalidDataException(
                $"'{path}': title block of {titleRecord.Length} bytes does not hold a count and 80-character titles");
        var titles = Enumerable.Range(0, titleCount)
            .Select(t => Encoding.ASCII.GetString(titleRecord, 4 + DcdFormat.TitleBytes * t, DcdFormat.TitleBytes).TrimEnd(' ', '\0'))
            .ToList();

        int atoms = BinaryPrimitives.ReadInt32LittleEndian(Record(reader, path, "atom count", 4));
        if (atoms < 1)
            throw new InvalidDataException($"'{path}': atom count is {atoms}, expected at least 1");

        var frames = new List<float[]>();
        var boxes = hasUnitCell ? new List<double[]>() : null;
        while (stream.Position < stream.Length)
        {
            int index = frames.Count;
            if (boxes is not null)
            {
                var cell = Record(reader, path, $"unit cell of frame {index}", DcdFormat.UnitCellBytes);
                double Cell(int i) => BinaryPrimitives.ReadDoubleLittleEndian(cell.AsSpan(8 * i));
                boxes.Add([Cell(0), Cell(2), Cell(5)]);
            }
            var frame = new float[3 * atoms];
            for (int k = 0; k < 3; k++)
            {
                var axis = Record(reader, path, $"{"XYZ"[k]} coordinates of frame {index}", 4 * atoms);
                for (int atom = 0; atom < atoms; atom++)
                    frame[3 * atom + k] = BinaryPrimitives.ReadSingleLittleEndian(axis.AsSpan(4 * atom));
            }
            frames.Add(frame);
        }
        if (declaredFrames != 0 && declaredFrames != frames.Count)
            throw new InvalidDataException($"'{path}': header declares {declaredFrames} frames but the file holds {frames.Count}");
        return new DcdTrajectory(atoms, frames, boxes, titles, Slot(DcdFormat.FirstStepSlot),
            Slot(DcdFormat.StepsPerFrameSlot), timeStep);
    }

    /// <summary>One Fortran record: checks the leading and trailing length markers.</summary>
    private static byte[] Record(BinaryReader reader, string path, string what, int? expectedLength)
    {
        long offset = reader.BaseStream.Position;
        long remaining = reader.BaseStream.Length - offset;
        if (remaining < 4)
            throw new InvalidDataException($"'{path}': file ends at byte {offset} before the {what} (truncated)");
        int length = reader.ReadInt32();
        if (expectedLength is { } expected && length != expected)
        {
            string hint = BinaryPrimitives.ReverseEndianness(length) == expected ? " (big-endian files are not supported)" : "";
            throw new InvalidDataException(
                $"'{path}': record marker at byte {offset} says {length} bytes for the {what}, expected {expected}{hint}");
        }
        if (length < 0 || length > remaining - 8)
            throw new InvalidDataException(
                $"'{path}': the {what} at byte {offset} needs {length} bytes plus markers but only {remaining} remain (truncated)");
        var payload = reader.ReadBytes(length);
        int trailer = reader.ReadInt32();
        if (trailer != length)
            throw new InvalidDataException(
                $"'{path}': trailing record marker of the {what} at byte {offset + 4 + length} is {trailer}, expected {length}");
        return payload;
    }
}

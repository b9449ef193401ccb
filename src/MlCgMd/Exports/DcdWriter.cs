using System.Text;
using MlCgMd.Data;

namespace MlCgMd.Exports;

/// <summary>
/// CHARMM/NAMD DCD trajectories (read by VMD, MDAnalysis, mdtraj): float32 coordinates and,
/// for a cubic box, a unit cell per frame. See <see cref="DcdFormat"/> for the layout.
/// </summary>
public static class DcdWriter
{
    /// <param name="frames">Coordinates per frame, each [atoms, 3] row-major.</param>
    /// <param name="timeStep">Time between MD steps stored in the header (DELTA).</param>
    /// <param name="stepsPerFrame">MD steps between saved frames (NSAVC).</param>
    public static void Write(string path, IEnumerable<float[]> frames, int atomCount, double? cubicBox = null,
        string title = "MlCgMd trajectory", float timeStep = 1f, int stepsPerFrame = 1)
    {
        ExportFrame.RequireCubicBox(cubicBox, path);
        if (atomCount < 1)
            throw new ArgumentOutOfRangeException(nameof(atomCount), atomCount, $"'{path}': a DCD file needs at least one atom");
        AtomicFile.Write(path, (FileStream stream) =>
        {
            using var writer = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true);
            WriteHeader(writer, cubicBox is not null, title, timeStep, stepsPerFrame);
            WriteRecord(writer, 4, () => writer.Write(atomCount));

            int count = 0;
            var axis = new float[atomCount];
            foreach (var frame in frames)
            {
                ExportFrame.RequireShape(frame, atomCount, count, path);
                if (cubicBox is { } box)
                    WriteRecord(writer, DcdFormat.UnitCellBytes, () =>
                    {
                        foreach (double value in new[] { box, 0, box, 0, 0, box })
                            writer.Write(value);
                    });
                for (int k = 0; k < 3; k++)
                {
                    for (int atom = 0; atom < atomCount; atom++)
                        axis[atom] = frame[3 * atom + k];
                    WriteRecord(writer, 4 * atomCount, () =>
                    {
                        foreach (float value in axis)
                            writer.Write(value);
                    });
                }
                count++;
            }
            writer.Flush();
            stream.Position = DcdFormat.FrameCountOffset;
            writer.Write(count);
        });
    }

    private static void WriteHeader(BinaryWriter writer, bool hasUnitCell, string title, float timeStep, int stepsPerFrame)
    {
        WriteRecord(writer, DcdFormat.HeaderBytes, () =>
        {
            writer.Write("CORD"u8);
            for (int slot = 0; slot < 20; slot++)
            {
                switch (slot)
                {
                    case DcdFormat.StepsPerFrameSlot: writer.Write(stepsPerFrame); break;
                    case DcdFormat.TimeStepSlot: writer.Write(timeStep); break;
                    case DcdFormat.UnitCellSlot: writer.Write(hasUnitCell ? 1 : 0); break;
                    case DcdFormat.CharmmVersionSlot: writer.Write(DcdFormat.CharmmVersion); break;
                    default: writer.Write(0); break; // frame count is patched at the end
                }
            }
        });
        var titleBytes = Encoding.ASCII.GetBytes(title.Length > DcdFormat.TitleBytes ? title[..DcdFormat.TitleBytes] : title);
        WriteRecord(writer, 4 + DcdFormat.TitleBytes, () =>
        {
            writer.Write(1);
            writer.Write(titleBytes);
            for (int pad = titleBytes.Length; pad < DcdFormat.TitleBytes; pad++)
                writer.Write((byte)' ');
        });
    }

    private static void WriteRecord(BinaryWriter writer, int length, Action writePayload)
    {
        writer.Write(length);
        long start = writer.BaseStream.Position;
        writePayload();
        long written = writer.BaseStream.Position - start;
        if (written != length)
            throw new InvalidOperationException($"DCD record declared {length} bytes but {written} were written");
        writer.Write(length);
    }
}

namespace MlCgMd.CoarseGraining;

/// <summary>
/// Graph partitioning with METIS 5.1.0 (the library torch_sparse's <c>partition</c> wraps in the
/// official code), unweighted, with a fixed seed so repeated calls give the same parts.
/// Cases METIS handles badly are answered without calling it: one part, at least as many parts
/// as vertices, and graphs without edges.
/// </summary>
public static class Metis
{
    private static readonly Lazy<Exception?> LibraryProblem = new(CheckLibrary);

    // METIS seeds one process-wide random generator per call; concurrent calls would interleave
    // draws and break determinism, so calls are serialised.
    private static readonly Lock CallLock = new();

    /// <summary>
    /// Partitions the graph into <paramref name="parts"/> parts.
    /// Returns the part of each vertex: [graph.AtomCount], values in [0, parts). Some parts may be empty.
    /// </summary>
    /// <param name="recursive">recursive bisection (METIS_PartGraphRecursive) instead of k-way.</param>
    /// <param name="contiguous">k-way only: ask METIS for connected parts (METIS_OPTION_CONTIG);
    /// METIS ignores it, with a warning on stdout, when the graph itself is not connected.</param>
    /// <param name="seed">METIS_OPTION_SEED.</param>
    public static unsafe int[] Partition(BondGraph graph, int parts, bool recursive, bool contiguous = false, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        if (recursive && contiguous)
            throw new ArgumentException("contiguous partitions are only available for k-way partitioning (recursive: false)", nameof(contiguous));
        int n = graph.AtomCount;
        var part = new int[n];
        if (parts == 1 || n == 0) return part;
        if (parts >= n)
        {
            for (int i = 0; i < n; i++) part[i] = i;
            return part;
        }
        if (graph.Neighbors.Length == 0)
        {
            // No edges: any balanced split is optimal (zero cut); consecutive blocks keep it deterministic.
            for (int i = 0; i < n; i++) part[i] = (int)((long)i * parts / n);
            return part;
        }

        if (LibraryProblem.Value is { } problem) throw new MetisException(problem.Message, problem.InnerException);

        var options = new int[MetisNative.OptionCount];
        int nvtxs = n, ncon = 1, nparts = parts, objval = 0;
        lock (CallLock)
        fixed (int* opt = options)
        fixed (int* xadj = graph.RowPointers)
        fixed (int* adjncy = graph.Neighbors)
        fixed (int* partPtr = part)
        {
            Check(MetisNative.SetDefaultOptions(opt), "METIS_SetDefaultOptions");
            opt[MetisNative.OptionNumbering] = 0;
            opt[MetisNative.OptionSeed] = seed;
            if (contiguous) opt[MetisNative.OptionContig] = 1;
            int status = recursive
                ? MetisNative.PartGraphRecursive(&nvtxs, &ncon, xadj, adjncy, null, null, null, &nparts, null, null, opt, &objval, partPtr)
                : MetisNative.PartGraphKway(&nvtxs, &ncon, xadj, adjncy, null, null, null, &nparts, null, null, opt, &objval, partPtr);
            Check(status, recursive ? "METIS_PartGraphRecursive" : "METIS_PartGraphKway");
        }
        for (int i = 0; i < n; i++)
            if ((uint)part[i] >= (uint)parts)
                throw new MetisException($"METIS returned part {part[i]} for vertex {i}, outside [0, {parts})");
        return part;
    }

    private static void Check(int status, string function)
    {
        switch (status)
        {
            case MetisNative.Ok: return;
            case MetisNative.ErrorInput: throw new MetisException($"{function}: METIS_ERROR_INPUT (the graph or options were rejected)");
            case MetisNative.ErrorMemory: throw new MetisException($"{function}: METIS_ERROR_MEMORY (out of memory)");
            case MetisNative.Error: throw new MetisException($"{function}: METIS_ERROR");
            default: throw new MetisException($"{function}: unexpected return code {status}");
        }
    }

    /// <summary>
    /// Loads libmetis and checks idx_t is 32-bit: METIS_SetDefaultOptions writes -1 into all
    /// METIS_NOPTIONS slots, so with 64-bit idx_t it would overwrite twice as many int32 slots.
    /// </summary>
    private static unsafe Exception? CheckLibrary()
    {
        const int sentinel = 0x5A5A5A5A;
        var probe = new int[2 * MetisNative.OptionCount];
        Array.Fill(probe, sentinel);
        try
        {
            fixed (int* p = probe) MetisNative.SetDefaultOptions(p);
        }
        catch (DllNotFoundException e)
        {
            return new MetisException("METIS is not installed: libmetis.so.5 was not found (install the Debian package libmetis5; see environment/setup.sh)", e);
        }
        bool firstHalfSet = probe.AsSpan(0, MetisNative.OptionCount).IndexOfAnyExcept(-1) < 0;
        bool secondHalfUntouched = probe.AsSpan(MetisNative.OptionCount).IndexOfAnyExcept(sentinel) < 0;
        if (firstHalfSet && secondHalfUntouched) return null;
        return new MetisException("libmetis.so.5 is not built with 32-bit idx_t (as Debian's libmetis5 is); this binding supports only that build");
    }
}

using System.Runtime.InteropServices;

namespace MlCgMd.CoarseGraining;

/// <summary>
/// P/Invoke into Debian's METIS 5.1.0 (package libmetis5). Debian builds it with 32-bit
/// idx_t and real_t; <see cref="Metis"/> verifies the idx_t width before the first call.
/// The real_t arguments (tpwgts, ubvec) are always passed as null, so their width never matters.
/// </summary>
internal static unsafe class MetisNative
{
    private const string Lib = "libmetis.so.5";

    /// <summary>Length of the options array (METIS_NOPTIONS in metis.h 5.1.0).</summary>
    internal const int OptionCount = 40;

    // Option slots (enum moptions_et in metis.h 5.1.0).
    internal const int OptionNumbering = 17;
    internal const int OptionSeed = 8;
    internal const int OptionContig = 11;

    // Return codes (enum rstatus_et).
    internal const int Ok = 1;
    internal const int ErrorInput = -2;
    internal const int ErrorMemory = -3;
    internal const int Error = -4;

    [DllImport(Lib, EntryPoint = "METIS_SetDefaultOptions")]
    internal static extern int SetDefaultOptions(int* options);

    [DllImport(Lib, EntryPoint = "METIS_PartGraphKway")]
    internal static extern int PartGraphKway(int* nvtxs, int* ncon, int* xadj, int* adjncy, int* vwgt, int* vsize,
        int* adjwgt, int* nparts, float* tpwgts, float* ubvec, int* options, int* objval, int* part);

    [DllImport(Lib, EntryPoint = "METIS_PartGraphRecursive")]
    internal static extern int PartGraphRecursive(int* nvtxs, int* ncon, int* xadj, int* adjncy, int* vwgt, int* vsize,
        int* adjwgt, int* nparts, float* tpwgts, float* ubvec, int* options, int* objval, int* part);
}

namespace MlCgMd.CoarseGraining;

/// <summary>METIS refused or failed a partitioning call, or the library is not usable.</summary>
public sealed class MetisException(string message, Exception? inner = null) : Exception(message, inner);

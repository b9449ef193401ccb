namespace MlCgMd.Generation;

/// <summary>Progress of a dataset generation: chains finished, MD throughput, time left.</summary>
public sealed record GenerationProgress(string Split, int ChainsDone, int ChainsTotal, int ChainsSkipped, double MdStepsPerSecond,
                                        TimeSpan Elapsed, TimeSpan Remaining);

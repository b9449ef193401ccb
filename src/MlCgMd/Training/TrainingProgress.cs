namespace MlCgMd.Training;

/// <summary>A progress report of the training loop (for a progress display).</summary>
public sealed record TrainingProgress(long Step, long MaxSteps, double Loss, double AccLoss, double Lr,
                                      double SamplesPerSecond, TimeSpan Elapsed, TimeSpan Remaining, double? ValAccLoss);

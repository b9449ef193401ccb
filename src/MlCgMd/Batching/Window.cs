namespace MlCgMd.Batching;

/// <summary>A training sample: seq_len history frames and one target, every `dilation` frames from Start.</summary>
public readonly record struct Window(int System, int Start);

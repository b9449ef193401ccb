namespace MlCgMd.Tests.Graphs;

/// <summary>
/// Directed edges of one system in local node indices, sender-major: sorted by sender, then
/// receiver (the order <c>torch.unique(dim=0)</c> gives the official edge list).
/// Senders are message sources j, receivers targets i (torch_cluster <c>source_to_target</c>).
/// </summary>
/// <param name="Senders">[edges].</param>
/// <param name="Receivers">[edges].</param>
public sealed record EdgeIndex(int[] Senders, int[] Receivers)
{
    public int Count => Senders.Length;
}

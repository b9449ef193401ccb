namespace MlCgMd.Torch;

/// <summary>
/// Frees, when disposed, every tensor created on this thread while the scope was the
/// innermost one, except tensors moved out (<see cref="Tensor.MoveToOuterDisposeScope"/>)
/// or detached (<see cref="Tensor.DetachFromDisposeScope"/>). Written around each step of
/// a training loop or rollout, it keeps native memory flat.
/// <code>
/// using (torch.NewDisposeScope()) { var loss = model.forward(batch); loss.backward(); optimizer.step(); }
/// </code>
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly HashSet<Tensor> tensors = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    internal DisposeScope()
    {
        Outer = current;
        current = this;
    }

    /// <summary>The innermost open scope on this thread, or null.</summary>
    public static DisposeScope? Current => current;

    /// <summary>The scope that was innermost when this one opened.</summary>
    public DisposeScope? Outer { get; }

    /// <summary>Number of tensors this scope will free.</summary>
    public int Count => tensors.Count;

    internal void Add(Tensor tensor) => tensors.Add(tensor);

    internal bool Remove(Tensor tensor) => tensors.Remove(tensor);

    /// <summary>Moves a tensor to the outer scope (or to no scope) so it survives this one.</summary>
    public T MoveToOuter<T>(T tensor) where T : Tensor
    {
        if (tensors.Remove(tensor))
        {
            tensor.OwningScope = Outer;
            Outer?.Add(tensor);
        }
        return tensor;
    }

    /// <summary>Frees every tensor of the scope except the ones given.</summary>
    public void DisposeEverythingBut(params Tensor[] keep)
    {
        var keepSet = new HashSet<Tensor>(keep, ReferenceEqualityComparer.Instance);
        foreach (Tensor t in tensors.ToArray())
        {
            if (keepSet.Contains(t)) continue;
            tensors.Remove(t);
            t.OwningScope = null;
            t.Dispose();
        }
    }

    public void Dispose()
    {
        if (disposed) return;
        // Checked before anything changes, so the scope can still be disposed in the right order.
        if (current != this)
            throw new InvalidOperationException("dispose scopes must be disposed in the reverse order of creation");
        disposed = true;
        current = Outer;
        foreach (Tensor t in tensors)
        {
            t.OwningScope = null;
            t.Dispose();
        }
        tensors.Clear();
    }
}

namespace MlCgMd.Torch.Optim;

/// <summary>
/// Base of the learning-rate schedulers, with PyTorch's (1.13) counting: construction
/// already performs one <see cref="step"/> (so <see cref="last_epoch"/> is 0 and
/// <see cref="step_count"/> is 1), and each later <see cref="step"/> — called after each
/// optimizer step, or each epoch — increments both and writes the new rate into the optimizer.
/// </summary>
public abstract class LRScheduler
{
    private double lastLr;

    protected LRScheduler(Optimizer optimizer)
    {
        this.optimizer = optimizer;
        base_lr = optimizer.lr;
        last_epoch = -1;
        step_count = 0;
    }

    public Optimizer optimizer { get; }

    /// <summary>The optimizer's learning rate when the scheduler was created (PyTorch's initial_lr).</summary>
    public double base_lr { get; private set; }

    /// <summary>Number of <see cref="step"/> calls minus one (0 right after construction).</summary>
    public int last_epoch { get; private set; }

    /// <summary>Number of <see cref="step"/> calls including the one made at construction (PyTorch's _step_count).</summary>
    public int step_count { get; private set; }

    /// <summary>
    /// The rate for the current <see cref="last_epoch"/> / <see cref="step_count"/>, given the
    /// optimizer's current rate (PyTorch's chainable get_lr).
    /// </summary>
    protected abstract double get_lr();

    /// <summary>Sets the rate PyTorch's constructor sets; derived constructors call it last.</summary>
    protected void initial_step() => step();

    public void step()
    {
        step_count++;
        last_epoch++;
        lastLr = get_lr();
        optimizer.lr = lastLr;
    }

    /// <summary>The rate set by the latest <see cref="step"/>.</summary>
    public double get_last_lr() => lastLr;

    /// <summary>base_lr, last_lr (float64 scalars), last_epoch and step_count (int64 scalars); new handles in the current scope.</summary>
    public OrderedDictionary<string, Tensor> state_dict() => new()
    {
        ["base_lr"] = torch.tensor(base_lr),
        ["last_lr"] = torch.tensor(lastLr),
        ["last_epoch"] = torch.tensor((long)last_epoch),
        ["step_count"] = torch.tensor((long)step_count),
    };

    /// <summary>Restores the counters and rates (the optimizer's own rate is restored by its load_state_dict).</summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state)
    {
        string[] keys = ["base_lr", "last_lr", "last_epoch", "step_count"];
        string[] missing = keys.Where(k => !state.ContainsKey(k)).ToArray();
        if (missing.Length > 0) throw new ArgumentException("scheduler state lacks " + string.Join(", ", missing));
        string[] unexpected = state.Keys.Where(k => !keys.Contains(k)).ToArray();
        if (unexpected.Length > 0) throw new ArgumentException("unexpected scheduler state key(s): " + string.Join(", ", unexpected));
        base_lr = state["base_lr"].item<double>();
        lastLr = state["last_lr"].item<double>();
        last_epoch = checked((int)state["last_epoch"].item<long>());
        step_count = checked((int)state["step_count"].item<long>());
    }
}

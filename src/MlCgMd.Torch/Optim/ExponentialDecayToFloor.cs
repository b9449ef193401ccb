namespace MlCgMd.Torch.Optim;

/// <summary>
/// The official mlcgmd schedule (graphwm.common.CustomScheduleLR, stepped after every
/// optimizer step, the GNS schedule):
/// <code>lr = min_lr + (base_lr − min_lr) · decay_rate^(step_count / decay_steps)</code>
/// where step_count counts the scheduler's steps including the one at construction, as
/// PyTorch's _step_count does. So the k-th optimizer step (k = 0, 1, ...) runs with
/// exponent (k + 1) / decay_steps: the first update already uses a slightly decayed rate,
/// exactly as in the official code. Defaults are the paper's (min_lr 2e-6, decay_steps 2e6,
/// decay_rate 0.1).
/// </summary>
public sealed class ExponentialDecayToFloor : LRScheduler
{
    public ExponentialDecayToFloor(Optimizer optimizer, double min_lr = 2e-6, double decay_steps = 2e6, double decay_rate = 0.1)
        : base(optimizer)
    {
        if (!(decay_steps > 0)) throw new ArgumentOutOfRangeException(nameof(decay_steps), decay_steps, "decay_steps must be positive");
        if (!(decay_rate > 0)) throw new ArgumentOutOfRangeException(nameof(decay_rate), decay_rate, "decay_rate must be positive");
        this.min_lr = min_lr;
        this.decay_steps = decay_steps;
        this.decay_rate = decay_rate;
        initial_step();
    }

    public double min_lr { get; }
    public double decay_steps { get; }
    public double decay_rate { get; }

    protected override double get_lr() => min_lr + (base_lr - min_lr) * Math.Pow(decay_rate, step_count / decay_steps);
}

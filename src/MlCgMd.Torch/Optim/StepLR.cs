namespace MlCgMd.Torch.Optim;

/// <summary>Multiplies the rate by gamma every step_size steps: lr = base_lr · gamma^⌊last_epoch / step_size⌋.</summary>
public sealed class StepLR : LRScheduler
{
    public StepLR(Optimizer optimizer, int step_size, double gamma = 0.1) : base(optimizer)
    {
        if (step_size <= 0) throw new ArgumentOutOfRangeException(nameof(step_size), step_size, "step_size must be positive");
        this.step_size = step_size;
        this.gamma = gamma;
        initial_step();
    }

    public int step_size { get; }
    public double gamma { get; }

    // Chainable, like PyTorch: the decay multiplies the optimizer's current rate.
    protected override double get_lr() =>
        last_epoch == 0 || last_epoch % step_size != 0 ? optimizer.lr : optimizer.lr * gamma;
}

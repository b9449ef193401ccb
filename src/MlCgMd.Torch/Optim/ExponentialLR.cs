namespace MlCgMd.Torch.Optim;

/// <summary>Multiplies the rate by gamma every step: lr = base_lr · gamma^last_epoch.</summary>
public sealed class ExponentialLR : LRScheduler
{
    public ExponentialLR(Optimizer optimizer, double gamma) : base(optimizer)
    {
        this.gamma = gamma;
        initial_step();
    }

    public double gamma { get; }

    // Chainable, like PyTorch: the decay multiplies the optimizer's current rate.
    protected override double get_lr() => last_epoch == 0 ? optimizer.lr : optimizer.lr * gamma;
}

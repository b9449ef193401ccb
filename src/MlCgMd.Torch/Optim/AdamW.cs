namespace MlCgMd.Torch.Optim;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov and Hutter): p ← p·(1 − lr·weight_decay)
/// before the Adam update, which then uses the raw gradient.
/// </summary>
public sealed class AdamW : Adam
{
    public AdamW(IEnumerable<Parameter> @params, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
                 double weight_decay = 1e-2)
        : base(@params, lr, betas, eps, weight_decay)
    {
    }

    protected override bool decoupled_weight_decay => true;
}

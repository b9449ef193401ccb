using MlCgMd.Torch;

namespace MlCgMd.Model;

/// <summary>The training objective and its parts for one batch (scalar tensors).</summary>
/// <param name="Loss">acc_loss + score_loss + property_loss (differentiable)</param>
/// <param name="AccLoss">Gaussian negative log-likelihood of the acceleration, per bead and component</param>
/// <param name="ScoreLoss">denoising score matching loss (PnR only), else null</param>
/// <param name="PropertyLoss">squared error of the Rg head, else null</param>
/// <param name="MeanStdRatio">mean over beads of |μ| / |σ| (diagnostic)</param>
/// <param name="Entropy">mean entropy of the predicted Gaussians (diagnostic)</param>
/// <param name="ScoreNoInformation">0.5·mean(z²) of the batch's own score noise z: the score loss of a net that outputs 0 (PnR only)</param>
public sealed record LossTerms(Tensor Loss, Tensor AccLoss, Tensor? ScoreLoss, Tensor? PropertyLoss, Tensor MeanStdRatio,
                               Tensor Entropy, Tensor? ScoreNoInformation = null);
